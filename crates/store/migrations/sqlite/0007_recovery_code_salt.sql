-- Recovery codes under a salted slow hash (SPEC R2.6, ASVS 6.5.2, issue 11): each code is
-- stored as Argon2id(SHA-256(code), salt) with one random salt per set of ten. Rows from before
-- this migration hold SHA-256(code) and no salt; they are wrapped in Argon2id from Rust when the
-- store opens (`accounts::recovery`), so no one's codes are lost.
ALTER TABLE recovery_codes ADD COLUMN salt BLOB;

-- Encryption that forgets (issue 12 §3, R8.2, R8.3): one random key per expiry day, wrapped by
-- the master key. Message bodies, alert texts and sealed check-in notes are encrypted under the
-- key of the day they expire; the purge deletes a day's key once that day has passed, so what
-- expired cannot be decrypted from any copy of the database taken afterwards (crypto-shredding).
-- `day` counts days since 1970-01-01 (UTC).
CREATE TABLE day_keys (
    day BIGINT PRIMARY KEY,
    wrapped BLOB NOT NULL
);

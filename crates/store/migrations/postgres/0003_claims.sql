-- Claim links for imported accounts (R4.10): single-use, stored hashed, like invitations.
CREATE TABLE claim_tokens (
    token_hash BYTEA PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    expires_at BIGINT NOT NULL
);
CREATE INDEX claim_tokens_account ON claim_tokens (account_id);

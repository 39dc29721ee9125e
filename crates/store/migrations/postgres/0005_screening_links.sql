-- Screening links (SPEC R4.11, proof of control) and the unsafe-flag preference (R4.6, R3.8).

-- A buyer's single-use screening link. Only hashes of its two keys are stored (the link's
-- token and the read-out code). While open it keeps its exact expiry; when used, the hashes and
-- the expiry go and only the day stays (R8.1), so the buyer can see a count. Which seller used
-- it is never recorded.
CREATE TABLE screening_links (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    buyer_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash BYTEA UNIQUE,
    code_hash BYTEA UNIQUE,
    expires_at BIGINT,
    used_on TEXT,
    CHECK ((used_on IS NULL AND token_hash IS NOT NULL AND code_hash IS NOT NULL
            AND expires_at IS NOT NULL)
        OR (used_on IS NOT NULL AND token_hash IS NULL AND code_hash IS NULL
            AND expires_at IS NULL))
);
CREATE INDEX screening_links_buyer ON screening_links (buyer_id, used_on);

-- "At most N unsafe flags" (R4.6): null = no maximum. Sellers who chose a preset before it
-- existed get the preset's maximum, so their verdict keeps meaning the preset.
ALTER TABLE accounts ADD COLUMN max_unsafe BIGINT;
UPDATE accounts SET max_unsafe = 0 WHERE min_trust = 0.9 AND min_ratings = 10;
UPDATE accounts SET max_unsafe = 1 WHERE min_trust = 0.8 AND min_ratings = 5;
UPDATE accounts SET max_unsafe = 2 WHERE min_trust = 0.75 AND min_ratings = 3;

-- How many distinct sellers flagged a buyer unsafe, for the lookup's warning (R3.8): read from
-- this index over the unsafe flags only, and only for a buyer who has any.
CREATE INDEX ratings_unsafe ON ratings (buyer_id, seller_id) WHERE safe = FALSE;

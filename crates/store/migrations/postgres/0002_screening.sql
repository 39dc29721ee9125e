-- Screening (SPEC §3, §4): ratings with day precision, per-buyer counters, rating codes,
-- buyers' ratings of sellers, reporter-protection state, the governed parameter versions.

-- A seller's rating of a buyer (R4.2): one per seller, buyer and day; no text.
CREATE TABLE ratings (
    seller_id BIGINT NOT NULL REFERENCES accounts (id),
    buyer_id BIGINT NOT NULL REFERENCES accounts (id),
    day TEXT NOT NULL,
    safe BOOLEAN,
    reliable BOOLEAN,
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    -- The day it was last recorded, for the buyer's delayed view (R4.8).
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (seller_id, buyer_id, day)
);
CREATE INDEX ratings_buyer ON ratings (buyer_id, recorded_on);

-- Counters that answer a lookup with one indexed read (R3.2), updated in the rating's
-- transaction.
CREATE TABLE buyer_stats (
    buyer_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    safe_n BIGINT NOT NULL DEFAULT 0,
    safe_zeros BIGINT NOT NULL DEFAULT 0,
    reliable_n BIGINT NOT NULL DEFAULT 0,
    reliable_zeros BIGINT NOT NULL DEFAULT 0,
    interactions BIGINT NOT NULL DEFAULT 0,
    sellers BIGINT NOT NULL DEFAULT 0,
    verified BIGINT NOT NULL DEFAULT 0
);

-- Rating codes (R4.3): unique among a seller's unused codes; exact time only while needed.
CREATE TABLE rating_codes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES accounts (id),
    code TEXT NOT NULL,
    bound_buyer_id BIGINT REFERENCES accounts (id),
    generated_at BIGINT NOT NULL,
    generated_on TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'unused' CHECK (status IN ('unused', 'used', 'invalidated', 'expired')),
    used_by BIGINT
);
CREATE UNIQUE INDEX rating_codes_active ON rating_codes (seller_id, code) WHERE status = 'unused';
CREATE INDEX rating_codes_seller ON rating_codes (seller_id, generated_at);

-- A buyer's rating of a seller (R4.5): closed vocabulary, immutable.
CREATE TABLE buyer_ratings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES accounts (id),
    buyer_id BIGINT NOT NULL REFERENCES accounts (id),
    day TEXT NOT NULL,
    listing_accuracy TEXT NOT NULL,
    punctuality TEXT NOT NULL,
    professionalism TEXT NOT NULL,
    x DOUBLE PRECISION NOT NULL
);
CREATE INDEX buyer_ratings_seller ON buyer_ratings (seller_id, id);

-- What a seller sees of her received ratings, released in batches (R4.8).
CREATE TABLE seller_releases (
    seller_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    through_id BIGINT NOT NULL,
    released_on TEXT NOT NULL
);

-- The buyer's own delayed view (R4.8).
CREATE TABLE buyer_snapshots (
    buyer_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    cutoff TEXT NOT NULL,
    safe_n BIGINT NOT NULL,
    safe_zeros BIGINT NOT NULL,
    reliable_n BIGINT NOT NULL,
    reliable_zeros BIGINT NOT NULL,
    as_of TEXT NOT NULL
);

-- "Report an issue" from a lookup, for the Dispute Resolution Committee (R4.1, R7.8).
CREATE TABLE issue_reports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seller_id BIGINT NOT NULL REFERENCES accounts (id),
    buyer_id BIGINT NOT NULL REFERENCES accounts (id),
    created_on TEXT NOT NULL
);

-- The governed parameter set (R7.4): each version complete, as JSON.
CREATE TABLE param_versions (
    version BIGINT PRIMARY KEY,
    params TEXT NOT NULL,
    enacted_on TEXT NOT NULL,
    source TEXT NOT NULL
);

-- The keyed-hash slug of a seller's public verification profile (R4.9), kept so the profile
-- URL can be resolved; cleared on deletion.
ALTER TABLE accounts ADD COLUMN profile_slug TEXT;
CREATE UNIQUE INDEX accounts_profile_slug ON accounts (profile_slug);

-- Abuse detection (SPEC R9.7): flags for the Security Committee, never a punishment.
-- A flag is raised once per rule and window, whichever process counts first: the unique key
-- names the rule's subject (account keys) and its period.
CREATE TABLE abuse_flags (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL CHECK (rule IN ('brigading', 'unused_codes', 'repeat_codes',
        'unverified_unsafe', 'code_failures')),
    window_key TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    seller_id INTEGER REFERENCES accounts (id),
    buyer_id INTEGER REFERENCES accounts (id),
    count INTEGER NOT NULL,
    threshold INTEGER NOT NULL,
    UNIQUE (rule, window_key)
);
CREATE INDEX abuse_flags_raised ON abuse_flags (raised_on);

-- The day a buyer's rating was given (day precision, R8.1): brigading counts ratings given
-- within 48 hours (R9.7). Older rows have none.
ALTER TABLE buyer_ratings ADD COLUMN rated_on TEXT;
CREATE INDEX buyer_ratings_rated_on ON buyer_ratings (rated_on) WHERE rated_on IS NOT NULL;
-- The unsafe flags of the last days, without reading every rating (R9.7).
CREATE INDEX ratings_unsafe_day ON ratings (day) WHERE safe = FALSE;

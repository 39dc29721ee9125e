-- The two-person rule (SPEC R7.9; API.md "Disputes and the two-person rule"): a sensitive
-- action is requested by one authorised member and takes effect only when a second one, not
-- the requester, approves it. One row per request; the approval is one conditional update, so
-- two approvers at once enact it once (R9.2).
CREATE TABLE approvals (
    seq INTEGER PRIMARY KEY,
    -- The API's opaque id (a random token).
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('emergency', 'exclusion')),
    requested_by BIGINT NOT NULL,
    requested_at BIGINT NOT NULL,
    -- What the action needs (an emergency change: the parameter set, JSON) and why.
    payload TEXT NOT NULL,
    reason TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('awaiting_second', 'enacted')),
    approved_by BIGINT,
    approved_at BIGINT
);

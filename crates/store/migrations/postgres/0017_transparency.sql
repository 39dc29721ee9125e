-- The yearly transparency report (SPEC R7.6; charter 13.5): legal requests received in a year
-- and how they were answered, as the Governance committee entered it. Public by design: counts
-- and the committee's summary, never who asked about whom. One row per year; entering a year
-- again replaces it (the audit log keeps that it happened).
CREATE TABLE transparency_reports (
    year BIGINT PRIMARY KEY,
    received BIGINT NOT NULL CHECK (received >= 0),
    disclosed BIGINT NOT NULL CHECK (disclosed >= 0),
    refused BIGINT NOT NULL CHECK (refused >= 0),
    notified BIGINT NOT NULL CHECK (notified >= 0),
    summary TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    CHECK (disclosed + refused <= received AND notified <= received)
);

-- The yearly transparency report (SPEC R7.6; charter 13.5): legal requests received in a year
-- and how they were answered, as the Governance committee entered it. Public by design: counts
-- and the committee's summary, never who asked about whom. One row per year; entering a year
-- again replaces it (the audit log keeps that it happened).
CREATE TABLE transparency_reports (
    year INTEGER PRIMARY KEY,
    received INTEGER NOT NULL CHECK (received >= 0),
    disclosed INTEGER NOT NULL CHECK (disclosed >= 0),
    refused INTEGER NOT NULL CHECK (refused >= 0),
    notified INTEGER NOT NULL CHECK (notified >= 0),
    summary TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    CHECK (disclosed + refused <= received AND notified <= received)
);

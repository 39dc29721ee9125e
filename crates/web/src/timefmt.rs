//! Instants as the JSON API writes them (API.md: RFC 3339, UTC, whole seconds).

/// RFC 3339, UTC, whole seconds; empty for an instant `time` cannot represent.
pub fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

//! Record identity and time: UUID v7 ids (collision-free across laptops) and UTC timestamps.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A fresh UUID v7 as text, the primary key of every record.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A UUID as the 16 bytes the database keeps (history lines, package events); None if not a UUID.
pub fn id_blob(text: &str) -> Option<[u8; 16]> {
    uuid::Uuid::try_parse(text).ok().map(|u| *u.as_bytes())
}

/// A stored 16-byte UUID as the lower-case hyphenated text files and the UI carry.
pub fn id_text(bytes: &[u8]) -> String {
    uuid::Uuid::from_slice(bytes).map(|u| u.to_string()).unwrap_or_default()
}

/// The current UTC time as RFC 3339 text. Called only at the edges (store entry points), never in rules.
pub fn now() -> String {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .unwrap_or_else(OffsetDateTime::now_utc)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// `at` (RFC 3339) plus `days`, as RFC 3339 UTC; text that is no time gives "~", which sorts after
/// every date (so nothing is taken for "in the future" by mistake).
pub fn add_days(at: &str, days: i64) -> String {
    OffsetDateTime::parse(at, &Rfc3339)
        .ok()
        .and_then(|t| t.checked_add(time::Duration::days(days)))
        .and_then(|t| t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok())
        .unwrap_or_else(|| "~".into())
}

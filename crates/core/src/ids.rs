//! Record identity and time: UUID v7 ids (collision-free across laptops) and UTC timestamps.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A fresh UUID v7 as text, the primary key of every record.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
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

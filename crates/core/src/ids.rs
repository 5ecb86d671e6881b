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

/// UUID v7 ids for a large batch without asking the OS for randomness per id (RFC 9562 §6.2,
/// method 2, "monotonic random"): the 74 bits after the timestamp start at the random bits of an id
/// from the shared generator and grow by one per id, while the timestamp follows the clock (never
/// going back). The top of those bits is set, which the shared generator's counter never does, so
/// within a millisecond a batch id sorts after (and never equals) the shared ids made before it;
/// [`BatchIds::settle`] makes the ids made after it sort after it. The batch's own ids strictly
/// increase, so history lines keep the order they were written in.
pub(crate) struct BatchIds {
    unix_ms: u64,
    rand: u128,
}

impl BatchIds {
    /// The bits after the timestamp that hold randomness: 12 of `rand_a` and 62 of `rand_b`.
    const RAND_MASK: u128 = (1 << 74) - 1;
    const TOP: u128 = 1 << 73;

    pub(crate) fn new() -> BatchIds {
        let seed = uuid::Uuid::now_v7().as_u128();
        let rand_a = (seed >> 64) & 0xfff;
        let rand_b = seed & ((1 << 62) - 1);
        BatchIds { unix_ms: (seed >> 80) as u64, rand: (rand_a << 62) | rand_b | Self::TOP }
    }

    fn now_ms() -> u64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
    }

    pub(crate) fn next(&mut self) -> [u8; 16] {
        self.rand = ((self.rand + 1) & Self::RAND_MASK) | Self::TOP;
        self.unix_ms = self.unix_ms.max(Self::now_ms());
        let rand_a = self.rand >> 62;
        let rand_b = self.rand & ((1 << 62) - 1);
        let v =
            ((self.unix_ms as u128 & 0xffff_ffff_ffff) << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b;
        v.to_be_bytes()
    }

    /// Waits (about a millisecond at most) until the clock has left the batch's last millisecond, so
    /// every id the shared generator makes afterwards sorts after the batch: events are ordered by
    /// (time, id) when packages merge, so later must mean greater. The wait is bounded (2 ms), so a
    /// clock set back cannot hang a write.
    pub(crate) fn settle(&self) {
        let give_up = std::time::Instant::now() + std::time::Duration::from_millis(2);
        while Self::now_ms() <= self.unix_ms && std::time::Instant::now() < give_up {
            std::thread::sleep(std::time::Duration::from_micros(100));
        }
    }
}

//! Offline judging on many laptops: judge kits out of the master, signed score packages back in,
//! merged idempotently with conflicts kept for the organiser.

mod conflicts;
mod kit;
mod kit_dossier;
mod kit_status;
mod launch;
mod merge;
mod package;
pub mod venue;
pub mod venue_qr;

pub use conflicts::*;
pub use kit::*;
pub(crate) use kit_dossier::check_room;
pub use kit_dossier::{KitDossier, KitFile, kit_file_bytes, write_kit};
pub use kit_status::{KitStatus, kit_status};
pub use launch::*;
pub use merge::*;
pub use package::*;

use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Settings keys of a judge-mode database (made by opening a kit).
pub const MODE_KEY: &str = "mode";
pub const JUDGE_CODE_KEY: &str = "judge_code";
pub const JUDGE_KEY_KEY: &str = "judge_key";
/// The kit's list of proposals per later stage (JSON: stage code -> proposal codes).
pub const STAGE_PARTICIPANTS_KEY: &str = "kit_stage_participants";

/// HMAC-SHA256 of `payload` under `key`, as lower-case hex.
pub(crate) fn mac_hex(key: &[u8], payload: &[u8]) -> String {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(payload);
    to_hex(&mac.finalize().into_bytes())
}

/// Constant-time check of a hex MAC.
pub(crate) fn mac_ok(key: &[u8], payload: &[u8], hex: &str) -> bool {
    let Some(tag) = from_hex(hex) else { return false };
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(payload);
    mac.verify_slice(&tag).is_ok()
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Strict lower-case hex: a package whose MAC differs by a single letter's case is a different file.
pub(crate) fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

/// A fresh 256-bit key from the operating system's random source.
pub(crate) fn new_key() -> Vec<u8> {
    let mut k = vec![0u8; 32];
    getrandom::fill(&mut k).expect("the OS random source is available");
    k
}

//! Documents generated from the demo database and read back with poppler-utils; modules mirror src/.

mod docs;
mod export;
mod look;
mod support;

//! Which judges need a new kit: when a kit is exported, the master remembers a digest of what it
//! held (setup, proposals, dossiers, later stages' participants); a judge whose kit would hold
//! something else now (a dossier file replaced, a section edited, a finalist list made) needs an
//! updated kit. Opening it on the judge's laptop keeps their scores.

use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{JudgeKit, to_hex};
use crate::error::Result;
use crate::judges::{Judge, list_judges};

/// The settings key under which a judge's last kit is remembered: "<digest> <exported at>".
fn key(judge: &Judge) -> String {
    format!("kit_export:{}", judge.id)
}

/// One judge's kit on the master.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct KitStatus {
    pub judge: String,
    pub name: String,
    /// When the last kit was exported; None: never.
    pub exported_at: Option<String>,
    /// The last kit holds what a kit exported now would (false when never exported).
    pub up_to_date: bool,
}

/// A digest of what matters in a kit: not the key, not the time it was made.
fn digest(kit: &JudgeKit) -> String {
    let content = serde_json::json!({
        "setup": kit.setup,
        "proposals": kit.proposals,
        "judge": kit.judge,
        "stage_participants": kit.stage_participants,
        "dossiers": kit.dossiers,
    });
    to_hex(&Sha256::digest(content.to_string().as_bytes()))
}

pub(crate) fn remember_export(tx: &Connection, judge: &Judge, kit: &JudgeKit, now: &str) -> Result<()> {
    crate::db::put_setting(tx, &key(judge), &format!("{} {now}", digest(kit)))
}

/// Every judge of the competition with their last kit's export time and whether it is current.
pub fn kit_status(conn: &Connection, competition_id: &str) -> Result<Vec<KitStatus>> {
    let mut out = Vec::new();
    for judge in list_judges(conn, competition_id)? {
        let remembered = crate::db::get_setting(conn, &key(&judge))?;
        let (exported, at) = match remembered.as_deref().and_then(|v| v.split_once(' ')) {
            Some((d, at)) => (Some(d.to_string()), Some(at.to_string())),
            None => (None, None),
        };
        let up_to_date = match &exported {
            Some(d) => *d == digest(&super::kit::kit_content(conn, competition_id, &judge, "")?),
            None => false,
        };
        out.push(KitStatus { judge: judge.code, name: judge.name, exported_at: at, up_to_date });
    }
    Ok(out)
}

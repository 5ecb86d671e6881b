//! Quarterly reports (realisation per indicator, narrative, evidence stored in the database) and
//! evaluations at the end of a period.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::indicators::check_quarter;
use super::model::*;
use super::registry::{append_history, live_innovation};
use crate::error::{Entity, Error, InputProblem, Result};
use crate::ids::new_id;
use crate::proposals::Actor;

/// Evidence files above this size are refused (a photo, a scan or a short PDF fits easily).
pub const MAX_EVIDENCE_BYTES: u64 = 10 * 1024 * 1024;

fn report_from_row(r: &rusqlite::Row) -> rusqlite::Result<QuarterlyReport> {
    Ok(QuarterlyReport {
        id: r.get(0)?,
        innovation_id: r.get(1)?,
        year: r.get(2)?,
        quarter: r.get(3)?,
        narrative: r.get(4)?,
        obstacles: r.get(5)?,
        follow_up: r.get(6)?,
        reported_by: r.get(7)?,
        reported_at: r.get(8)?,
        updated_at: r.get(9)?,
        values: Vec::new(),
        evidence: Vec::new(),
    })
}

const REPORT_SELECT: &str = "SELECT id, innovation_id, year, quarter, narrative, obstacles, follow_up, reported_by,
        reported_at, updated_at FROM quarterly_report";

fn fill(conn: &Connection, mut r: QuarterlyReport) -> Result<QuarterlyReport> {
    let mut values = conn.prepare_cached(
        "SELECT v.indicator_id, v.realisation FROM report_value v JOIN indicator i ON i.id = v.indicator_id
         WHERE v.report_id = ?1 AND i.deleted_at IS NULL ORDER BY i.position",
    )?;
    r.values = values
        .query_map([&r.id], |x| Ok(ReportValue { indicator_id: x.get(0)?, realisation: x.get(1)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut ev = conn.prepare_cached(
        "SELECT id, file_name, mime, size, sha256, added_by, added_at FROM report_evidence
         WHERE report_id = ?1 ORDER BY added_at, rowid",
    )?;
    r.evidence = ev
        .query_map([&r.id], |x| {
            Ok(EvidenceInfo {
                id: x.get(0)?,
                file_name: x.get(1)?,
                mime: x.get(2)?,
                size: x.get(3)?,
                sha256: x.get(4)?,
                added_by: x.get(5)?,
                added_at: x.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(r)
}

/// The reports of an innovation, oldest quarter first.
pub fn list_reports(conn: &Connection, innovation_id: &str) -> Result<Vec<QuarterlyReport>> {
    let mut stmt = conn.prepare(&format!("{REPORT_SELECT} WHERE innovation_id = ?1 ORDER BY year, quarter"))?;
    let rows = stmt.query_map([innovation_id], report_from_row)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|r| fill(conn, r)).collect()
}

pub fn get_report(conn: &Connection, id: &str) -> Result<QuarterlyReport> {
    let r = conn
        .query_row(&format!("{REPORT_SELECT} WHERE id = ?1"), [id], report_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Report, key: id.to_string() })?;
    fill(conn, r)
}

/// The report of an innovation for a quarter, if one was received.
pub fn find_report(conn: &Connection, innovation_id: &str, year: i32, quarter: u8) -> Result<Option<QuarterlyReport>> {
    let r = conn
        .query_row(
            &format!("{REPORT_SELECT} WHERE innovation_id = ?1 AND year = ?2 AND quarter = ?3"),
            params![innovation_id, year, quarter],
            report_from_row,
        )
        .optional()?;
    r.map(|r| fill(conn, r)).transpose()
}

/// Saves the report of a quarter: creates it on first save (who and when it was received), then
/// updates its texts and the realisations it names. Every save lands in the innovation's history.
pub fn save_report(
    tx: &Connection,
    innovation_id: &str,
    input: ReportInput,
    actor: &Actor,
    now: &str,
) -> Result<QuarterlyReport> {
    live_innovation(tx, innovation_id)?;
    check_quarter(input.year, input.quarter)?;
    let narrative = checked_text("narasi", &input.narrative, MAX_LONG_TEXT, false)?;
    let obstacles = checked_text("kendala", &input.obstacles, MAX_LONG_TEXT, false)?;
    let follow_up = checked_text("tindak_lanjut", &input.follow_up, MAX_LONG_TEXT, false)?;
    for v in &input.values {
        if !v.realisation.is_finite() {
            return Err(Error::InvalidInput {
                field: "realisasi",
                problem: InputProblem::NotANumber(v.realisation.to_string()),
            });
        }
        let owner: Option<String> = tx
            .query_row(
                "SELECT innovation_id FROM indicator WHERE id = ?1 AND deleted_at IS NULL",
                [&v.indicator_id],
                |r| r.get(0),
            )
            .optional()?;
        if owner.as_deref() != Some(innovation_id) {
            return Err(Error::NotFound { what: Entity::Indicator, key: v.indicator_id.clone() });
        }
    }
    let old = find_report(tx, innovation_id, input.year, input.quarter)?;
    let id = match &old {
        Some(r) => {
            tx.execute(
                "UPDATE quarterly_report SET narrative = ?2, obstacles = ?3, follow_up = ?4, updated_at = ?5 WHERE id = ?1",
                params![r.id, narrative, obstacles, follow_up, now],
            )?;
            r.id.clone()
        }
        None => {
            let id = new_id();
            tx.execute(
                "INSERT INTO quarterly_report (id, innovation_id, year, quarter, narrative, obstacles, follow_up,
                                               reported_by, reported_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![id, innovation_id, input.year, input.quarter, narrative, obstacles, follow_up, actor.name, now],
            )?;
            id
        }
    };
    let mut put = tx.prepare_cached(
        "INSERT INTO report_value (report_id, indicator_id, realisation) VALUES (?1, ?2, ?3)
         ON CONFLICT (report_id, indicator_id) DO UPDATE SET realisation = excluded.realisation",
    )?;
    for v in &input.values {
        put.execute(params![id, v.indicator_id, v.realisation])?;
    }
    let new = get_report(tx, &id)?;
    let before = old.as_ref().map(|r| serde_json::to_value(&r.values).unwrap_or_default());
    let changes = json!({
        "triwulan": format!("{} TW{}", input.year, input.quarter),
        "realisasi": [before, serde_json::to_value(&new.values).unwrap_or_default()],
    });
    let action = if old.is_some() { "report_updated" } else { "report" };
    append_history(tx, innovation_id, actor, now, action, changes, "")?;
    Ok(new)
}

/// Stores an evidence file with a report. Files over `MAX_EVIDENCE_BYTES` are refused.
pub fn add_evidence(
    tx: &Connection,
    report_id: &str,
    file_name: &str,
    mime: &str,
    bytes: &[u8],
    actor: &Actor,
    now: &str,
) -> Result<EvidenceInfo> {
    let size = bytes.len() as u64;
    if size > MAX_EVIDENCE_BYTES {
        return Err(Error::InvalidInput {
            field: "bukti",
            problem: InputProblem::FileTooLarge { size, limit: MAX_EVIDENCE_BYTES },
        });
    }
    if bytes.is_empty() {
        return Err(Error::InvalidInput { field: "bukti", problem: InputProblem::Required });
    }
    let report = get_report(tx, report_id)?;
    live_innovation(tx, &report.innovation_id)?;
    // Only the base name is kept: a path from another laptop means nothing here.
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name = checked_text("bukti", base, 255, true)?;
    let mime = checked_text("bukti", mime, 100, false)?;
    let sha = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let id = new_id();
    tx.execute(
        "INSERT INTO report_evidence (id, report_id, file_name, mime, size, sha256, data, added_by, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id, report_id, name, mime, size as i64, sha, bytes, actor.name, now],
    )?;
    let changes = json!({ "bukti": [null, format!("{name} ({} TW{})", report.year, report.quarter)] });
    append_history(tx, &report.innovation_id, actor, now, "evidence_added", changes, "")?;
    Ok(EvidenceInfo {
        id,
        file_name: name,
        mime,
        size: size as u32,
        sha256: sha,
        added_by: actor.name.clone(),
        added_at: now.to_string(),
    })
}

/// The stored bytes of an evidence file with its description.
pub fn evidence_file(conn: &Connection, id: &str) -> Result<(EvidenceInfo, Vec<u8>)> {
    conn.query_row(
        "SELECT id, file_name, mime, size, sha256, added_by, added_at, data FROM report_evidence WHERE id = ?1",
        [id],
        |x| {
            Ok((
                EvidenceInfo {
                    id: x.get(0)?,
                    file_name: x.get(1)?,
                    mime: x.get(2)?,
                    size: x.get(3)?,
                    sha256: x.get(4)?,
                    added_by: x.get(5)?,
                    added_at: x.get(6)?,
                },
                x.get(7)?,
            ))
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound { what: Entity::Evidence, key: id.to_string() })
}

/// Deletes an evidence file (its bytes go; the history keeps its name, size and checksum).
pub fn remove_evidence(tx: &Connection, id: &str, actor: &Actor, now: &str) -> Result<()> {
    let (info, _) = evidence_file(tx, id)?;
    let innovation_id: String = tx.query_row(
        "SELECT r.innovation_id FROM report_evidence e JOIN quarterly_report r ON r.id = e.report_id WHERE e.id = ?1",
        [id],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM report_evidence WHERE id = ?1", [id])?;
    let changes = json!({ "bukti": [format!("{} ({} B, sha256 {})", info.file_name, info.size, info.sha256), null] });
    append_history(tx, &innovation_id, actor, now, "evidence_removed", changes, "")
}

/// Records (or replaces) the evaluation of an innovation for a period.
pub fn save_evaluation(
    tx: &Connection,
    innovation_id: &str,
    input: EvaluationInput,
    actor: &Actor,
    now: &str,
) -> Result<Evaluation> {
    live_innovation(tx, innovation_id)?;
    let period = checked_text("periode", &input.period, 20, true)?;
    let recommendation = checked_text("rekomendasi", &input.recommendation, MAX_LONG_TEXT, false)?;
    let old: Option<String> = tx
        .query_row(
            "SELECT verdict FROM evaluation WHERE innovation_id = ?1 AND period = ?2",
            params![innovation_id, period],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        "INSERT INTO evaluation (id, innovation_id, period, verdict, recommendation, evaluated_by, evaluated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (innovation_id, period) DO UPDATE SET verdict = excluded.verdict,
             recommendation = excluded.recommendation, evaluated_by = excluded.evaluated_by,
             evaluated_at = excluded.evaluated_at",
        params![new_id(), innovation_id, period, input.verdict.as_str(), recommendation, actor.name, now],
    )?;
    let changes = json!({ "evaluasi": format!("{period}"), "hasil": [old, input.verdict.as_str()] });
    append_history(tx, innovation_id, actor, now, "evaluation", changes, &recommendation)?;
    list_evaluations(tx, innovation_id)?
        .into_iter()
        .find(|e| e.period == period)
        .ok_or_else(|| Error::NotFound { what: Entity::Innovation, key: innovation_id.to_string() })
}

pub fn list_evaluations(conn: &Connection, innovation_id: &str) -> Result<Vec<Evaluation>> {
    let mut stmt = conn.prepare(
        "SELECT id, period, verdict, recommendation, evaluated_by, evaluated_at FROM evaluation
         WHERE innovation_id = ?1 ORDER BY period",
    )?;
    let rows = stmt
        .query_map([innovation_id], |r| {
            let verdict: String = r.get(2)?;
            Ok(Evaluation {
                id: r.get(0)?,
                period: r.get(1)?,
                verdict: Verdict::parse(&verdict).unwrap_or(Verdict::Berlanjut),
                recommendation: r.get(3)?,
                evaluated_by: r.get(4)?,
                evaluated_at: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

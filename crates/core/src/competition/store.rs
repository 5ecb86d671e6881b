//! Reading and writing competitions. Functions take an open transaction; callers commit.

use rusqlite::{Connection, OptionalExtension, params};

use super::model::*;
use crate::error::{Entity, Error, Result};
use crate::ids::new_id;

const ACTIVE_KEY: &str = "active_competition";

/// Creates a competition from a setup (validated first; nothing is written when it is invalid).
pub fn create_competition(tx: &Connection, setup: Setup, now: &str) -> Result<String> {
    create_competition_with_id(tx, &new_id(), setup, now)
}

/// Creates a competition under a given id (a judge's laptop keeps the master's id).
pub fn create_competition_with_id(tx: &Connection, id: &str, setup: Setup, now: &str) -> Result<String> {
    let setup = setup.normalised()?;
    let id = id.to_string();
    tx.execute(
        "INSERT INTO competition (id, name, year, organiser, place, normalisation, disagreement_threshold,
                                  tie_break, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            id,
            setup.name,
            setup.year,
            setup.organiser,
            setup.place,
            normalisation_text(setup.normalisation),
            setup.disagreement_threshold,
            serde_json::to_string(&setup.tie_break).expect("strings serialise"),
            now
        ],
    )?;
    write_structure(tx, &id, &setup)?;
    set_active_competition(tx, &id)?;
    Ok(id)
}

/// Replaces a competition's setup. Categories, stages and criteria keep their ids when their
/// code stays; ones left out are removed, which fails with `InUse` while proposals refer to them.
pub fn update_competition(tx: &Connection, id: &str, setup: Setup, now: &str) -> Result<()> {
    let setup = setup.normalised()?;
    let n = tx.execute(
        "UPDATE competition SET name = ?2, year = ?3, organiser = ?4, place = ?5, normalisation = ?6,
                disagreement_threshold = ?7, tie_break = ?8, updated_at = ?9
         WHERE id = ?1 AND deleted_at IS NULL",
        params![
            id,
            setup.name,
            setup.year,
            setup.organiser,
            setup.place,
            normalisation_text(setup.normalisation),
            setup.disagreement_threshold,
            serde_json::to_string(&setup.tie_break).expect("strings serialise"),
            now
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound { what: Entity::Competition, key: id.to_string() });
    }
    write_structure(tx, id, &setup)
}

fn write_structure(tx: &Connection, competition_id: &str, setup: &Setup) -> Result<()> {
    let dossier = setup.dossier.as_ref().map(|d| serde_json::to_string(d).expect("dossier setup serialises"));
    tx.execute("UPDATE competition SET dossier = ?2 WHERE id = ?1", params![competition_id, dossier])?;
    write_categories(tx, competition_id, setup)?;
    let mut keep_stages = Vec::new();
    for (pos, s) in setup.stages.iter().enumerate() {
        let sid = write_stage(tx, competition_id, pos, s)?;
        write_criteria(tx, &sid, &s.criteria)?;
        keep_stages.push(sid);
    }
    // Criteria of removed stages go first (foreign keys).
    let mut stmt = tx.prepare("SELECT id FROM stage WHERE competition_id = ?1")?;
    let all: Vec<String> = stmt.query_map([competition_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    for sid in all.iter().filter(|s| !keep_stages.contains(s)) {
        tx.execute("DELETE FROM criterion WHERE stage_id = ?1", [sid])?;
    }
    remove_unlisted(tx, "stage", "competition_id", competition_id, &keep_stages, Entity::Stage)?;
    Ok(())
}

/// Categories: updated by code, added, and the ones no longer listed removed (refused when in use).
fn write_categories(tx: &Connection, competition_id: &str, setup: &Setup) -> Result<()> {
    let mut keep = Vec::new();
    for (pos, c) in setup.categories.iter().enumerate() {
        let existing: Option<String> = tx
            .query_row(
                "SELECT id FROM category WHERE competition_id = ?1 AND code = ?2",
                params![competition_id, c.code],
                |r| r.get(0),
            )
            .optional()?;
        let cid = match existing {
            Some(cid) => {
                tx.execute(
                    "UPDATE category SET position = ?2, name = ?3, quota = ?4 WHERE id = ?1",
                    params![cid, pos as i64, c.name, c.quota],
                )?;
                cid
            }
            None => {
                let cid = new_id();
                tx.execute(
                    "INSERT INTO category (id, competition_id, position, code, name, quota) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![cid, competition_id, pos as i64, c.code, c.name, c.quota],
                )?;
                cid
            }
        };
        keep.push(cid);
    }
    remove_unlisted(tx, "category", "competition_id", competition_id, &keep, Entity::Category)
}

/// One stage, updated by code or added; its id.
fn write_stage(tx: &Connection, competition_id: &str, pos: usize, s: &super::StageSetup) -> Result<String> {
    let existing: Option<String> = tx
        .query_row(
            "SELECT id FROM stage WHERE competition_id = ?1 AND code = ?2",
            params![competition_id, s.code],
            |r| r.get(0),
        )
        .optional()?;
    let kind = match s.kind {
        StageKind::Desk => "desk",
        StageKind::Venue => "venue",
    };
    let sid = match existing {
        Some(sid) => {
            tx.execute(
                "UPDATE stage SET position = ?2, name = ?3, kind = ?4, weight = ?5, passing_grade = ?6,
                        finalists_per_category = ?7 WHERE id = ?1",
                params![sid, pos as i64, s.name, kind, s.weight, s.passing_grade, s.finalists_per_category],
            )?;
            sid
        }
        None => {
            let sid = new_id();
            tx.execute(
                "INSERT INTO stage (id, competition_id, position, code, name, kind, weight, passing_grade,
                                    finalists_per_category)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    sid,
                    competition_id,
                    pos as i64,
                    s.code,
                    s.name,
                    kind,
                    s.weight,
                    s.passing_grade,
                    s.finalists_per_category
                ],
            )?;
            sid
        }
    };
    Ok(sid)
}

/// A stage's criteria: updated by code, added, the ones no longer listed removed (refused when scored).
fn write_criteria(tx: &Connection, sid: &str, criteria: &[super::CriterionSetup]) -> Result<()> {
    let mut keep_crit = Vec::new();
    for (cpos, c) in criteria.iter().enumerate() {
        let existing: Option<String> = tx
            .query_row("SELECT id FROM criterion WHERE stage_id = ?1 AND code = ?2", params![sid, c.code], |r| r.get(0))
            .optional()?;
        let crid = match existing {
            Some(crid) => {
                tx.execute(
                    "UPDATE criterion SET position = ?2, name = ?3, description = ?4, weight = ?5, min = ?6, max = ?7,
                            section = ?8 WHERE id = ?1",
                    params![crid, cpos as i64, c.name, c.description, c.weight, c.min, c.max, c.section],
                )?;
                crid
            }
            None => {
                let crid = new_id();
                tx.execute(
                    "INSERT INTO criterion (id, stage_id, position, code, name, description, weight, min, max, section)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![crid, sid, cpos as i64, c.code, c.name, c.description, c.weight, c.min, c.max, c.section],
                )?;
                crid
            }
        };
        keep_crit.push(crid);
    }
    remove_unlisted(tx, "criterion", "stage_id", sid, &keep_crit, Entity::Criterion)
}

fn remove_unlisted(
    tx: &Connection,
    table: &str,
    parent_col: &str,
    parent: &str,
    keep: &[String],
    what: Entity,
) -> Result<()> {
    let mut stmt = tx.prepare(&format!("SELECT id, code FROM {table} WHERE {parent_col} = ?1"))?;
    let rows: Vec<(String, String)> =
        stmt.query_map([parent], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    for (id, code) in rows.into_iter().filter(|(id, _)| !keep.contains(id)) {
        match tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [&id]) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ConstraintViolation => {
                return Err(Error::InUse { what, key: code });
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Loads a competition with its whole setup, in setup order.
pub fn load_competition(conn: &Connection, id: &str) -> Result<Competition> {
    let row = conn
        .query_row(
            "SELECT name, year, organiser, place, normalisation, disagreement_threshold, tie_break, created_at, updated_at,
                    dossier
             FROM competition WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, f64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Competition, key: id.to_string() })?;
    let (name, year, organiser, place, norm, threshold, tie_break, created_at, updated_at, dossier) = row;
    let dossier = match dossier {
        Some(json) => Some(serde_json::from_str(&json).map_err(|_| Error::Damaged(format!("dossier {id}")))?),
        None => None,
    };

    let mut stmt =
        conn.prepare("SELECT code, name, quota FROM category WHERE competition_id = ?1 ORDER BY position")?;
    let categories = stmt
        .query_map([id], |r| Ok(CategorySetup { code: r.get(0)?, name: r.get(1)?, quota: r.get(2)? }))?
        .collect::<Result<Vec<_>, _>>()?;

    let stages = load_stages(conn, id)?;
    Ok(Competition {
        id: id.to_string(),
        setup: Setup {
            name,
            year,
            organiser,
            place,
            categories,
            stages,
            tie_break: serde_json::from_str(&tie_break).map_err(|_| Error::Damaged(format!("tie_break {id}")))?,
            normalisation: if norm == "zscore" { Normalisation::Zscore } else { Normalisation::None },
            disagreement_threshold: threshold,
            dossier,
        },
        created_at,
        updated_at,
    })
}

/// A competition's stages in setup order, each with its criteria.
fn load_stages(conn: &Connection, id: &str) -> Result<Vec<StageSetup>> {
    let mut stmt = conn.prepare(
        "SELECT id, code, name, kind, weight, passing_grade, finalists_per_category FROM stage
         WHERE competition_id = ?1 ORDER BY position",
    )?;
    let stage_rows = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                StageSetup {
                    code: r.get(1)?,
                    name: r.get(2)?,
                    kind: if r.get::<_, String>(3)? == "venue" { StageKind::Venue } else { StageKind::Desk },
                    weight: r.get(4)?,
                    passing_grade: r.get(5)?,
                    finalists_per_category: r.get(6)?,
                    criteria: Vec::new(),
                },
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut crit = conn.prepare(
        "SELECT code, name, description, weight, min, max, section FROM criterion WHERE stage_id = ?1
         ORDER BY position",
    )?;
    let mut stages = Vec::new();
    for (sid, mut s) in stage_rows {
        s.criteria = crit
            .query_map([sid], |r| {
                Ok(CriterionSetup {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    weight: r.get(3)?,
                    min: r.get(4)?,
                    max: r.get(5)?,
                    section: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        stages.push(s);
    }
    Ok(stages)
}

pub fn list_competitions(conn: &Connection) -> Result<Vec<CompetitionSummary>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, c.year, c.organiser, c.created_at,
                (SELECT count(*) FROM category k WHERE k.competition_id = c.id),
                (SELECT count(*) FROM proposal p WHERE p.competition_id = c.id AND p.deleted_at IS NULL)
         FROM competition c WHERE c.deleted_at IS NULL ORDER BY c.year DESC, c.created_at DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(CompetitionSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                year: r.get(2)?,
                organiser: r.get(3)?,
                created_at: r.get(4)?,
                categories: r.get(5)?,
                proposals: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The competition the CLI and the app work on: the one last opened, else the newest.
pub fn active_competition(conn: &Connection) -> Result<Option<String>> {
    let chosen: Option<String> = conn
        .query_row(
            "SELECT s.value FROM settings s JOIN competition c ON c.id = s.value
             WHERE s.key = ?1 AND c.deleted_at IS NULL",
            [ACTIVE_KEY],
            |r| r.get(0),
        )
        .optional()?;
    if chosen.is_some() {
        return Ok(chosen);
    }
    Ok(conn
        .query_row(
            "SELECT id FROM competition WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_active_competition(tx: &Connection, id: &str) -> Result<()> {
    crate::db::put_setting(tx, ACTIVE_KEY, id)
}

/// Category id by code within a competition.
pub fn category_id(conn: &Connection, competition_id: &str, code: &str) -> Result<String> {
    conn.query_row("SELECT id FROM category WHERE competition_id = ?1 AND code = ?2", [competition_id, code], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { what: Entity::Category, key: code.to_string() })
}

fn normalisation_text(n: Normalisation) -> &'static str {
    match n {
        Normalisation::None => "none",
        Normalisation::Zscore => "zscore",
    }
}

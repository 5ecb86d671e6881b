//! Storing survey responses and reading them back per unit and period.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::compute::{Answers, IkmResult, ikm_from_tally};
use crate::error::{Entity, Error, InputProblem, Result};
use crate::ids::new_id;
use crate::import::{ColumnSpec, Columns, RowError, col, read_table};
use crate::text::{match_key, tidy};

pub const IKM_COLUMNS: &[ColumnSpec] = &[
    col("unit", "unit", true),
    col("periode", "period", true),
    col("u1", "u1", true),
    col("u2", "u2", true),
    col("u3", "u3", true),
    col("u4", "u4", true),
    col("u5", "u5", true),
    col("u6", "u6", true),
    col("u7", "u7", true),
    col("u8", "u8", true),
    col("u9", "u9", true),
    col("jenis_kelamin", "gender", false),
    col("umur", "age", false),
    col("pendidikan", "education", false),
    col("pekerjaan", "occupation", false),
];

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IkmImportSummary {
    pub respondents: usize,
    /// (unit, period) pairs in the file; their earlier responses were replaced.
    pub surveys: usize,
    pub replaced: usize,
}

/// The respondent's profile columns, in the order they are stored.
pub(crate) const PROFILE_FIELDS: [&str; 4] = ["jenis_kelamin", "umur", "pendidikan", "pekerjaan"];

/// The length limit of an IKM text field (a unit's name, a period, a profile answer).
pub(crate) fn check_text(field: &'static str, value: &str) -> Result<()> {
    let max = if field == "unit" { crate::limits::NAME } else { crate::limits::SHORT };
    crate::limits::check(field, value, max)
}

/// A service unit as a survey knows it: the name its responses are stored under and every key
/// they may be found by. A unit on the monitoring list (`org_unit`) is found by its name or its
/// code (FORMATS.md §7: "service unit name or code") and stored under its listed name, so `U01`
/// and "Dinas Kependudukan dan Pencatatan Sipil" are one survey; its code's key is kept for
/// responses stored under the code before units were resolved. Any other unit is taken as typed.
pub(crate) struct SurveyUnit {
    pub name: String,
    pub keys: Vec<String>,
}

pub(crate) fn resolve_unit(conn: &Connection, typed: &str) -> Result<SurveyUnit> {
    let typed = tidy(typed);
    Ok(match crate::monitoring::find_unit(conn, &typed)? {
        Some(u) => {
            let mut keys = vec![match_key(&u.name)];
            if !u.code.is_empty() && !keys.contains(&match_key(&u.code)) {
                keys.push(match_key(&u.code));
            }
            SurveyUnit { name: u.name, keys }
        }
        None => SurveyUnit { keys: vec![match_key(&typed)], name: typed },
    })
}

impl SurveyUnit {
    /// The keys as the two parameters of `unit_key IN (?a, ?b)` (the first twice when there is one).
    pub(crate) fn key_pair(&self) -> (&str, &str) {
        (&self.keys[0], self.keys.get(1).unwrap_or(&self.keys[0]))
    }
}

struct Row {
    number: usize,
    unit: String,
    period: String,
    answers: Answers,
    profile: [String; 4],
}

fn parse(bytes: &[u8]) -> Result<Vec<Row>> {
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, IKM_COLUMNS)?;
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for r in &table.rows {
        let n = r.number;
        let unit = tidy(cols.get(r, "unit"));
        let period = tidy(cols.get(r, "periode"));
        let before = errors.len();
        if unit.is_empty() {
            errors.push(RowError::new(n, "unit", InputProblem::Required));
        }
        if period.is_empty() {
            errors.push(RowError::new(n, "periode", InputProblem::Required));
        }
        for (field, value) in [("unit", &unit), ("periode", &period)] {
            if let Err(Error::InvalidInput { field, problem }) = check_text(field, value) {
                errors.push(RowError::new(n, field, problem));
            }
        }
        let mut answers: Answers = [None; 9];
        for (i, a) in answers.iter_mut().enumerate() {
            let name = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"][i];
            let cell = cols.get(r, name);
            if cell.is_empty() {
                continue;
            }
            match crate::text::parse_decimal(cell) {
                Some(v) if v.fract() == 0.0 && (1.0..=4.0).contains(&v) => *a = Some(v as u8),
                _ => errors.push(RowError::new(n, name, InputProblem::BadAnswer(cell.to_string()))),
            }
        }
        let profile = PROFILE_FIELDS.map(|c| tidy(cols.get(r, c)));
        for (&field, value) in PROFILE_FIELDS.iter().zip(&profile) {
            if let Err(Error::InvalidInput { field, problem }) = check_text(field, value) {
                errors.push(RowError::new(n, field, problem));
            }
        }
        if errors.len() == before {
            rows.push(Row { number: n, unit, period, answers, profile });
        }
    }
    if !errors.is_empty() {
        return Err(Error::ImportRefused { errors });
    }
    Ok(rows)
}

/// Imports a survey file in one transaction. A file holds whole surveys: for every (unit, period)
/// it contains, earlier responses are replaced, so importing an updated spreadsheet again does not
/// count anyone twice. Any answer outside 1–4 refuses the whole file.
pub fn import_ikm(tx: &Connection, bytes: &[u8], now: &str) -> Result<IkmImportSummary> {
    let mut rows = parse(bytes)?;
    // Units by name or code: each distinct spelling is looked up once.
    let mut units: std::collections::HashMap<String, SurveyUnit> = std::collections::HashMap::new();
    for r in &mut rows {
        let typed = match_key(&r.unit);
        if !units.contains_key(&typed) {
            units.insert(typed.clone(), resolve_unit(tx, &r.unit)?);
        }
        r.unit = units[&typed].name.clone();
    }
    let mut surveys: std::collections::BTreeMap<(String, String), (String, String)> = Default::default();
    let keys: std::collections::HashMap<&str, (&str, &str)> =
        units.values().map(|u| (u.name.as_str(), u.key_pair())).collect();
    for r in &rows {
        let (a, b) = keys[r.unit.as_str()];
        surveys.insert((match_key(&r.unit), r.period.clone()), (a.to_string(), b.to_string()));
    }
    let mut replaced = 0;
    for ((_, period), (a, b)) in &surveys {
        replaced +=
            tx.execute("DELETE FROM ikm_response WHERE unit_key IN (?1, ?2) AND period = ?3", params![a, b, period])?;
    }
    for r in &rows {
        insert_response(
            tx,
            &r.unit,
            &r.period,
            r.number as i64,
            &r.answers,
            r.profile.each_ref().map(String::as_str),
            now,
        )?;
    }
    Ok(IkmImportSummary { respondents: rows.len(), surveys: surveys.len(), replaced })
}

/// Stores one respondent (`row` is where it came from: a spreadsheet row, or the next number when
/// typed by hand); `profile` is gender, age, education, occupation.
pub(crate) fn insert_response(
    tx: &Connection,
    unit: &str,
    period: &str,
    row: i64,
    answers: &[Option<u8>],
    profile: [&str; 4],
    now: &str,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO ikm_response (id, unit, unit_key, period, row_number, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                                   gender, age, education, occupation, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    let a = |i: usize| answers.get(i).copied().flatten();
    insert.execute(params![
        new_id(),
        unit,
        match_key(unit),
        period,
        row,
        a(0),
        a(1),
        a(2),
        a(3),
        a(4),
        a(5),
        a(6),
        a(7),
        a(8),
        profile[0],
        profile[1],
        profile[2],
        profile[3],
        now
    ])?;
    Ok(())
}

/// The index of one unit (by name, matched loosely, or by its code on the unit list) and period.
/// The database counts and sums the answers per unsur (one indexed pass, no row reaches Rust); the
/// name is the survey's first row's.
pub fn ikm_for(conn: &Connection, unit: &str, period: &str) -> Result<IkmResult> {
    let survey = resolve_unit(conn, unit)?;
    let (a, b) = survey.key_pair();
    let mut sql = String::from("SELECT unit, min(row_number), count(*)");
    for u in 1..=9 {
        sql.push_str(&format!(", count(u{u}), coalesce(sum(u{u}), 0)"));
    }
    sql.push_str(" FROM ikm_response WHERE unit_key IN (?1, ?2) AND period = ?3");
    let (name, respondents, tally) = conn.query_row(&sql, params![a, b, tidy(period)], |r| {
        let mut tally = [(0u64, 0u64); 9];
        for (i, t) in tally.iter_mut().enumerate() {
            *t = (r.get::<_, i64>(3 + 2 * i)? as u64, r.get::<_, i64>(4 + 2 * i)? as u64);
        }
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(2)?, tally))
    })?;
    let Some(name) = name.filter(|_| respondents > 0) else {
        return Err(Error::NotFound { what: Entity::Survey, key: format!("{unit} / {period}") });
    };
    Ok(ikm_from_tally(&name, &tidy(period), respondents as u32, &tally))
}

/// Every (unit, period) with responses, for lists and trends.
pub fn ikm_surveys(conn: &Connection) -> Result<Vec<(String, String, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT min(unit), period, count(*) FROM ikm_response GROUP BY unit_key, period ORDER BY unit_key, period",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ikm::{IkmResponseInput, ikm_trend, list_ikm_surveys, record_ikm_response};
    use crate::monitoring::{UnitInput, add_unit};

    const DUKCAPIL: &str = "Dinas Kependudukan dan Pencatatan Sipil";

    #[test]
    fn a_unit_by_code_in_some_rows_and_by_name_in_others_is_one_survey() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = crate::db::Db::open(&dir.path().join("a.sqlite3")).unwrap();
        db.write(|tx| {
            add_unit(tx, UnitInput { code: "U01".into(), name: DUKCAPIL.into(), unit_type: "OPD".into() }, "t")
        })
        .unwrap();
        let head = "unit,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";
        let file = format!(
            "{head}U01,2026-S1,4,4,4,4,4,4,4,4,4\n{DUKCAPIL},2026-S1,2,2,2,2,2,2,2,2,2\n  dinas kependudukan dan   PENCATATAN sipil ,2026-S1,3,3,3,3,3,3,3,3,3\nu01,2026-S1,3,3,3,3,3,3,3,3,3\n"
        );
        let s = db.write(|tx| import_ikm(tx, file.as_bytes(), "t")).unwrap();
        assert_eq!((s.respondents, s.surveys), (4, 1));
        let surveys = list_ikm_surveys(db.conn()).unwrap();
        assert_eq!(surveys.len(), 1, "{surveys:?}");
        assert_eq!((surveys[0].unit.as_str(), surveys[0].respondents), (DUKCAPIL, 4));
        // By code or by name, the same survey (as `juri ikm --unit` asks it).
        let by_code = ikm_for(db.conn(), "U01", "2026-S1").unwrap();
        let by_name = ikm_for(db.conn(), DUKCAPIL, "2026-S1").unwrap();
        assert_eq!(by_code, by_name);
        assert_eq!((by_code.unit.as_str(), by_code.respondents, by_code.konversi), (DUKCAPIL, 4, 75.0));
        // A respondent typed by code joins it too.
        let typed = IkmResponseInput {
            unit: "u01".into(),
            period: "2026-S1".into(),
            answers: vec![Some(4); 9],
            ..Default::default()
        };
        let r = db.write(|tx| record_ikm_response(tx, typed, "t")).unwrap();
        assert_eq!((r.unit.as_str(), r.respondents), (DUKCAPIL, 5));
        assert_eq!(ikm_trend(db.conn(), "U01").unwrap().len(), 1);
        // Importing the file again replaces the survey's responses, whichever spelling it uses.
        let again = format!("{head}U01,2026-S1,1,1,1,1,1,1,1,1,1\n");
        let s = db.write(|tx| import_ikm(tx, again.as_bytes(), "t")).unwrap();
        assert_eq!(s.replaced, 5);
        assert_eq!(ikm_for(db.conn(), DUKCAPIL, "2026-S1").unwrap().respondents, 1);
    }

    #[test]
    fn responses_stored_under_a_code_before_units_were_resolved_are_still_found() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = crate::db::Db::open(&dir.path().join("a.sqlite3")).unwrap();
        let old = "unit,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9\nU01,2026-S1,4,4,4,4,4,4,4,4,4\n";
        db.write(|tx| import_ikm(tx, old.as_bytes(), "t")).unwrap();
        db.write(|tx| {
            add_unit(tx, UnitInput { code: "U01".into(), name: DUKCAPIL.into(), unit_type: "OPD".into() }, "t")
        })
        .unwrap();
        assert_eq!(ikm_for(db.conn(), DUKCAPIL, "2026-S1").unwrap().respondents, 1);
    }

    #[test]
    fn ikm_text_fields_have_limits() {
        let long = "x".repeat(crate::limits::NAME + 1);
        let file = format!("unit,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9,umur\n{long},2026,4,4,4,4,4,4,4,4,4,{long}\n");
        let Err(Error::ImportRefused { errors }) = parse(file.as_bytes()) else { panic!("refused") };
        let got: Vec<(usize, &str, &InputProblem)> =
            errors.iter().map(|e| (e.row, e.column.as_str(), &e.problem)).collect();
        assert_eq!(
            got,
            [
                (2, "unit", &InputProblem::TooLong(crate::limits::NAME)),
                (2, "umur", &InputProblem::TooLong(crate::limits::SHORT))
            ]
        );
    }
}

/// One characteristic of the respondents (gender, age, education, occupation): each answer given
/// and how many gave it, the most frequent first; "Tidak diisi" for an empty cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileGroup {
    /// "Jenis kelamin", "Umur", "Pendidikan", "Pekerjaan".
    pub name: &'static str,
    pub counts: Vec<(String, u32)>,
}

/// The respondent profile of a survey as imported (FORMATS.md §7, optional columns); empty when
/// the file had none. Ages given as whole numbers are grouped in ten-year bands.
pub fn respondent_profile(conn: &Connection, unit: &str, period: &str) -> Result<Vec<ProfileGroup>> {
    let survey = resolve_unit(conn, unit)?;
    let (a, b) = survey.key_pair();
    let mut out = Vec::new();
    for (name, column) in
        [("Jenis kelamin", "gender"), ("Umur", "age"), ("Pendidikan", "education"), ("Pekerjaan", "occupation")]
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT trim({column}), count(*) FROM ikm_response WHERE unit_key IN (?1, ?2) AND period = ?3 GROUP BY 1"
        ))?;
        let rows: Vec<(String, u32)> = stmt
            .query_map(params![a, b, tidy(period)], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u32)))?
            .collect::<std::result::Result<_, _>>()?;
        if rows.iter().all(|(v, _)| v.is_empty()) {
            continue;
        }
        let numeric = rows.iter().all(|(v, _)| v.is_empty() || v.parse::<u32>().is_ok_and(|n| n < 130));
        let mut counts: Vec<(String, u32)> = Vec::new();
        for (v, n) in rows {
            let label = if v.is_empty() {
                "Tidak diisi".to_string()
            } else if column == "age" && numeric {
                age_band(v.parse().unwrap_or(0))
            } else {
                v
            };
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, c)) => *c += n,
                None => counts.push((label, n)),
            }
        }
        if column == "age" && numeric {
            // youngest first, "Tidak diisi" last
            let from = |l: &str| match l {
                "Tidak diisi" => 999,
                l if l.starts_with('<') => 0,
                l => l.trim_start_matches('≥').trim().get(..2).and_then(|d| d.parse().ok()).unwrap_or(998),
            };
            counts.sort_by_key(|(l, _)| from(l));
        } else {
            counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        }
        out.push(ProfileGroup { name, counts });
    }
    Ok(out)
}

/// "< 20 tahun", "20–29 tahun", …, "≥ 60 tahun".
fn age_band(age: u32) -> String {
    match age {
        0..=19 => "< 20 tahun".into(),
        60.. => "≥ 60 tahun".into(),
        a => format!("{}–{} tahun", a / 10 * 10, a / 10 * 10 + 9),
    }
}

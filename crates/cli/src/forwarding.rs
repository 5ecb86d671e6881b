//! `juri export forwarding` and `juri import forwarding` (FORMATS.md §10): the kabupaten's best
//! proposals with their dossiers as one ZIP, and that ZIP into the province's round.

use std::io::Write;
use std::path::{Path, PathBuf};

use juri_core::db::Db;
use juri_core::forwarding::{self, Readiness, Scope};
use juri_core::{Error, Lang, ids};

use crate::{actor, current_competition};

/// `juri export forwarding --scope S [--codes A,B] --out F.zip`: the ZIP, and on stderr what the
/// next level will reject (the export goes ahead; the organiser decides).
pub fn export(
    db: &mut Db,
    db_path: &Path,
    scope: &str,
    codes: Option<&str>,
    out: &Path,
    level: &str,
    lang: Lang,
) -> Result<(), Error> {
    let comp = current_competition(db)?;
    let scope = Scope::parse(scope).expect("clap accepts winners, finalists and chosen only");
    let codes: Vec<String> =
        codes.unwrap_or_default().split(',').map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect();
    if scope == Scope::Chosen && codes.is_empty() {
        return Err(Error::InvalidInput { field: "codes", problem: juri_core::error::InputProblem::Required });
    }
    let fwd = forwarding::forwarding_selection(db.conn(), &comp, scope, &codes)?;
    let manifest = forwarding::write_forwarding(db.conn(), &fwd, out, Some(db_path), &mut |_, _| true)?;
    let level = juri_core::monitoring::ForwardingLevel::parse(level).expect("clap accepts known levels only");
    let (actor, now) = (actor(), ids::now());
    let noted = db.write(|tx| forwarding::record_forwarding(tx, &comp, &fwd, level, &actor, &now))?;
    let mut err = std::io::stderr().lock();
    for p in fwd.proposals.iter().filter(|p| !p.readiness.is_empty()) {
        let items: Vec<String> = p.readiness.iter().map(|r| readiness(r, lang)).collect();
        writeln!(err, "{}: {}", p.code, items.join("; "))?;
    }
    writeln!(
        std::io::stdout().lock(),
        "{}: {} {}, {} {} ({}); {}: {noted}",
        lang.pick("Berkas penerusan ditulis", "Forwarding written"),
        manifest.proposals.len(),
        lang.pick("proposal", "proposals"),
        manifest.files.len(),
        lang.pick("berkas", "files"),
        out.display(),
        lang.pick("dicatat di registri monitoring", "noted in the monitoring registry"),
    )?;
    Ok(())
}

/// What the next level will reject, in the user's language.
pub fn readiness(r: &Readiness, lang: Lang) -> String {
    match (r, lang) {
        (Readiness::OverWordLimit { section }, Lang::Id) => format!("{section} melebihi batas kata"),
        (Readiness::OverWordLimit { section }, Lang::En) => format!("{section} over its word limit"),
        (Readiness::MissingSection { section }, Lang::Id) => format!("{section} kosong"),
        (Readiness::MissingSection { section }, Lang::En) => format!("{section} empty"),
        (Readiness::NoFiles, Lang::Id) => "tanpa bukti dukung".into(),
        (Readiness::NoFiles, Lang::En) => "no evidence".into(),
        (Readiness::NoStartYear, Lang::Id) => "tahun mulai tidak diisi".into(),
        (Readiness::NoStartYear, Lang::En) => "no start year".into(),
        (Readiness::TooRecent { start_year }, Lang::Id) => {
            format!("baru berjalan sejak {start_year} (kurang dari 1 tahun)")
        }
        (Readiness::TooRecent { start_year }, Lang::En) => format!("running only since {start_year} (under a year)"),
        (Readiness::NoContact, Lang::Id) => "kontak inovator (nama, telepon atau email) tidak lengkap".into(),
        (Readiness::NoContact, Lang::En) => "innovator's contact (name, phone or e-mail) missing".into(),
    }
}

/// `juri import forwarding F.zip… [--dry-run]`: one transaction for all the files.
pub fn import(db: &mut Db, paths: &[PathBuf], dry_run: bool, lang: Lang) -> Result<(), Error> {
    let comp = current_competition(db)?;
    if let [one] = paths {
        *crate::INPUT_FILE.lock().unwrap_or_else(|p| p.into_inner()) = Some(one.clone());
    }
    let (actor, now) = (actor(), ids::now());
    let run = |tx: &juri_core::rusqlite::Transaction| {
        forwarding::import_forwardings(tx, &comp, paths, &actor, &now, &mut |_, _| true)
    };
    let all = if dry_run { db.rehearse(run)? } else { db.write(run)? };
    let mut out = std::io::stdout().lock();
    let head = if dry_run {
        lang.pick("Pratinjau penerusan", "Forwarding preview")
    } else {
        lang.pick("Penerusan diimpor", "Forwarding imported")
    };
    for done in &all {
        writeln!(
            out,
            "{head}: {}: {} {}, {} {}",
            [done.organiser.as_str(), done.competition.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            done.added,
            lang.pick("proposal baru", "new proposals"),
            done.proposals.len() as u32 - done.added,
            lang.pick("sudah ada", "already here"),
        )?;
        for p in &done.proposals {
            let rank = p.rank.map(|r| format!("#{r}")).unwrap_or_else(|| "-".into());
            let note = if p.already { lang.pick(" (sudah ada)", " (already here)") } else { "" };
            writeln!(out, "  {} <- {} {} {} {}{note}", p.code, p.origin_code, p.category, rank, p.title)?;
        }
    }
    Ok(())
}

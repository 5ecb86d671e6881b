//! Reading and writing the files a user picks: every read is bounded, every write is atomic and
//! can never land on the open database. Files from a venue's USB stick are hostile: a device
//! (`/dev/zero`), a huge file or a name full of `..` must give a typed error, never a crash.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, FileProblem, Result};

/// Reads a whole input file, refusing what is not a regular file or is larger than `limit` bytes.
/// The cap holds while reading (a file that grows, or a device that lies about its size).
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(Error::FileUnreadable(FileProblem::TooLarge(len)));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Error::FileUnreadable(FileProblem::TooLarge(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// Opens a regular file for reading (a folder, a device or a pipe is refused), for readers that
/// stream it with their own bounds.
pub fn open_regular(path: &Path) -> Result<std::fs::File> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::FileUnreadable(FileProblem::Missing(shown.clone())),
        _ => Error::FileUnreadable(FileProblem::CannotOpen { path: shown.clone(), why: e.to_string() }),
    })?;
    if !meta.is_file() {
        return Err(Error::FileUnreadable(FileProblem::NotAFile(shown)));
    }
    std::fs::File::open(path)
        .map_err(|e| Error::FileUnreadable(FileProblem::CannotOpen { path: shown.clone(), why: e.to_string() }))
}

/// The files SQLite keeps for a database: the file itself and its journals. No output may land
/// on one of them while the database is in use.
pub fn database_files(db: &Path) -> Vec<PathBuf> {
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        out.push(db.with_file_name(format!("{name}{suffix}")));
    }
    out
}

/// Refuses an output path that is the open database or one of its journals (compared after
/// resolving links and `..`, case-insensitively on Windows where the file system is).
pub fn check_not_database(out: &Path, db: &Path) -> Result<()> {
    let target = normalise(out);
    let protected = database_files(&normalise(db));
    if protected.iter().any(|p| same_path(p, &target)) {
        return Err(Error::FileUnreadable(FileProblem::WouldOverwriteDatabase(out.display().to_string())));
    }
    Ok(())
}

/// Writes `bytes` to `out` atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the target. On failure the temporary file is removed and the target is unchanged.
/// `db` is the open database, which may never be the target.
pub fn write_atomic(out: &Path, bytes: &[u8], db: Option<&Path>) -> Result<()> {
    write_atomic_with(out, db, |f| f.write_all(bytes))
}

/// As [`write_atomic`], with the content written by `fill` (for large or streamed outputs).
pub fn write_atomic_with(
    out: &Path,
    db: Option<&Path>,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    if let Some(db) = db {
        check_not_database(out, db)?;
    }
    if out.is_dir() {
        return Err(Error::FileUnreadable(FileProblem::NotAFile(out.display().to_string())));
    }
    let tmp = temp_path_beside(out);
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        fill(&mut file)?;
        file.sync_all()
    })();
    let result = written.map_err(|e| (e, false)).and_then(|()| std::fs::rename(&tmp, out).map_err(|e| (e, true)));
    if let Err((e, renaming)) = result {
        let _ = std::fs::remove_file(&tmp);
        let path = out.display().to_string();
        return Err(Error::FileUnreadable(if renaming && locked(&e) {
            FileProblem::InUse(path)
        } else {
            FileProblem::CannotWrite { path, why: e.to_string() }
        }));
    }
    Ok(())
}

/// As [`write_atomic_with`], for a `fill` that fails with Juri's own error (a cancelled or refused
/// stream): that error is returned as it is, not as a write failure.
pub fn write_atomic_try(
    out: &Path,
    db: Option<&Path>,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    let mut failure = None;
    let written = write_atomic_with(out, db, |file| {
        fill(file).map_err(|e| {
            let io = std::io::Error::other(e.to_string());
            failure = Some(e);
            io
        })
    });
    match (written, failure) {
        (Err(_), Some(e)) => Err(e),
        (written, _) => written,
    }
}

/// Whether replacing a file failed because another program holds it open (Windows keeps a file
/// locked while a PDF reader or Excel shows it: sharing or lock violation, or access denied on a
/// file in a folder we could just write to) or it is read-only. Linux replaces open files.
fn locked(e: &std::io::Error) -> bool {
    const ACCESS_DENIED: i32 = 5;
    const SHARING_VIOLATION: i32 = 32;
    const LOCK_VIOLATION: i32 = 33;
    cfg!(windows) && matches!(e.raw_os_error(), Some(ACCESS_DENIED | SHARING_VIOLATION | LOCK_VIOLATION))
}

/// A fresh temporary file name in `out`'s folder (same file system, so the rename is atomic).
pub fn temp_path_beside(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "juri".into());
    let short: String = name.chars().take(40).collect();
    out.with_file_name(format!(".{short}.{}.juri-tmp", uuid::Uuid::now_v7().simple()))
}

/// Resolves `..`, `.` and links as far as the path exists, keeping the rest as written.
fn normalise(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf())
    };
    if let Ok(c) = abs.canonicalize() {
        return c;
    }
    // The file does not exist yet: resolve its folder and keep the name.
    match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => dir.canonicalize().map(|d| d.join(name)).unwrap_or(abs.clone()),
        _ => abs,
    }
}

fn same_path(a: &Path, b: &Path) -> bool {
    if cfg!(windows) { a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase() } else { a == b }
}

/// Names Windows refuses for a file, whatever the extension.
const RESERVED_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Longest file name we produce, in characters (Windows and Linux allow 255 bytes or UTF-16
/// units; this leaves room for a folder path and a uniqueness suffix).
pub const MAX_FILE_NAME_CHARS: usize = 120;

/// A file name made from data (a code, a title, an uploaded name) that is safe on Windows and
/// Linux alike: no folder part, no `\ / : * ? " < > |` or control characters, no reserved device
/// name, no trailing dot or space, at most [`MAX_FILE_NAME_CHARS`] characters, never empty.
pub fn safe_file_name(raw: &str, fallback: &str) -> String {
    let mut name: String = raw
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    name = name.trim().trim_end_matches(['.', ' ']).trim_start_matches('.').to_string();
    if name.chars().count() > MAX_FILE_NAME_CHARS {
        // Keep the extension when there is a short one.
        let ext =
            Path::new(&name).extension().map(|e| e.to_string_lossy().into_owned()).filter(|e| e.chars().count() <= 8);
        let keep = MAX_FILE_NAME_CHARS - ext.as_ref().map(|e| e.chars().count() + 1).unwrap_or(0);
        let mut head: String = name.chars().take(keep).collect();
        head = head.trim_end_matches(['.', ' ']).to_string();
        name = match ext {
            Some(e) => format!("{head}.{e}"),
            None => head,
        };
    }
    let stem = name.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    if RESERVED_NAMES.contains(&stem.as_str()) {
        name = format!("_{name}");
    }
    if name.is_empty() || name.chars().all(|c| c == '_' || c == '.') {
        name = safe_file_name(fallback, "berkas");
    }
    name
}

/// Makes `name` unique among `taken` (compared case-insensitively, as Windows does) by adding
/// ` (2)`, ` (3)`, … before the extension; records the result in `taken`.
pub fn unique_file_name(name: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let path = Path::new(name);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{stem} ({n}){ext}");
        n += 1;
    }
    taken.insert(candidate.to_lowercase());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_or_folder_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_bounded(dir.path(), 10), Err(Error::FileUnreadable(FileProblem::NotAFile(_)))));
        #[cfg(unix)]
        assert!(
            matches!(
                read_bounded(Path::new("/dev/zero"), 1 << 20),
                Err(Error::FileUnreadable(FileProblem::NotAFile(_)))
            ),
            "/dev/zero must be refused, not read until memory runs out"
        );
        let missing = dir.path().join("tidak-ada.csv");
        match read_bounded(&missing, 10) {
            Err(Error::FileUnreadable(FileProblem::Missing(p))) => assert!(p.contains("tidak-ada.csv"), "{p}"),
            other => panic!("a missing file must name its path: {other:?}"),
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(&p, vec![b'a'; 101]).unwrap();
        assert!(matches!(read_bounded(&p, 100), Err(Error::FileUnreadable(FileProblem::TooLarge(101)))));
        assert_eq!(read_bounded(&p, 101).unwrap().len(), 101);
    }

    #[test]
    fn the_database_and_its_journals_are_never_a_target() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("o.db");
        std::fs::write(&db, b"x").unwrap();
        for name in ["o.db", "o.db-wal", "o.db-shm", "o.db-journal"] {
            let out = dir.path().join(name);
            assert!(
                matches!(
                    write_atomic(&out, b"csv", Some(&db)),
                    Err(Error::FileUnreadable(FileProblem::WouldOverwriteDatabase(_)))
                ),
                "{name} must be refused"
            );
        }
        // Through a `..` detour too.
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let detour = sub.join("..").join("o.db");
        assert!(write_atomic(&detour, b"csv", Some(&db)).is_err());
        assert_eq!(std::fs::read(&db).unwrap(), b"x", "the database is untouched");
        write_atomic(&dir.path().join("o.csv"), b"csv", Some(&db)).unwrap();
        assert_eq!(std::fs::read(dir.path().join("o.csv")).unwrap(), b"csv");
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file_and_keeps_the_old_content() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("rekap.csv");
        std::fs::write(&out, b"old").unwrap();
        let err = write_atomic_with(&out, None, |f| {
            f.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "only the target is left: {left:?}");
    }

    /// A report open in a PDF reader or Excel on Windows (opened without sharing) cannot be
    /// replaced: the user is told to close it, the old content stays and no temporary file is left.
    #[cfg(windows)]
    #[test]
    fn a_target_locked_by_another_program_is_named_and_left_alone() {
        use std::os::windows::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("Rekapitulasi Nilai.pdf");
        std::fs::write(&out, b"old").unwrap();
        let reader = std::fs::OpenOptions::new().read(true).share_mode(0).open(&out).unwrap();
        let err = write_atomic(&out, b"new", None).unwrap_err();
        assert!(
            matches!(&err, Error::FileUnreadable(FileProblem::InUse(p)) if p.ends_with("Rekapitulasi Nilai.pdf")),
            "{err:?}"
        );
        assert!(err.message(crate::lang::Lang::Id).contains("sedang dibuka di program lain"));
        drop(reader);
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
        write_atomic(&out, b"new", None).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new", "closed, it is replaced");
    }

    /// Linux replaces a file another program holds open (the reader keeps the old content).
    #[cfg(unix)]
    #[test]
    fn an_open_target_is_replaced_on_linux() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("rekap.pdf");
        std::fs::write(&out, b"old").unwrap();
        let _reader = std::fs::File::open(&out).unwrap();
        write_atomic(&out, b"new", None).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
    }

    #[test]
    fn names_from_data_are_safe_on_windows_and_linux() {
        assert_eq!(safe_file_name("../../etc/passwd", "x"), "_.._etc_passwd");
        assert_eq!(safe_file_name("P-001/2026", "x"), "P-001_2026");
        assert_eq!(safe_file_name("CON.pdf", "x"), "_CON.pdf");
        assert_eq!(safe_file_name("lpt1", "x"), "_lpt1");
        assert_eq!(safe_file_name("juara. ", "x"), "juara");
        assert_eq!(safe_file_name("a\u{0}b\tc", "x"), "a_b_c");
        assert_eq!(safe_file_name("", "sertifikat"), "sertifikat");
        assert_eq!(safe_file_name("...", "sertifikat"), "sertifikat");
        let long = safe_file_name(&format!("{}.pdf", "é".repeat(300)), "x");
        assert_eq!(long.chars().count(), MAX_FILE_NAME_CHARS);
        assert!(long.ends_with(".pdf"));
        for bad in ['\\', '/', ':', '*', '?', '"', '<', '>', '|'] {
            assert!(!safe_file_name(&format!("a{bad}b"), "x").contains(bad));
        }
    }

    #[test]
    fn unique_names_differ_case_insensitively() {
        let mut taken = std::collections::HashSet::new();
        assert_eq!(unique_file_name("a.pdf", &mut taken), "a.pdf");
        assert_eq!(unique_file_name("A.pdf", &mut taken), "A (2).pdf");
        assert_eq!(unique_file_name("a.pdf", &mut taken), "a (3).pdf");
    }
}

//! What a refused row, file or setup says to the user, in Indonesian and English: the messages of
//! the input, file and setup problems, with every value from a file cut by [`shown`] first.

use super::messages::{count, megabytes};
use super::*;

impl InputProblem {
    /// The same problem with every user value cut by [`shown`], for a message.
    fn cut(&self) -> InputProblem {
        use InputProblem as P;
        let c = |v: &String| shown(v);
        match self {
            P::UnknownCategory(v) => P::UnknownCategory(c(v)),
            P::BadUnitType(v) => P::BadUnitType(c(v)),
            P::BadYear(v) => P::BadYear(c(v)),
            P::BadStatus(v) => P::BadStatus(c(v)),
            P::DuplicateInFile { code, first_row } => P::DuplicateInFile { code: c(code), first_row: *first_row },
            P::BadUnsur(v) => P::BadUnsur(c(v)),
            P::UnknownCode { what, code } => P::UnknownCode { what, code: c(code) },
            P::NotANumber(v) => P::NotANumber(c(v)),
            P::Conflict { judge, proposal } => P::Conflict { judge: c(judge), proposal: c(proposal) },
            P::StageLocked(v) => P::StageLocked(c(v)),
            P::BadAnswer(v) => P::BadAnswer(c(v)),
            P::BadDate(v) => P::BadDate(c(v)),
            P::BadNip(v) => P::BadNip(c(v)),
            P::BadHubAddress(v) => P::BadHubAddress(c(v)),
            P::BadJson(v) => P::BadJson(c(v)),
            P::BadLifecycleStage(v) => P::BadLifecycleStage(c(v)),
            P::BadQuarter(v) => P::BadQuarter(c(v)),
            P::BadIndicatorKind(v) => P::BadIndicatorKind(c(v)),
            P::BadVerdict(v) => P::BadVerdict(c(v)),
            P::BadForwardingLevel(v) => P::BadForwardingLevel(c(v)),
            P::AmbiguousThousands(v) => P::AmbiguousThousands(c(v)),
            P::Required
            | P::ReasonRequired
            | P::TooLong(_)
            | P::OutOfRange { .. }
            | P::DuplicateRow { .. }
            | P::BadImage
            | P::NoQrCode
            | P::Image(_)
            | P::FileTooLarge { .. }
            | P::SameAsRow { .. }
            | P::MoreErrors(_) => self.clone(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (&self.cut(), lang) {
            (InputProblem::Required, Lang::Id) => "wajib diisi".into(),
            (InputProblem::Required, Lang::En) => "is required".into(),
            (InputProblem::UnknownCategory(c), Lang::Id) => format!("kategori \"{c}\" tidak dikenal"),
            (InputProblem::UnknownCategory(c), Lang::En) => format!("unknown category \"{c}\""),
            (InputProblem::BadUnitType(t), Lang::Id) => {
                format!("jenis unit \"{t}\" tidak dikenal (OPD, Pemdes, BUMD, Lainnya)")
            }
            (InputProblem::BadUnitType(t), Lang::En) => {
                format!("unknown unit type \"{t}\" (OPD, Pemdes, BUMD, Lainnya)")
            }
            (InputProblem::BadYear(y), Lang::Id) => format!("\"{y}\" bukan tahun yang valid"),
            (InputProblem::BadYear(y), Lang::En) => format!("\"{y}\" is not a valid year"),
            (InputProblem::BadStatus(s), Lang::Id) => format!("status \"{s}\" tidak dikenal"),
            (InputProblem::BadStatus(s), Lang::En) => format!("unknown status \"{s}\""),
            (InputProblem::ReasonRequired, Lang::Id) => "alasan wajib diisi".into(),
            (InputProblem::ReasonRequired, Lang::En) => "a reason is required".into(),
            (InputProblem::TooLong(n), Lang::Id) => format!("terlalu panjang (maksimal {n} karakter)"),
            (InputProblem::TooLong(n), Lang::En) => format!("too long (at most {n} characters)"),
            (InputProblem::DuplicateInFile { code, first_row }, Lang::Id) => {
                format!("kode {code} sudah dipakai di baris {first_row}")
            }
            (InputProblem::DuplicateInFile { code, first_row }, Lang::En) => {
                format!("code {code} already used in row {first_row}")
            }
            (InputProblem::BadUnsur(u), Lang::Id) => {
                format!("unsur \"{u}\" tidak dikenal (akademisi, LSM, birokrasi, praktisi, media)")
            }
            (InputProblem::BadUnsur(u), Lang::En) => {
                format!("unknown group \"{u}\" (akademisi, LSM, birokrasi, praktisi, media)")
            }
            (InputProblem::UnknownCode { what, code }, Lang::Id) => {
                format!("{} \"{code}\" tidak dikenal", field_name(what, lang))
            }
            (InputProblem::UnknownCode { what, code }, Lang::En) => {
                format!("unknown {} \"{code}\"", field_name(what, lang))
            }
            (InputProblem::NotANumber(v), Lang::Id) => format!("\"{v}\" bukan angka"),
            (InputProblem::NotANumber(v), Lang::En) => format!("\"{v}\" is not a number"),
            (InputProblem::OutOfRange { value, min, max }, Lang::Id) => format!(
                "{} di luar rentang {}–{}",
                crate::format_id::decimal_plain(*value),
                crate::format_id::decimal_plain(*min),
                crate::format_id::decimal_plain(*max)
            ),
            (InputProblem::OutOfRange { value, min, max }, Lang::En) => {
                format!("{value} is outside the range {min}–{max}")
            }
            (InputProblem::Conflict { judge, proposal }, Lang::Id) => {
                format!("juri {judge} memiliki konflik kepentingan dengan {proposal} dan tidak boleh menilainya")
            }
            (InputProblem::Conflict { judge, proposal }, Lang::En) => {
                format!("judge {judge} has a conflict of interest with {proposal} and may not score it")
            }
            (InputProblem::DuplicateRow { first_row }, Lang::Id) => {
                format!("baris ganda: tahap, proposal, juri dan kriteria yang sama sudah ada di baris {first_row}")
            }
            (InputProblem::BadAnswer(a), Lang::Id) => format!("jawaban \"{a}\" harus 1, 2, 3 atau 4 (atau kosong)"),
            (InputProblem::BadAnswer(a), Lang::En) => format!("answer \"{a}\" must be 1, 2, 3 or 4 (or empty)"),
            (InputProblem::BadDate(d), Lang::Id) => format!("\"{d}\" bukan tanggal yang valid (TTTT-BB-HH)"),
            (InputProblem::BadDate(d), Lang::En) => format!("\"{d}\" is not a valid date (YYYY-MM-DD)"),
            (InputProblem::BadNip(n), Lang::Id) => format!("NIP \"{n}\" harus 18 angka"),
            (InputProblem::BadNip(n), Lang::En) => format!("NIP \"{n}\" must be 18 digits"),
            (InputProblem::BadImage, Lang::Id) => "harus berkas gambar PNG atau JPEG".into(),
            (InputProblem::BadImage, Lang::En) => "must be a PNG or JPEG image".into(),
            (InputProblem::Image(p), _) => p.message(lang),
            (InputProblem::NoQrCode, Lang::Id) => {
                "tidak ada kode QR yang terbaca pada gambar; arahkan kamera ke kode QR hub sampai seluruh kotaknya tampak jelas, atau ketik alamatnya".into()
            }
            (InputProblem::NoQrCode, Lang::En) => {
                "no QR code could be read in the picture; point the camera at the hub's QR code until all of it shows clearly, or type the address".into()
            }
            (InputProblem::BadHubAddress(a), Lang::Id) => {
                format!("\"{a}\" bukan alamat hub; tulis IP dan port, misalnya 192.168.1.10:7878")
            }
            (InputProblem::BadHubAddress(a), Lang::En) => {
                format!("\"{a}\" is not a hub address; write the IP and port, e.g. 192.168.1.10:7878")
            }
            (InputProblem::BadJson(e), Lang::Id) => format!("bukan JSON yang valid: {e}"),
            (InputProblem::BadJson(e), Lang::En) => format!("is not valid JSON: {e}"),
            (InputProblem::StageLocked(s), Lang::Id) => format!("tahap {s} sudah dikunci panitia"),
            (InputProblem::StageLocked(s), Lang::En) => format!("stage {s} is locked by the organiser"),
            (InputProblem::BadLifecycleStage(s), Lang::Id) => {
                format!("tahapan \"{s}\" tidak dikenal (gagasan, uji coba, penerapan, replikasi)")
            }
            (InputProblem::BadLifecycleStage(s), Lang::En) => {
                format!("unknown stage \"{s}\" (gagasan, uji coba, penerapan, replikasi)")
            }
            (InputProblem::BadQuarter(q), Lang::Id) => format!("triwulan \"{q}\" harus 1–4 (atau I–IV, TW1–TW4)"),
            (InputProblem::BadQuarter(q), Lang::En) => format!("quarter \"{q}\" must be 1–4 (or I–IV, TW1–TW4)"),
            (InputProblem::BadIndicatorKind(k), Lang::Id) => {
                format!("jenis indikator \"{k}\" tidak dikenal (output, kemanfaatan/outcome, keberlanjutan)")
            }
            (InputProblem::BadIndicatorKind(k), Lang::En) => {
                format!("unknown indicator kind \"{k}\" (output, kemanfaatan/outcome, keberlanjutan)")
            }
            (InputProblem::BadVerdict(v), Lang::Id) => {
                format!("hasil evaluasi \"{v}\" tidak dikenal (berlanjut, diperbaiki, direplikasi, dihentikan)")
            }
            (InputProblem::BadVerdict(v), Lang::En) => {
                format!("unknown verdict \"{v}\" (berlanjut, diperbaiki, direplikasi, dihentikan)")
            }
            (InputProblem::BadForwardingLevel(l), Lang::Id) => {
                format!("tingkat \"{l}\" tidak dikenal (provinsi, sinovik, top99, lainnya)")
            }
            (InputProblem::BadForwardingLevel(l), Lang::En) => {
                format!("unknown level \"{l}\" (provinsi, sinovik, top99, lainnya)")
            }
            (InputProblem::FileTooLarge { size, limit }, Lang::Id) => format!(
                "berkas {} terlalu besar; batasnya {} per berkas",
                megabytes(*size, lang),
                megabytes(*limit, lang)
            ),
            (InputProblem::FileTooLarge { size, limit }, Lang::En) => format!(
                "the file of {} is too large; the limit is {} per file",
                megabytes(*size, lang),
                megabytes(*limit, lang)
            ),
            (InputProblem::MoreErrors(n), Lang::Id) => {
                format!("dan {n} kesalahan lain sesudahnya; perbaiki yang tercantum lalu impor lagi")
            }
            (InputProblem::MoreErrors(n), Lang::En) => {
                format!("and {n} more errors after it; fix those listed and import again")
            }
            (InputProblem::SameAsRow { first_row }, Lang::Id) => format!("baris ganda: sama dengan baris {first_row}"),
            (InputProblem::SameAsRow { first_row }, Lang::En) => format!("duplicate row: same as row {first_row}"),
            (InputProblem::AmbiguousThousands(v), Lang::Id) => {
                format!("\"{v}\" meragukan: tulis tanpa titik ribuan (mis. 1620) atau dengan koma desimal (mis. 1,62)")
            }
            (InputProblem::AmbiguousThousands(v), Lang::En) => {
                format!(
                    "\"{v}\" is ambiguous: write it without a thousands dot (e.g. 1620) or with a decimal comma (1,62)"
                )
            }
            (InputProblem::DuplicateRow { first_row }, Lang::En) => {
                format!("duplicate row: the same stage, proposal, judge and criterion are in row {first_row}")
            }
        }
    }
}

impl FileProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileProblem::Empty, Lang::Id) => "Berkas kosong.".into(),
            (FileProblem::Empty, Lang::En) => "The file is empty.".into(),
            (FileProblem::NotText, Lang::Id) => "Berkas bukan CSV (teks UTF-8) maupun XLSX.".into(),
            (FileProblem::NotText, Lang::En) => "The file is neither CSV (UTF-8 text) nor XLSX.".into(),
            (FileProblem::NotSpreadsheet(w), Lang::Id) => format!("Berkas XLSX tidak dapat dibaca: {w}"),
            (FileProblem::NotSpreadsheet(w), Lang::En) => format!("The XLSX file cannot be read: {w}"),
            (FileProblem::NoRows, Lang::Id) => "Berkas hanya berisi judul kolom, tanpa baris data.".into(),
            (FileProblem::NoRows, Lang::En) => "The file has a header but no rows.".into(),
            (FileProblem::MissingColumns(c), Lang::Id) => format!("Kolom wajib tidak ada: {}", c.join(", ")),
            (FileProblem::MissingColumns(c), Lang::En) => format!("Required columns are missing: {}", c.join(", ")),
            (FileProblem::TooLarge(n), Lang::Id) => format!("Berkas terlalu besar ({n} bita)."),
            (FileProblem::TooLarge(n), Lang::En) => format!("The file is too large ({n} bytes)."),
            (FileProblem::BadCsv(w), Lang::Id) => format!("CSV tidak dapat dibaca: {w}"),
            (FileProblem::BadCsv(w), Lang::En) => format!("The CSV cannot be read: {w}"),
            (FileProblem::Missing(p), Lang::Id) => format!("Berkas {p} tidak ada."),
            (FileProblem::Missing(p), Lang::En) => format!("The file {p} does not exist."),
            (FileProblem::NotAFile(p), Lang::Id) => {
                format!("{p} bukan berkas biasa (folder atau perangkat); tidak dibaca.")
            }
            (FileProblem::NotAFile(p), Lang::En) => {
                format!("{p} is not a regular file (a folder or a device); it was not read.")
            }
            (FileProblem::CannotOpen { path, why }, Lang::Id) => format!("Berkas {path} tidak dapat dibuka: {why}"),
            (FileProblem::CannotOpen { path, why }, Lang::En) => format!("The file {path} cannot be opened: {why}"),
            (FileProblem::CannotWrite { path, why }, Lang::Id) => {
                format!("Berkas {path} tidak dapat ditulis ({why}); tidak ada yang berubah.")
            }
            (FileProblem::CannotWrite { path, why }, Lang::En) => {
                format!("The file {path} could not be written ({why}); nothing was changed.")
            }
            (FileProblem::InUse(path), Lang::Id) => format!(
                "Berkas {path} sedang dibuka di program lain (misalnya pembaca PDF atau Excel) atau hanya-baca, \
                 sehingga tidak dapat ditimpa. Tutup berkas itu lalu simpan lagi, atau simpan dengan nama lain; \
                 tidak ada yang berubah."
            ),
            (FileProblem::InUse(path), Lang::En) => format!(
                "The file {path} is open in another program (a PDF reader or Excel, say) or read-only, so it \
                 cannot be replaced. Close it and save again, or save under another name; nothing was changed."
            ),
            (FileProblem::NotForOtherProgram(name), Lang::Id) => format!(
                "Berkas {name} tidak dibuka dengan program lain dari Juri karena jenisnya bisa menjalankan \
                 perintah di laptop ini. Simpan berkas itu bila memang perlu dibuka."
            ),
            (FileProblem::NotForOtherProgram(name), Lang::En) => format!(
                "Juri does not open {name} with another program because files of its type can run commands \
                 on this laptop. Save the file if it really must be opened."
            ),
            (FileProblem::NoSpace { path, needed_mb, free_mb }, Lang::Id) => format!(
                "Ruang kosong di disk untuk {path} tidak cukup: perlu {needed_mb} MB{}. Tidak ada yang ditulis.",
                free_mb.map(|f| format!(", tersedia {f} MB")).unwrap_or_default()
            ),
            (FileProblem::NoSpace { path, needed_mb, free_mb }, Lang::En) => format!(
                "Not enough free disk space for {path}: {needed_mb} MB needed{}. Nothing was written.",
                free_mb.map(|f| format!(", {f} MB free")).unwrap_or_default()
            ),
            (FileProblem::WouldOverwriteDatabase(p), Lang::Id) => format!(
                "{p} adalah basis data yang sedang dipakai (atau berkas jurnalnya); pilih nama berkas lain. Tidak ada yang ditulis."
            ),
            (FileProblem::WouldOverwriteDatabase(p), Lang::En) => format!(
                "{p} is the database in use (or one of its journal files); choose another file name. Nothing was written."
            ),
            (FileProblem::TooManyRows(n), Lang::Id) => {
                format!("Berkas berisi lebih dari {} baris data, batas Juri; tidak dibaca.", count(*n as u64, lang))
            }
            (FileProblem::TooManyRows(n), Lang::En) => {
                format!("The file has more than {} data rows, Juri's limit; it was not read.", count(*n as u64, lang))
            }
            (FileProblem::TooManyColumns(n), Lang::Id) => {
                format!("Berkas berisi lebih dari {n} kolom, batas Juri; tidak dibaca.")
            }
            (FileProblem::TooManyColumns(n), Lang::En) => {
                format!("The file has more than {n} columns, Juri's limit; it was not read.")
            }
            (FileProblem::CellTooLong { row, column, limit }, Lang::Id) => format!(
                "Sel di baris {row}, kolom ke-{column} lebih dari {} karakter (batas Excel); berkas tidak dibaca.",
                count(*limit as u64, lang)
            ),
            (FileProblem::CellTooLong { row, column, limit }, Lang::En) => format!(
                "The cell in row {row}, column {column} is longer than {} characters (Excel's limit); the file was not read.",
                count(*limit as u64, lang)
            ),
            (FileProblem::CellBeyondSheet(r), Lang::Id) => format!(
                "Berkas XLSX merujuk sel {} di luar batas lembar kerja (XFD1048576); berkas rusak atau sengaja dibuat, tidak dibaca.",
                shown(r)
            ),
            (FileProblem::CellBeyondSheet(r), Lang::En) => format!(
                "The XLSX refers to cell {} beyond the last cell of a sheet (XFD1048576); the file is damaged or forged and was not read.",
                shown(r)
            ),
            (FileProblem::Inflates { entry_limit, total_limit }, Lang::Id) => format!(
                "Isi berkas XLSX membengkak melebihi batas ({} per bagian, {} seluruhnya) saat dibuka; tidak dibaca.",
                megabytes(*entry_limit, lang),
                megabytes(*total_limit, lang)
            ),
            (FileProblem::Inflates { entry_limit, total_limit }, Lang::En) => format!(
                "The XLSX unpacks to more than the limit ({} per part, {} in all); it was not read.",
                megabytes(*entry_limit, lang),
                megabytes(*total_limit, lang)
            ),
            (FileProblem::TooManyTexts(n), Lang::Id) => format!(
                "Berkas XLSX menyatakan lebih dari {} teks berbeda, batas Juri; berkas rusak atau sengaja dibuat, tidak dibaca.",
                count(*n, lang)
            ),
            (FileProblem::TooManyTexts(n), Lang::En) => format!(
                "The XLSX declares more than {} distinct texts, Juri's limit; the file is damaged or forged and was not read.",
                count(*n, lang)
            ),
            (FileProblem::Encrypted, Lang::Id) => {
                "Berkas XLSX dilindungi kata sandi; simpan ulang tanpa kata sandi lalu impor lagi.".into()
            }
            (FileProblem::Encrypted, Lang::En) => {
                "The XLSX is password-protected; save it again without a password and import it again.".into()
            }
        }
    }
}

impl SetupProblem {
    /// The same problem with every value from the setup file cut by [`shown`], for a message.
    fn cut(&self) -> SetupProblem {
        use SetupProblem as P;
        let c = |v: &String| shown(v);
        match self {
            P::DuplicateCategory(v) => P::DuplicateCategory(c(v)),
            P::DuplicateStage(v) => P::DuplicateStage(c(v)),
            P::DuplicateCriterion { stage, code } => P::DuplicateCriterion { stage: c(stage), code: c(code) },
            P::StageWithoutCriteria(v) => P::StageWithoutCriteria(c(v)),
            P::MinNotBelowMax { stage, code } => P::MinNotBelowMax { stage: c(stage), code: c(code) },
            P::NonPositiveCriterionWeight { stage, code } => {
                P::NonPositiveCriterionWeight { stage: c(stage), code: c(code) }
            }
            P::NegativeStageWeight(v) => P::NegativeStageWeight(c(v)),
            P::BadTieBreak(v) => P::BadTieBreak(c(v)),
            P::BadNormalisation(v) => P::BadNormalisation(c(v)),
            P::BadKind { stage, kind } => P::BadKind { stage: c(stage), kind: c(kind) },
            P::BadJson(v) => P::BadJson(c(v)),
            P::TooLong { field, code, max } => P::TooLong { field, code: c(code), max: *max },
            P::NumberTooLarge { what } => P::NumberTooLarge { what: c(what) },
            P::BadPassingGrade(v) => P::BadPassingGrade(c(v)),
            P::DuplicateSection(v) => P::DuplicateSection(c(v)),
            P::UnknownSection { stage, code, section } => {
                P::UnknownSection { stage: c(stage), code: c(code), section: c(section) }
            }
            P::BadFileType(v) => P::BadFileType(c(v)),
            P::BadDossierLimit
            | P::MissingName
            | P::BadYear(_)
            | P::NoCategories
            | P::NoStages
            | P::EmptyCode
            | P::ZeroTotalStageWeight
            | P::BadThreshold => self.clone(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use SetupProblem as P;
        let this = self.cut();
        match lang {
            Lang::Id => match &this {
                P::MissingName => "nama kompetisi wajib diisi".into(),
                P::BadYear(y) => format!("tahun {y} tidak valid"),
                P::NoCategories => "minimal satu kategori".into(),
                P::NoStages => "minimal satu tahap penilaian".into(),
                P::DuplicateCategory(c) => format!("kode kategori {c} dipakai dua kali"),
                P::DuplicateStage(c) => format!("kode tahap {c} dipakai dua kali"),
                P::DuplicateCriterion { stage, code } => {
                    format!("kode kriteria {code} dipakai dua kali di tahap {stage}")
                }
                P::EmptyCode => "ada kode atau nama yang kosong".into(),
                P::StageWithoutCriteria(s) => format!("tahap {s} belum punya kriteria"),
                P::MinNotBelowMax { stage, code } => {
                    format!("kriteria {stage}/{code}: nilai minimum harus lebih kecil dari maksimum")
                }
                P::NonPositiveCriterionWeight { stage, code } => {
                    format!("kriteria {stage}/{code}: bobot harus lebih dari nol")
                }
                P::NegativeStageWeight(s) => format!("tahap {s}: bobot tidak boleh negatif"),
                P::ZeroTotalStageWeight => "jumlah bobot tahap harus lebih dari nol".into(),
                P::BadTieBreak(t) => {
                    format!("urutan penentu peringkat \"{t}\" tidak merujuk tahap atau kriteria yang ada")
                }
                P::BadNormalisation(n) => format!("normalisasi \"{n}\" tidak dikenal (none atau zscore)"),
                P::BadThreshold => "ambang perbedaan penilaian harus antara 0 dan 100".into(),
                P::NumberTooLarge { what } => {
                    format!("{what}: batas nilai atau bobot terlalu besar (paling banyak 1.000.000)")
                }
                P::BadPassingGrade(s) => format!("tahap {s}: nilai batas harus antara 0 dan 100"),
                P::BadKind { stage, kind } => {
                    format!("tahap {stage}: jenis \"{kind}\" tidak dikenal (desk atau venue)")
                }
                P::BadJson(w) => format!("berkas pengaturan bukan JSON yang valid: {}", w),
                P::DuplicateSection(c) => format!("kode bagian isian {c} dipakai dua kali"),
                P::UnknownSection { stage, code, section } => {
                    format!("kriteria {stage}/{code}: bagian isian \"{section}\" tidak ada di pengaturan isian")
                }
                P::BadDossierLimit => {
                    format!("batas ukuran berkas dan proposal harus antara 1 dan {} MB", crate::dossier::MAX_LIMIT_MB)
                }
                P::BadFileType(t) => format!("jenis berkas \"{t}\" tidak valid (contoh: pdf, jpg)"),
                P::TooLong { field, code, max } => format!(
                    "{}{}: terlalu panjang (maksimal {max} karakter)",
                    field_name(field, lang),
                    if code.is_empty() { String::new() } else { format!(" {code}") }
                ),
            },
            Lang::En => match &this {
                P::MissingName => "the competition name is required".into(),
                P::BadYear(y) => format!("year {y} is not valid"),
                P::NoCategories => "at least one category is needed".into(),
                P::NoStages => "at least one stage is needed".into(),
                P::DuplicateCategory(c) => format!("category code {c} is used twice"),
                P::DuplicateStage(c) => format!("stage code {c} is used twice"),
                P::DuplicateCriterion { stage, code } => {
                    format!("criterion code {code} is used twice in stage {stage}")
                }
                P::EmptyCode => "a code or name is empty".into(),
                P::StageWithoutCriteria(s) => format!("stage {s} has no criteria"),
                P::MinNotBelowMax { stage, code } => format!("criterion {stage}/{code}: min must be below max"),
                P::NonPositiveCriterionWeight { stage, code } => {
                    format!("criterion {stage}/{code}: weight must be above zero")
                }
                P::NegativeStageWeight(s) => format!("stage {s}: weight must not be negative"),
                P::ZeroTotalStageWeight => "the stage weights must add up to more than zero".into(),
                P::BadTieBreak(t) => format!("tie-break \"{t}\" names no existing stage or criterion"),
                P::BadNormalisation(n) => format!("unknown normalisation \"{n}\" (none or zscore)"),
                P::BadThreshold => "the disagreement threshold must be between 0 and 100".into(),
                P::NumberTooLarge { what } => {
                    format!("{what}: score bound or weight too large (at most 1,000,000)")
                }
                P::BadPassingGrade(s) => format!("stage {s}: the passing grade must be between 0 and 100"),
                P::BadKind { stage, kind } => format!("stage {stage}: unknown kind \"{kind}\" (desk or venue)"),
                P::BadJson(w) => format!("the setup file is not valid JSON: {}", w),
                P::DuplicateSection(c) => format!("dossier section code {c} is used twice"),
                P::UnknownSection { stage, code, section } => {
                    format!("criterion {stage}/{code}: the dossier has no section \"{section}\"")
                }
                P::BadDossierLimit => format!(
                    "the file and proposal size limits must be between 1 and {} MB",
                    crate::dossier::MAX_LIMIT_MB
                ),
                P::BadFileType(t) => format!("file type \"{t}\" is not valid (for example: pdf, jpg)"),
                P::TooLong { field, code, max } => format!(
                    "{}{}: too long (at most {max} characters)",
                    field_name(field, lang),
                    if code.is_empty() { String::new() } else { format!(" {code}") }
                ),
            },
        }
    }
}

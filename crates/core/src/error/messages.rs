//! What every error says to the user, in Indonesian and English: the messages of each problem,
//! with every value from a file cut by [`shown`] first.

use super::*;

impl PackageProblem {
    /// The same problem with every value from the package cut by [`shown`], for a message.
    fn cut(&self) -> PackageProblem {
        use PackageProblem as P;
        let c = |v: &String| shown(v);
        match self {
            P::NotAKit(v) => P::NotAKit(c(v)),
            P::UnknownJudge(v) => P::UnknownJudge(c(v)),
            P::NotThisJudge { package, database } => P::NotThisJudge { package: c(package), database: c(database) },
            P::KitForAnotherJudge { kit, laptop } => P::KitForAnotherJudge { kit: c(kit), laptop: c(laptop) },
            P::NoKey(v) => P::NoKey(c(v)),
            P::BadContent(v) => P::BadContent(c(v)),
            P::ForeignEvents { judge, count } => P::ForeignEvents { judge: c(judge), count: *count },
            P::KitFileMismatch(v) => P::KitFileMismatch(c(v)),
            P::TooLarge
            | P::NotAPackage
            | P::Tampered
            | P::WrongCompetition
            | P::KitForAnotherCompetition
            | P::LaptopHoldsData(_)
            | P::Refused(_) => self.clone(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use PackageProblem as P;
        match (&self.cut(), lang) {
            (P::KitFileMismatch(f), Lang::Id) => format!(
                "Berkas bukti {f} di dalam kit hilang atau tidak sama dengan sidik SHA-256-nya: kit rusak atau diubah. Kit tidak dibuka."
            ),
            (P::KitFileMismatch(f), Lang::En) => format!(
                "The evidence file {f} in the kit is missing or does not match its SHA-256: the kit is damaged or was changed. The kit was not opened."
            ),
            (P::TooLarge, Lang::Id) => "Berkas terlalu besar untuk sebuah paket Juri.".into(),
            (P::TooLarge, Lang::En) => "The file is too large to be a Juri package.".into(),
            (P::NotAKit(w), Lang::Id) => format!("Berkas ini bukan kit juri Juri ({w})."),
            (P::NotAKit(w), Lang::En) => format!("This file is not a Juri judge kit ({w})."),
            (P::NotAPackage, Lang::Id) => "Berkas ini bukan paket nilai Juri atau isinya terpotong.".into(),
            (P::NotAPackage, Lang::En) => "This file is not a Juri score package, or it is truncated.".into(),
            (P::Tampered, Lang::Id) => "Tanda tangan paket tidak cocok: isi paket telah diubah atau bukan dari juri ini. Tidak ada nilai yang diambil.".into(),
            (P::Tampered, Lang::En) => "The package signature does not match: its content was changed or it is not from this judge. No score was taken.".into(),
            (P::WrongCompetition, Lang::Id) => "Paket ini milik kompetisi lain.".into(),
            (P::WrongCompetition, Lang::En) => "This package belongs to another competition.".into(),
            (P::UnknownJudge(j), Lang::Id) => format!("Juri {j} tidak terdaftar di kompetisi ini."),
            (P::UnknownJudge(j), Lang::En) => format!("Judge {j} is not on this competition's jury."),
            (P::NotThisJudge { package, database }, Lang::Id) => {
                format!("Nilai milik juri {package} tidak dapat dimasukkan ke laptop juri {database}.")
            }
            (P::NotThisJudge { package, database }, Lang::En) => {
                format!("Scores of judge {package} cannot go into the laptop of judge {database}.")
            }
            (P::KitForAnotherJudge { kit, laptop }, Lang::Id) => {
                format!("Kit ini untuk juri {kit}, sedangkan laptop ini laptop juri {laptop}. Kit tidak dibuka.")
            }
            (P::KitForAnotherJudge { kit, laptop }, Lang::En) => {
                format!("This kit is for judge {kit}, but this is judge {laptop}'s laptop. The kit was not opened.")
            }
            (P::KitForAnotherCompetition, Lang::Id) => {
                "Kit ini untuk kompetisi lain; laptop juri hanya memuat satu kompetisi. Kit tidak dibuka.".into()
            }
            (P::KitForAnotherCompetition, Lang::En) => {
                "This kit is for another competition; a judge's laptop holds one competition. The kit was not opened."
                    .into()
            }
            (P::LaptopHoldsData(n), Lang::Id) => format!(
                "Basis data ini sudah berisi {n} kompetisi (mungkin laptop panitia). Kit tidak dibuka; buka di laptop juri yang kosong atau konfirmasi agar data lama disalin dulu."
            ),
            (P::LaptopHoldsData(n), Lang::En) => format!(
                "This database already holds {n} competition(s) (perhaps the organiser's laptop). The kit was not opened; open it on an empty judge's laptop, or confirm so the old data is copied first."
            ),
            (P::BadContent(w), Lang::Id) => {
                format!("Tanda tangan paket cocok, tetapi isinya tidak sah ({w}). Tidak ada nilai yang diambil.")
            }
            (P::BadContent(w), Lang::En) => {
                format!("The package signature matches, but its content is not valid ({w}). No score was taken.")
            }
            (P::ForeignEvents { judge, count }, Lang::Id) => format!(
                "{count} id peristiwa dalam paket ini sudah dipakai oleh nilai juri {judge}; paket ditolak seluruhnya. Periksa asal paket ini."
            ),
            (P::ForeignEvents { judge, count }, Lang::En) => format!(
                "{count} event id(s) in this package already belong to judge {judge}'s scores; the whole package is refused. Check where it came from."
            ),
            (P::Refused(n), Lang::Id) => format!(
                "{n} paket ditolak. Tidak ada yang digabung, juga dari paket lain; gabungkan lagi tanpa paket yang ditolak."
            ),
            (P::Refused(n), Lang::En) => format!(
                "{n} package(s) refused. Nothing was merged, not from the other packages either; merge again without the refused ones."
            ),
            (P::NoKey(j), Lang::Id) => format!("Belum ada kit untuk juri {j}; paketnya tidak dapat diperiksa."),
            (P::NoKey(j), Lang::En) => format!("No kit was exported for judge {j}; the package cannot be checked."),
        }
    }
}

impl PaperProblem {
    pub fn message(&self, lang: Lang) -> String {
        use PaperProblem as P;
        match (self, lang) {
            (P::SameTypist(name), Lang::Id) => format!(
                "Entri 1 dan entri 2 harus diketik oleh dua petugas yang berbeda; entri lainnya sudah diketik oleh {name}."
            ),
            (P::SameTypist(name), Lang::En) => {
                format!(
                    "Entry 1 and entry 2 must be typed by two different people; the other entry was typed by {name}."
                )
            }
            (P::AlreadyRecorded, Lang::Id) => {
                "Lembar ini sudah dicocokkan dan nilainya tercatat; perubahan dilakukan lewat lembar penilaian.".into()
            }
            (P::AlreadyRecorded, Lang::En) => {
                "This sheet is already reconciled and its scores recorded; change them on the scoring sheet.".into()
            }
            (P::EntriesMissing, Lang::Id) => "Lembar ini belum diketik dua kali (entri 1 dan entri 2).".into(),
            (P::EntriesMissing, Lang::En) => "This sheet has not been typed twice yet (entry 1 and entry 2).".into(),
            (P::BadSlot(n), Lang::Id) => format!("Entri {n} tidak dikenal; pilih entri 1 atau entri 2."),
            (P::BadSlot(n), Lang::En) => format!("Entry {n} is unknown; choose entry 1 or entry 2."),
            (P::NoDifference(c), Lang::Id) => format!("Kedua entri sudah sama untuk kriteria {c}."),
            (P::NoDifference(c), Lang::En) => format!("Both entries already agree on criterion {c}."),
            (P::NotATypedValue { criterion, value }, Lang::Id) => format!(
                "Nilai {} untuk kriteria {criterion} tidak diketik di entri mana pun; pilih nilai entri 1 atau entri 2, atau ketik ulang entrinya.",
                crate::format_id::decimal_plain(*value)
            ),
            (P::NotATypedValue { criterion, value }, Lang::En) => format!(
                "Value {value} for criterion {criterion} was not typed in either entry; pick entry 1's or entry 2's value, or retype the entry."
            ),
            (P::NoConflict(c), Lang::Id) => format!("Tidak ada perbedaan dengan nilai digital untuk kriteria {c}."),
            (P::NoConflict(c), Lang::En) => format!("There is no difference with a digital score for criterion {c}."),
        }
    }
}

impl ImageProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImageProblem::TooLarge { bytes, max }, Lang::Id) => format!(
                "berkas gambar terlalu besar ({bytes} bita; maksimal {} MB), perkecil dulu",
                max / (1024 * 1024)
            ),
            (ImageProblem::TooLarge { bytes, max }, Lang::En) => {
                format!(
                    "the image file is too large ({bytes} bytes; at most {} MB), make it smaller first",
                    max / (1024 * 1024)
                )
            }
            (ImageProblem::TooManyPixels { width, height, max }, Lang::Id) => format!(
                "gambar berukuran {width}×{height} piksel tidak dapat dicetak (paling besar {max}×{max} piksel), perkecil dulu"
            ),
            (ImageProblem::TooManyPixels { width, height, max }, Lang::En) => format!(
                "an image of {width}×{height} pixels cannot be printed (at most {max}×{max} pixels), make it smaller first"
            ),
            (ImageProblem::Corrupt(w), Lang::Id) => {
                format!("gambar rusak atau terpotong dan tidak dapat dicetak ({w}); simpan ulang sebagai PNG atau JPEG")
            }
            (ImageProblem::Corrupt(w), Lang::En) => {
                format!("the image is damaged or cut short and cannot be printed ({w}); save it again as PNG or JPEG")
            }
        }
    }
}

impl Error {
    /// The first line of the message: for a refused file, how many errors and that nothing changed
    /// (the rows follow in [`Error::message`] and, for the UI, in `ApiError::rows`).
    pub fn headline(&self, lang: Lang) -> String {
        match self {
            Error::ImportRefused { errors } => match lang {
                Lang::Id => format!("Berkas ditolak: {} kesalahan; tidak ada data yang diubah.", errors.len()),
                Lang::En => format!("File refused: {} errors; nothing was changed.", errors.len()),
            },
            Error::DossierRefused(problems) => match lang {
                Lang::Id => format!("Impor isian proposal ditolak: {} masalah; tidak ada yang diubah.", problems.len()),
                Lang::En => format!("Dossier import refused: {} problems; nothing was changed.", problems.len()),
            },
            _ => self.message(lang),
        }
    }

    /// The message a user reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let l = |id: &str, en: &str| lang.pick(id, en).to_string();
        match self {
            Error::NotFound { what, key } => {
                format!("{} {} {}", entity_name(*what, lang), shown(key), l("tidak ditemukan.", "not found."))
            }
            Error::InvalidSetup(problems) => {
                let head = l(
                    "Pengaturan kompetisi tidak valid; tidak ada yang disimpan:",
                    "The competition setup is invalid; nothing was saved:",
                );
                let items: Vec<String> = problems.iter().map(|p| format!("- {}", p.message(lang))).collect();
                format!("{head}\n{}", items.join("\n"))
            }
            Error::InvalidInput { field, problem } => format!("{}: {}", field_name(field, lang), problem.message(lang)),
            Error::ImportRefused { errors } => {
                let items: Vec<String> = errors.iter().map(|e| format!("- {}", e.message(lang))).collect();
                format!("{}\n{}", self.headline(lang), items.join("\n"))
            }
            Error::DossierRefused(problems) => {
                let items: Vec<String> = problems.iter().map(|p| format!("- {}", p.message(lang))).collect();
                format!("{}\n{}", self.headline(lang), items.join("\n"))
            }
            Error::FileUnreadable(p) => p.message(lang),
            Error::DuplicateCode(code) => match lang {
                Lang::Id => format!("Kode {} sudah dipakai.", shown(code)),
                Lang::En => format!("Code {} is already in use.", shown(code)),
            },
            Error::InUse { what, key } => match (lang, shown(key)) {
                (Lang::Id, key) => format!("{} {key} masih dipakai dan tidak dapat dihapus.", entity_name(*what, lang)),
                (Lang::En, key) => format!("{} {key} is still in use and cannot be removed.", entity_name(*what, lang)),
            },
            Error::NotJuriDatabase(why) => match lang {
                Lang::Id => format!("Berkas ini bukan basis data Juri yang utuh ({why}); tidak ada yang diganti."),
                Lang::En => format!("This file is not a sound Juri database ({why}); nothing was replaced."),
            },
            Error::SchemaTooNew { found, supported } => match lang {
                Lang::Id => format!(
                    "Basis data dibuat oleh Juri yang lebih baru (skema {found}, versi ini {supported}). Perbarui Juri."
                ),
                Lang::En => format!(
                    "The database was made by a newer Juri (schema {found}, this version {supported}). Update Juri."
                ),
            },
            Error::Cancelled => l("Dibatalkan; tidak ada yang diubah.", "Cancelled; nothing was changed."),
            Error::BadPackage(p) => p.message(lang),
            Error::Paper(p) => p.message(lang),
            Error::NotOnJudgeLaptop(task) => {
                use crate::laptop::OrganiserTask as T;
                match (task, lang) {
                    (T::Documents, Lang::Id) => {
                        "Dokumen hanya dapat dibuat dan diatur di laptop panitia, bukan di laptop juri.".into()
                    }
                    (T::Documents, Lang::En) => {
                        "Documents are made and set up on the organiser's laptop, not on a judge's laptop.".into()
                    }
                    (T::Setup, Lang::Id) => {
                        "Pengaturan kompetisi di laptop juri berasal dari kit; ubah di laptop panitia.".into()
                    }
                    (T::Setup, Lang::En) => {
                        "A judge's laptop keeps the setup of its kit; change it on the organiser's laptop.".into()
                    }
                    (T::PaperEntry, Lang::Id) => {
                        "Lembar kertas diketik di laptop panitia, bukan di laptop juri.".into()
                    }
                    (T::PaperEntry, Lang::En) => {
                        "Paper sheets are typed on the organiser's laptop, not on a judge's.".into()
                    }
                    (T::Dossiers, Lang::Id) => {
                        "Isian proposal dan bukti dukung diimpor di laptop panitia, bukan di laptop juri.".into()
                    }
                    (T::Dossiers, Lang::En) => {
                        "Proposal dossiers are imported on the organiser's laptop, not on a judge's.".into()
                    }
                    (T::KitExport, Lang::Id) => "Kit juri dibuat di laptop panitia, bukan di laptop juri.".into(),
                    (T::KitExport, Lang::En) => {
                        "Judge kits are made on the organiser's laptop, not on a judge's.".into()
                    }
                    (T::Merge, Lang::Id) => "Paket nilai digabung di laptop panitia, bukan di laptop juri.".into(),
                    (T::Merge, Lang::En) => {
                        "Score packages are merged on the organiser's laptop, not on a judge's.".into()
                    }
                }
            }
            Error::StageLocked(stage) => match (lang, shown(stage)) {
                (Lang::Id, stage) => format!(
                    "Tahap {stage} sudah dikunci panitia; nilai tidak dapat diubah kecuali kuncinya dibuka dengan alasan."
                ),
                (Lang::En, stage) => format!(
                    "Stage {stage} is locked by the organiser; scores cannot change unless it is unlocked with a reason."
                ),
            },
            Error::SheetFinal { judge, stage } => match (lang, shown(judge), shown(stage)) {
                (Lang::Id, judge, stage) => format!(
                    "Lembar penilaian {judge} untuk tahap {stage} sudah ditandai final; buka kembali untuk mengubah."
                ),
                (Lang::En, judge, stage) => {
                    format!("The sheet of {judge} for stage {stage} is marked final; reopen it to make changes.")
                }
            },
            Error::Database(_) | Error::Migration(_) => l(
                "Basis data tidak dapat ditulis atau dibaca. Lihat log untuk rinciannya.",
                "The database could not be read or written. See the log for details.",
            ),
            Error::Damaged(what) => match lang {
                Lang::Id => format!(
                    "Data tersimpan rusak ({what}); tidak ada yang diubah. Pulihkan basis data dari cadangan (Data → Pulihkan)."
                ),
                Lang::En => format!(
                    "Stored data is damaged ({what}); nothing was changed. Restore the database from a backup (Data → Restore)."
                ),
            },
            Error::Io(e) => match lang {
                Lang::Id => format!("Berkas tidak dapat dibaca atau ditulis: {e}"),
                Lang::En => format!("The file could not be read or written: {e}"),
            },
        }
    }
}

fn entity_name(e: Entity, lang: Lang) -> &'static str {
    match e {
        Entity::Competition => lang.pick("Kompetisi", "Competition"),
        Entity::Category => lang.pick("Kategori", "Category"),
        Entity::Stage => lang.pick("Tahap", "Stage"),
        Entity::Criterion => lang.pick("Kriteria", "Criterion"),
        Entity::Proposal => lang.pick("Proposal", "Proposal"),
        Entity::Judge => lang.pick("Juri", "Judge"),
        Entity::Template => lang.pick("Templat", "Template"),
        Entity::Survey => lang.pick("Data survei IKM untuk", "IKM survey data for"),
        Entity::Unit => lang.pick("Unit", "Unit"),
        Entity::Innovation => lang.pick("Inovasi", "Innovation"),
        Entity::Indicator => lang.pick("Indikator", "Indicator"),
        Entity::Report => lang.pick("Laporan triwulan", "Quarterly report"),
        Entity::Evidence => lang.pick("Bukti dukung", "Evidence file"),
    }
}

/// A whole number with thousands separators ("1.000.000" in Indonesian, "1,000,000" in English).
fn count(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = lang.pick(".", ",");
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// A byte count as megabytes with one decimal ("10,5 MB" in Indonesian).
fn megabytes(bytes: u64, lang: Lang) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    match lang {
        Lang::Id => format!("{} MB", crate::format_id::decimal(mb, 1)),
        Lang::En => format!("{mb:.1} MB"),
    }
}

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
            (FileProblem::NoSpace { path, needed_mb, free_mb }, Lang::Id) => format!(
                "Ruang kosong di disk untuk {path} tidak cukup: perlu {needed_mb} MB, tersedia {free_mb} MB. Tidak ada yang ditulis."
            ),
            (FileProblem::NoSpace { path, needed_mb, free_mb }, Lang::En) => format!(
                "Not enough free disk space for {path}: {needed_mb} MB needed, {free_mb} MB free. Nothing was written."
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

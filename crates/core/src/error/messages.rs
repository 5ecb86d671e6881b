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
            P::HubUnreachable(v) => P::HubUnreachable(c(v)),
            P::HubRefused(v) => P::HubRefused(c(v)),
            P::TooLarge
            | P::NotAPackage
            | P::Tampered
            | P::WrongCompetition
            | P::KitForAnotherCompetition
            | P::LaptopHoldsData(_)
            | P::Refused(_)
            | P::Replayed
            | P::UnreadableAnswer
            | P::NotAJudgeLaptop => self.clone(),
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
            (P::NotAJudgeLaptop, Lang::Id) => "Ini database panitia, bukan database laptop juri. Paket nilai dan pengiriman ke hub venue hanya dari laptop juri yang dibuka dari kit juri; di laptop panitia, gabungkan paket nilai atau jalankan hub venue.".into(),
            (P::NotAJudgeLaptop, Lang::En) => "This is the organiser's database, not a judge laptop's. Score packages and sending to the venue hub come only from a judge's laptop opened from a judge kit; on the organiser's laptop, merge score packages or run the venue hub.".into(),
            (P::HubUnreachable(w), Lang::Id) => format!(
                "Hub panitia tidak terjangkau ({w}). Nilai tetap tersimpan di laptop ini dan dikirim lagi nanti; tidak ada yang hilang."
            ),
            (P::HubUnreachable(w), Lang::En) => format!(
                "The organiser's hub cannot be reached ({w}). The scores stay on this laptop and are sent later; nothing is lost."
            ),
            (P::HubRefused(w), Lang::Id) => format!("Hub panitia menolak kiriman: {w}"),
            (P::HubRefused(w), Lang::En) => format!("The organiser's hub refused the push: {w}"),
            (P::Replayed, Lang::Id) => {
                "Kiriman ini sudah pernah diterima hub (dikirim ulang atau kiriman lama); tidak diambil lagi.".into()
            }
            (P::Replayed, Lang::En) => {
                "The hub has already taken this push (sent again, or an old one); it is not taken again.".into()
            }
            (P::UnreadableAnswer, Lang::Id) => {
                "Jawaban hub tidak dapat dipastikan berasal dari hub panitia; nilai dianggap belum terkirim.".into()
            }
            (P::UnreadableAnswer, Lang::En) => {
                "The hub's answer cannot be confirmed as the organiser's; the scores count as not yet sent.".into()
            }
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
            Error::ForwardingRefused(problems) => match lang {
                Lang::Id => format!("Berkas penerusan ditolak: {} masalah; tidak ada yang diubah.", problems.len()),
                Lang::En => format!("Forwarding file refused: {} problems; nothing was changed.", problems.len()),
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
            Error::DossierRefused(problems) | Error::ForwardingRefused(problems) => {
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
            Error::SchemaTooOld { found, supported } => match lang {
                Lang::Id => format!(
                    "Basis data ini dibuat oleh Juri versi sebelumnya (skema {found}, versi ini {supported}) dan perintah \
                     ini hanya membaca, jadi tidak memperbaruinya. Buka sekali dengan aplikasi Juri (basis data \
                     diperbarui dengan cadangan lebih dulu), lalu ulangi perintah ini; tidak ada yang diubah."
                ),
                Lang::En => format!(
                    "This database was made by an earlier Juri (schema {found}, this version {supported}) and this \
                     command only reads, so it does not upgrade it. Open it once with the Juri app (it is upgraded \
                     after a backup), then run this command again; nothing was changed."
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
                    (T::Plenary, Lang::Id) => {
                        "Keandalan penilaian dan antrean pembahasan ada di laptop panitia, bukan di laptop juri.".into()
                    }
                    (T::Plenary, Lang::En) => {
                        "Jury reliability and the discussion queue are on the organiser's laptop, not on a judge's."
                            .into()
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
        Entity::Conflict => lang.pick("Konflik nilai", "Score conflict"),
    }
}

/// A whole number with thousands separators ("1.000.000" in Indonesian, "1,000,000" in English).
pub(super) fn count(n: u64, lang: Lang) -> String {
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
pub(super) fn megabytes(bytes: u64, lang: Lang) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    match lang {
        Lang::Id => format!("{} MB", crate::format_id::decimal(mb, 1)),
        Lang::En => format!("{mb:.1} MB"),
    }
}

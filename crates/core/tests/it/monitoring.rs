//! Monitoring on real SQLite files: registry with trace, promotion, status, reports and evidence,
//! imports that refuse bad files whole, and the dashboard on a hand-made case.

use juri_core::Lang;
use juri_core::competition::{Setup, create_competition};
use juri_core::error::{Error, FileProblem, InputProblem};
use juri_core::monitoring::*;
use juri_core::proposals::{ProposalInput, add_proposal};
use time::macros::date;

use super::support::{NOW, TestDb, actor, dump, new_db};

fn innovation(title: &str, unit: &str, unit_type: &str, stage: LifecycleStage) -> InnovationInput {
    InnovationInput {
        code: String::new(),
        title: title.into(),
        unit: unit.into(),
        unit_type: unit_type.into(),
        start_year: Some(2024),
        description: String::new(),
        stage,
    }
}

fn add(t: &mut TestDb, input: InnovationInput) -> Innovation {
    t.db.write(|tx| add_innovation(tx, input, &actor(), NOW)).unwrap()
}

fn indicator(t: &mut TestDb, inv: &str, kind: IndicatorKind, name: &str, targets: &[(i32, u8, f64)]) -> Indicator {
    let input = IndicatorInput {
        kind,
        name: name.into(),
        measure: "orang".into(),
        kontrak_kinerja: String::new(),
        targets: targets.iter().map(|&(year, quarter, target)| QuarterTarget { year, quarter, target }).collect(),
    };
    t.db.write(|tx| add_indicator(tx, inv, input, &actor(), NOW)).unwrap()
}

fn report(
    t: &mut TestDb,
    inv: &str,
    year: i32,
    quarter: u8,
    values: &[(&Indicator, f64)],
    at: &str,
) -> QuarterlyReport {
    let input = ReportInput {
        year,
        quarter,
        narrative: "Berjalan sesuai rencana aksi.".into(),
        obstacles: String::new(),
        follow_up: String::new(),
        values: values.iter().map(|(i, v)| ReportValue { indicator_id: i.id.clone(), realisation: *v }).collect(),
    };
    t.db.write(|tx| save_report(tx, inv, input, &actor(), at)).unwrap()
}

#[test]
fn registry_edits_and_removal_leave_a_trace_and_codes_are_never_reused() {
    let mut t = new_db();
    let a = add(&mut t, innovation("SIGAP BUMIL", "Puskesmas Karangsari", "OPD", LifecycleStage::Penerapan));
    assert_eq!(a.code, "INV-001");
    assert_eq!(a.unit_type, "OPD", "the unit was added to the list with its type");
    assert_eq!(list_units(t.db.conn()).unwrap().len(), 1);

    let mut edit = a.as_input();
    edit.stage = LifecycleStage::Replikasi;
    edit.title = "SIGAP BUMIL (Siaga Gerak Cepat Ibu Hamil)".into();
    let edited = t.db.write(|tx| update_innovation(tx, &a.id, edit.clone(), &actor(), NOW)).unwrap();
    assert_eq!(edited.stage, LifecycleStage::Replikasi);
    let again = t.db.write(|tx| update_innovation(tx, &a.id, edit, &actor(), NOW)).unwrap();
    assert_eq!(again, edited, "an unchanged edit writes nothing");

    let e = t.db.write(|tx| remove_innovation(tx, &a.id, "  ", &actor(), NOW)).unwrap_err();
    assert!(matches!(e, Error::InvalidInput { problem: InputProblem::ReasonRequired, .. }), "removal needs a reason");
    t.db.write(|tx| remove_innovation(tx, &a.id, "Digabung dengan inovasi Dinas Kesehatan", &actor(), NOW)).unwrap();
    assert!(list_innovations(t.db.conn(), &InnovationFilter::default()).unwrap().is_empty());
    let all = list_innovations(t.db.conn(), &InnovationFilter { include_removed: true, ..Default::default() }).unwrap();
    assert!(all[0].removed && all[0].removed_reason.starts_with("Digabung"), "the removed row stays with its reason");

    let actions: Vec<String> = innovation_history(t.db.conn(), &a.id).unwrap().into_iter().map(|h| h.action).collect();
    assert_eq!(actions, ["created", "updated", "removed"], "one history line per real change");
    let h = innovation_history(t.db.conn(), &a.id).unwrap();
    assert_eq!(h[1].changes["tahapan"], serde_json::json!(["penerapan", "replikasi"]));
    let upd = t.db.conn().execute("UPDATE innovation_history SET reason = 'x'", []);
    assert!(upd.is_err(), "the innovation history is append-only");

    let b = add(&mut t, innovation("ANTRI SEHAT", "RSUD Sukamaju", "OPD", LifecycleStage::Penerapan));
    assert_eq!(b.code, "INV-002", "a removed innovation's code is not handed out again");
    let e = t.db.write(|tx| {
        add_innovation(
            tx,
            InnovationInput { code: "inv-002".into(), ..innovation("X", "Y", "", LifecycleStage::Gagasan) },
            &actor(),
            NOW,
        )
    });
    assert!(matches!(e, Err(Error::DuplicateCode(_))), "codes are unique among live innovations");
    let restored = t.db.write(|tx| restore_innovation(tx, &a.id, &actor(), NOW)).unwrap();
    assert!(!restored.removed);
}

fn small_competition(t: &mut TestDb) -> String {
    let setup = Setup::from_json(
        r#"{ "name": "KIPP Sukamaju 2026", "year": 2026,
             "categories": [ { "code": "KS", "name": "Kesehatan", "quota": 1 }, { "code": "LH", "name": "Lingkungan Hidup" } ],
             "stages": [ { "code": "proposal", "name": "Penilaian Proposal", "kind": "desk", "weight": 100,
                           "criteria": [ { "code": "nilai", "name": "Nilai", "weight": 1, "min": 0, "max": 100 } ] } ],
             "normalisation": "none", "disagreement_threshold": 15 }"#,
    )
    .unwrap();
    let id = t.db.write(|tx| create_competition(tx, setup, NOW)).unwrap();
    let rows = [
        ("P-001", "SIGAP BUMIL", "KS", "Puskesmas Karangsari", Some(2023)),
        ("P-002", "ANTRI SEHAT", "KS", "RSUD Sukamaju", Some(2026)),
        ("P-003", "SEDEKAH JELANTAH", "LH", "Dinas Lingkungan Hidup", Some(2022)),
        ("P-004", "GESIT", "LH", "Kecamatan Karangsari", None),
    ];
    for (code, title, cat, unit, year) in rows {
        t.db.write(|tx| {
            add_proposal(
                tx,
                &id,
                ProposalInput {
                    code: code.into(),
                    title: title.into(),
                    category: cat.into(),
                    unit: unit.into(),
                    unit_type: "OPD".into(),
                    start_year: year,
                    summary: format!("Ringkasan {title}"),
                    ..Default::default()
                },
                &actor(),
                NOW,
            )
        })
        .unwrap();
    }
    t.db.write(|tx| juri_core::import::import_judges(tx, &id, b"kode,nama\nJ1,Juri Satu\n", NOW)).unwrap();
    // P-004 has no score: incomplete, not a finalist.
    let scores = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n\
                  proposal,P-001,J1,nilai,90\nproposal,P-002,J1,nilai,80\nproposal,P-003,J1,nilai,70\n";
    let ctx = juri_core::scoring::store::ScoreContext { actor: "uji".into(), device: "t".into(), now: NOW.into() };
    t.db.write(|tx| juri_core::import::import_scores(tx, &id, scores.as_bytes(), &ctx)).unwrap();
    id
}

#[test]
fn promoting_twice_adds_nothing_and_winners_follow_the_recap() {
    let mut t = new_db();
    let comp = small_competition(&mut t);
    let req = PromoteRequest { scope: PromoteScope::Winners, codes: vec![] };
    let s = t.db.write(|tx| promote_proposals(tx, &comp, &req, &actor(), NOW)).unwrap();
    // KS quota 1 → P-001 only; LH has no quota → up to 3 ranked → P-003 (P-004 is incomplete).
    assert_eq!((s.selected, s.added, s.already), (2, 2, 0));
    assert_eq!(s.units_added, 4, "every unit that entered joins the unit list");
    assert_eq!(s.innovations, ["INV-001", "INV-002"]);
    let before = dump(&t.db);
    let again = t.db.write(|tx| promote_proposals(tx, &comp, &req, &actor(), NOW)).unwrap();
    assert_eq!((again.added, again.linked, again.already), (0, 0, 2));
    assert_eq!(dump(&t.db), before, "promoting the same proposals again changes nothing");

    let all = PromoteRequest { scope: PromoteScope::All, codes: vec![] };
    let s = t.db.write(|tx| promote_proposals(tx, &comp, &all, &actor(), NOW)).unwrap();
    assert_eq!((s.selected, s.added, s.already), (4, 2, 2));
    let list = list_innovations(t.db.conn(), &InnovationFilter::default()).unwrap();
    assert_eq!(list.len(), 4);
    let sigap = list.iter().find(|i| i.title == "SIGAP BUMIL").unwrap();
    assert_eq!(sigap.stage, LifecycleStage::Penerapan, "in use before the competition year");
    let antri = list.iter().find(|i| i.title == "ANTRI SEHAT").unwrap();
    assert_eq!(antri.stage, LifecycleStage::UjiCoba, "started in the competition year");
    let entries = competition_entries(t.db.conn(), &sigap.id).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0].rank, entries[0].result.as_str()), (Some(1), "ranked"));
    let gesit = list.iter().find(|i| i.title == "GESIT").unwrap();
    assert_eq!(competition_entries(t.db.conn(), &gesit.id).unwrap()[0].result, "incomplete");

    let bad = PromoteRequest { scope: PromoteScope::Chosen, codes: vec!["P-001".into(), "P-999".into()] };
    let before = dump(&t.db);
    let e = t.db.write(|tx| promote_proposals(tx, &comp, &bad, &actor(), NOW)).unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "an unknown code refuses the promotion");
    assert_eq!(dump(&t.db), before);
}

#[test]
fn status_per_quarter_at_the_boundaries_of_the_due_day() {
    let mut t = new_db();
    let a = add(&mut t, innovation("A", "Dinas Kesehatan", "OPD", LifecycleStage::Penerapan));
    let b = add(&mut t, innovation("B", "RSUD Sukamaju", "OPD", LifecycleStage::Penerapan));
    let c = add(&mut t, innovation("C", "Desa Mekarjaya", "Pemdes", LifecycleStage::UjiCoba));
    let ia = indicator(&mut t, &a.id, IndicatorKind::Output, "Kunjungan", &[(2026, 3, 100.0)]);
    let ib = indicator(&mut t, &b.id, IndicatorKind::Output, "Pasien", &[(2026, 3, 50.0)]);
    indicator(&mut t, &c.id, IndicatorKind::Output, "Transaksi", &[(2026, 3, 10.0)]);
    report(&mut t, &a.id, 2026, 3, &[(&ia, 100.0)], "2026-10-05T08:00:00Z");
    report(&mut t, &b.id, 2026, 3, &[(&ib, 49.5)], "2026-10-12T08:00:00Z");

    let status = |t: &TestDb, today| {
        let rows = quarter_statuses(t.db.conn(), 2026, 3, today, 10).unwrap();
        rows.into_iter().map(|r| (r.code, r.status, r.late)).collect::<Vec<_>>()
    };
    use QuarterStatus::*;
    assert_eq!(
        status(&t, date!(2026 - 09 - 30)),
        [("INV-001".into(), OnTrack, false), ("INV-002".into(), Behind, true), ("INV-003".into(), NotYetDue, false)]
    );
    assert_eq!(status(&t, date!(2026 - 10 - 10))[2].1, NotYetDue, "the due day is still on time");
    assert_eq!(status(&t, date!(2026 - 10 - 11))[2].1, ReportMissing, "the day after, the report is missing");
    assert!(
        quarter_statuses(t.db.conn(), 2026, 2, date!(2026 - 10 - 11), 10).unwrap().is_empty(),
        "no targets in TW II"
    );
    let row = &quarter_statuses(t.db.conn(), 2026, 3, date!(2026 - 10 - 11), 10).unwrap()[1];
    assert_eq!(row.indicators[0].achievement, Some(99.0));
    assert_eq!(row.due_date, "2026-10-10");

    assert_eq!(due_days(t.db.conn()).unwrap(), 10, "default due day");
    t.db.write(|tx| set_due_days(tx, 15)).unwrap();
    assert_eq!(due_days(t.db.conn()).unwrap(), 15);
    assert!(t.db.write(|tx| set_due_days(tx, 400)).is_err());
}

#[test]
fn evidence_is_stored_in_the_database_and_too_large_files_are_refused() {
    let mut t = new_db();
    let a = add(&mut t, innovation("A", "Dinas Kesehatan", "OPD", LifecycleStage::Penerapan));
    let i = indicator(&mut t, &a.id, IndicatorKind::Output, "Kunjungan", &[(2026, 1, 10.0)]);
    let r = report(&mut t, &a.id, 2026, 1, &[(&i, 12.0)], NOW);
    let photo = vec![7u8; 2048];
    let info =
        t.db.write(|tx| add_evidence(tx, &r.id, "C:\\Foto\\kegiatan.jpg", "image/jpeg", &photo, &actor(), NOW))
            .unwrap();
    assert_eq!(info.file_name, "kegiatan.jpg", "only the base name is kept");
    let (back, bytes) = evidence_file(t.db.conn(), &info.id).unwrap();
    assert_eq!(bytes, photo, "the bytes come back unchanged");
    assert_eq!(back.size, 2048);

    let before = dump(&t.db);
    let big = vec![0u8; MAX_EVIDENCE_BYTES as usize + 1];
    let e = t.db.write(|tx| add_evidence(tx, &r.id, "video.mp4", "video/mp4", &big, &actor(), NOW)).unwrap_err();
    assert!(matches!(e, Error::InvalidInput { field: "bukti", problem: InputProblem::FileTooLarge { .. } }));
    assert!(e.message(Lang::Id).contains("batasnya 10,0 MB"), "{}", e.message(Lang::Id));
    assert!(e.message(Lang::En).contains("the limit is 10.0 MB"), "{}", e.message(Lang::En));
    assert_eq!(dump(&t.db), before, "a refused file adds nothing");
    let exact = vec![1u8; MAX_EVIDENCE_BYTES as usize];
    t.db.write(|tx| add_evidence(tx, &r.id, "scan.pdf", "application/pdf", &exact, &actor(), NOW)).unwrap();

    t.db.write(|tx| remove_evidence(tx, &info.id, &actor(), NOW)).unwrap();
    let r = get_report(t.db.conn(), &r.id).unwrap();
    assert_eq!(r.evidence.len(), 1);
    let last = innovation_history(t.db.conn(), &a.id).unwrap().pop().unwrap();
    assert_eq!(last.action, "evidence_removed", "the removal is traced with name and checksum");
}

fn registry_for_imports() -> TestDb {
    let mut t = new_db();
    let csv = "kode;judul;unit;jenis_unit;kode_unit;tahun_mulai;tahapan\n\
               INV-001;SIGAP BUMIL;Puskesmas Karangsari;OPD;U02;2023;penerapan\n\
               ;RUMAH GIZI DESA;Desa Sindangwangi;Pemdes;U11;2024;Uji Coba\n";
    let p = preview_innovations(t.db.conn(), csv.as_bytes()).unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!((p.added, p.new_units.len()), (2, 2));
    t.db.write(|tx| import_innovations(tx, csv.as_bytes(), &actor(), NOW)).unwrap();
    let targets = "kode_inovasi,indikator,jenis,satuan,tahun,triwulan,target\n\
                   INV-001,Ibu hamil risiko tinggi dikunjungi,output,orang,2026,1,40\n\
                   INV-001,Ibu hamil risiko tinggi dikunjungi,output,orang,2026,TW2,45\n\
                   INV-001,Kematian ibu,outcome,kasus,2026,I,0\n\
                   INV-002,Balita ditimbang,output,anak,2026,1,\"120,5\"\n";
    let p = t.db.write(|tx| import_targets(tx, targets.as_bytes(), &actor(), NOW)).unwrap();
    assert_eq!((p.added, p.updated), (3, 4), "three indicators created, four targets set");
    t
}

#[test]
fn imports_add_and_update_and_bad_files_change_nothing() {
    let mut t = registry_for_imports();
    let units = list_units(t.db.conn()).unwrap();
    assert_eq!(units.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(), ["U02", "U11"]);
    let inv2 = find_innovation(t.db.conn(), "INV-002").unwrap().unwrap();
    assert_eq!((inv2.title.as_str(), inv2.stage), ("RUMAH GIZI DESA", LifecycleStage::UjiCoba));

    let good = "kode_inovasi,tahun,triwulan,indikator,realisasi,narasi\n\
                INV-001,2026,1,Ibu hamil risiko tinggi dikunjungi,42,Kunjungan rumah oleh bidan desa\n\
                INV-001,2026,1,kematian IBU,0,\n\
                INV-002,2026,TW I,Balita ditimbang,\"118,5\",\n";
    let p = preview_reports(t.db.conn(), good.as_bytes()).unwrap();
    assert_eq!((p.added, p.updated, p.errors.len()), (2, 0, 0));
    t.db.write(|tx| import_reports(tx, good.as_bytes(), &actor(), NOW)).unwrap();
    let r = find_report(t.db.conn(), &inv2.id, 2026, 1).unwrap().unwrap();
    assert_eq!(r.values[0].realisation, 118.5, "decimal comma");
    let rows = quarter_statuses(t.db.conn(), 2026, 1, date!(2026 - 04 - 20), 10).unwrap();
    let st: Vec<_> = rows.iter().map(|r| r.status).collect();
    assert_eq!(st, [QuarterStatus::OnTrack, QuarterStatus::Behind]);

    let p = preview_reports(t.db.conn(), good.as_bytes()).unwrap();
    assert_eq!((p.added, p.updated), (0, 2), "a second import updates the same reports");

    let bad_files: [(&str, &str); 6] = [
        (
            "unknown innovation",
            "kode_inovasi,tahun,triwulan,indikator,realisasi\nINV-001,2026,2,Ibu hamil risiko tinggi dikunjungi,40\nINV-404,2026,2,X,1\n",
        ),
        (
            "bad quarter",
            "kode_inovasi,tahun,triwulan,indikator,realisasi\nINV-001,2026,5,Ibu hamil risiko tinggi dikunjungi,40\n",
        ),
        (
            "non-numeric realisation",
            "kode_inovasi,tahun,triwulan,indikator,realisasi\nINV-001,2026,2,Ibu hamil risiko tinggi dikunjungi,empat puluh\n",
        ),
        ("unknown indicator", "kode_inovasi,tahun,triwulan,indikator,realisasi\nINV-001,2026,2,Tidak ada,4\n"),
        (
            "duplicate row",
            "kode_inovasi,tahun,triwulan,indikator,realisasi\nINV-001,2026,2,Kematian ibu,0\nINV-001,2026,TW2,kematian ibu,0\n",
        ),
        ("bad year", "kode_inovasi,tahun,triwulan,indikator,realisasi\nINV-001,duaribu,2,Kematian ibu,0\n"),
    ];
    for (what, file) in bad_files {
        let before = dump(&t.db);
        let p = preview_reports(t.db.conn(), file.as_bytes()).unwrap();
        assert!(!p.errors.is_empty(), "{what}: the preview lists the errors");
        let e = t.db.write(|tx| import_reports(tx, file.as_bytes(), &actor(), NOW)).unwrap_err();
        let Error::ImportRefused { errors } = e else { panic!("{what}: refused as a whole") };
        assert_eq!(errors, p.errors, "{what}: the import refuses with the preview's errors");
        assert_eq!(dump(&t.db), before, "{what}: nothing changed");
    }
    let p = preview_reports(t.db.conn(), bad_files[0].1.as_bytes()).unwrap();
    assert_eq!((p.errors[0].row, p.errors[0].column.as_str()), (3, "kode_inovasi"), "errors name row and column");
    let p = preview_reports(t.db.conn(), bad_files[2].1.as_bytes()).unwrap();
    assert_eq!((p.errors[0].row, p.errors[0].column.as_str()), (2, "realisasi"));
    let p = preview_reports(t.db.conn(), bad_files[4].1.as_bytes()).unwrap();
    assert_eq!(p.errors[0].problem, InputProblem::SameAsRow { first_row: 2 });

    let before = dump(&t.db);
    let missing = "kode_inovasi,tahun,indikator,realisasi\nINV-001,2026,Kematian ibu,0\n";
    let e = t.db.write(|tx| import_reports(tx, missing.as_bytes(), &actor(), NOW)).unwrap_err();
    assert!(matches!(&e, Error::FileUnreadable(FileProblem::MissingColumns(c)) if c == &["triwulan"]));
    for garbage in [&b"\x00\x01\x02\xff\xfe garbage"[..], b"PK\x03\x04 not a zip", b"", b"kode_inovasi,tahun\n"] {
        assert!(t.db.write(|tx| import_reports(tx, garbage, &actor(), NOW)).is_err());
        assert!(t.db.write(|tx| import_innovations(tx, garbage, &actor(), NOW)).is_err());
    }
    let bad_innovations = "kode,judul,unit,tahapan,tahun_mulai\nINV-001,SIGAP BUMIL,Puskesmas Karangsari,selesai,2023\n\
                           ,Baru,Dinas Baru,gagasan,dua ribu\n,,Dinas Baru,,\n";
    let p = preview_innovations(t.db.conn(), bad_innovations.as_bytes()).unwrap();
    let cells: Vec<(usize, &str)> = p.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(cells, [(2, "tahapan"), (3, "tahun_mulai"), (4, "judul")]);
    assert!(t.db.write(|tx| import_innovations(tx, bad_innovations.as_bytes(), &actor(), NOW)).is_err());
    assert_eq!(dump(&t.db), before, "bad files changed nothing");

    // Re-importing innovations updates a changed field with history and leaves the rest.
    let edit = "kode,judul,unit,tahapan\nINV-001,SIGAP BUMIL,Puskesmas Karangsari,replikasi\nINV-002,RUMAH GIZI DESA,Desa Sindangwangi,uji coba\n";
    let p = t.db.write(|tx| import_innovations(tx, edit.as_bytes(), &actor(), NOW)).unwrap();
    assert_eq!((p.added, p.updated, p.unchanged), (0, 1, 1));
    let inv1 = find_innovation(t.db.conn(), "INV-001").unwrap().unwrap();
    assert_eq!(inv1.stage, LifecycleStage::Replikasi);
}

#[test]
fn dashboard_counts_coverage_overdue_and_progress_on_a_hand_made_case() {
    let mut t = new_db();
    for (code, name, ty) in [
        ("U01", "Dinas Kesehatan", "OPD"),
        ("U07", "Dinas Lingkungan Hidup", "OPD"),
        ("U10", "Desa Mekarjaya", "Pemdes"),
        ("U12", "Perumda Air Minum Tirta Sukamaju", "BUMD"),
    ] {
        t.db.write(|tx| add_unit(tx, UnitInput { code: code.into(), name: name.into(), unit_type: ty.into() }, NOW))
            .unwrap();
    }
    let a = add(&mut t, innovation("POSBINDU KELILING", "U01", "", LifecycleStage::Penerapan));
    let b = add(&mut t, innovation("SILIMEDIS", "Dinas Kesehatan", "", LifecycleStage::UjiCoba));
    let c = add(&mut t, innovation("PADARING", "Desa Mekarjaya", "", LifecycleStage::Gagasan));
    let d = add(&mut t, innovation("SEDEKAH JELANTAH", "Dinas Lingkungan Hidup", "", LifecycleStage::Penerapan));
    assert_eq!(a.unit, "Dinas Kesehatan", "a unit can be named by its code");
    t.db.write(|tx| {
        save_evaluation(
            tx,
            &d.id,
            EvaluationInput {
                period: "2026".into(),
                verdict: Verdict::Dihentikan,
                recommendation: "Tidak ada anggaran".into(),
            },
            &actor(),
            NOW,
        )
    })
    .unwrap();
    let ia = indicator(&mut t, &a.id, IndicatorKind::Output, "Warga diskrining", &[(2026, 1, 100.0), (2026, 2, 120.0)]);
    indicator(&mut t, &b.id, IndicatorKind::Keberlanjutan, "Puskesmas memakai QR", &[(2026, 2, 5.0)]);
    report(&mut t, &a.id, 2026, 1, &[(&ia, 130.0)], "2026-04-03T09:00:00Z");
    report(&mut t, &a.id, 2026, 2, &[(&ia, 90.0)], "2026-07-08T09:00:00Z");
    t.db.write(|tx| remove_innovation(tx, &c.id, "Tidak dilanjutkan desa", &actor(), NOW)).unwrap();

    let q = DashboardQuery { today: "2026-07-20".into(), ..Default::default() };
    let dash = dashboard(t.db.conn(), &q).unwrap();
    assert_eq!((dash.year, dash.quarter), (2026, 2), "the last quarter that ended");
    assert_eq!(dash.innovations, 3, "removed innovations are not counted");
    let counts = |v: &[Count]| v.iter().map(|c| (c.key.clone(), c.count)).collect::<Vec<_>>();
    assert_eq!(
        counts(&dash.by_stage),
        [("gagasan".into(), 0), ("uji_coba".into(), 1), ("penerapan".into(), 2), ("replikasi".into(), 0)]
    );
    assert_eq!(
        counts(&dash.by_unit_type),
        [("OPD".into(), 3), ("Pemdes".into(), 0), ("BUMD".into(), 0), ("Lainnya".into(), 0)]
    );
    assert_eq!((dash.coverage.units, dash.coverage.covered), (4, 1));
    let without: Vec<&str> = dash.coverage.without.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(without, ["U07", "U10", "U12"], "stopped (U07), removed (U10) and none (U12) are not covered");
    assert_eq!(dash.coverage.percent, 25.0);
    assert_eq!(
        counts(&dash.status_counts),
        [("on_track".into(), 0), ("behind".into(), 1), ("report_missing".into(), 1), ("not_yet_due".into(), 0)]
    );
    let overdue: Vec<(String, u8, u32)> =
        dash.overdue.iter().map(|o| (o.code.clone(), o.quarter, o.days_overdue)).collect();
    assert_eq!(overdue, [(b.code.clone(), 2, 10)], "TW II was due 10 July");
    let flagged: Vec<&str> = dash.without_output_indicator.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(flagged, [b.code.as_str(), d.code.as_str()]);
    let series = dash.progress.iter().find(|s| s.indicator_id == ia.id).unwrap();
    let pts: Vec<(u8, Option<f64>, Option<f64>)> =
        series.points.iter().map(|p| (p.quarter, p.target, p.realisation)).collect();
    assert_eq!(pts, [(1, Some(100.0), Some(130.0)), (2, Some(120.0), Some(90.0))]);

    let only = dashboard(t.db.conn(), &DashboardQuery { innovation_id: Some(b.id.clone()), ..q.clone() }).unwrap();
    assert!(only.progress.iter().all(|s| s.innovation_id == b.id));
    let e = dashboard(t.db.conn(), &DashboardQuery { today: "20-07-2026".into(), ..Default::default() }).unwrap_err();
    assert!(matches!(e, Error::InvalidInput { problem: InputProblem::BadDate(_), .. }));
}

#[test]
fn the_monitoring_migration_keeps_a_database_of_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    {
        let conn = super::support::database_at_version(&path, 7);
        conn.execute_batch(
            "INSERT INTO ikm_response (id, unit, unit_key, period, row_number, u1, imported_at)
             VALUES ('r1', 'Dinas Kesehatan', 'dinas kesehatan', '2026', 2, 4, 't');",
        )
        .unwrap();
    }
    let mut db = juri_core::db::Db::open(&path).unwrap();
    let n: i64 = db.conn().query_row("SELECT count(*) FROM ikm_response", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "v7 data survives");
    let i = db
        .write(|tx| {
            add_innovation(
                tx,
                innovation("SIGAP BUMIL", "Dinas Kesehatan", "OPD", LifecycleStage::Penerapan),
                &actor(),
                NOW,
            )
        })
        .unwrap();
    assert_eq!(i.code, "INV-001", "the new tables work on the migrated file");
}

#[test]
fn the_demo_has_monitored_innovations_one_behind_and_one_missing() {
    let mut t = new_db();
    t.db.write(|tx| juri_core::demo::create_full_demo(tx, &actor(), NOW)).unwrap();
    t.db.write(|tx| juri_core::demo::create_full_demo(tx, &actor(), NOW)).unwrap();
    assert_eq!(list_innovations(t.db.conn(), &InnovationFilter::default()).unwrap().len(), 4, "added once");
    let d = dashboard(t.db.conn(), &DashboardQuery { today: "2026-11-23".into(), ..Default::default() }).unwrap();
    let st: Vec<(&str, QuarterStatus)> = d.statuses.iter().map(|s| (s.code.as_str(), s.status)).collect();
    use QuarterStatus::*;
    assert_eq!(st, [("INV-001", OnTrack), ("INV-002", Behind), ("INV-003", ReportMissing), ("INV-004", OnTrack)]);
    assert_eq!((d.coverage.units, d.coverage.covered), (12, 4), "the twelve units of DOMAIN.md §7");
}

#[test]
fn an_indicators_targets_are_replaced_whole_and_a_removed_indicator_leaves_the_detail() {
    let mut t = new_db();
    let a = add(&mut t, innovation("ANTRI SEHAT", "RSUD Sukamaju", "OPD", LifecycleStage::Penerapan));
    indicator(&mut t, &a.id, IndicatorKind::Output, "Pasien mendaftar daring", &[(2026, 1, 100.0)]);
    let d = indicator(
        &mut t,
        &a.id,
        IndicatorKind::Kemanfaatan,
        "Warga terlayani",
        &[(2026, 1, 5.0), (2026, 2, 10.0), (2026, 3, 12.5)],
    );
    let detail = |t: &mut TestDb| t.db.read(|tx| innovation_detail(tx, &a.id)).unwrap();
    let targets = |d: &Indicator| d.targets.iter().map(|q| (q.year, q.quarter, q.target)).collect::<Vec<_>>();
    let shown = detail(&mut t);
    assert_eq!(shown.indicators.len(), 2);
    assert_eq!(
        targets(shown.indicators.iter().find(|i| i.id == d.id).unwrap()),
        [(2026, 1, 5.0), (2026, 2, 10.0), (2026, 3, 12.5)]
    );

    let input = IndicatorInput {
        kind: d.kind,
        name: d.name.clone(),
        measure: d.measure.clone(),
        kontrak_kinerja: "IKU 2.1".into(),
        targets: vec![QuarterTarget { year: 2026, quarter: 4, target: 20.0 }],
    };
    let updated = t.db.write(|tx| update_indicator(tx, &d.id, input, &actor(), NOW)).unwrap();
    assert_eq!(targets(&updated), [(2026, 4, 20.0)], "the targets given replace every target");
    assert_eq!(targets(detail(&mut t).indicators.iter().find(|i| i.id == d.id).unwrap()), [(2026, 4, 20.0)]);

    t.db.write(|tx| remove_indicator(tx, &d.id, &actor(), NOW)).unwrap();
    let shown = detail(&mut t);
    assert_eq!(shown.indicators.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["Pasien mendaftar daring"]);
    let actions: Vec<String> = innovation_history(t.db.conn(), &a.id).unwrap().into_iter().map(|h| h.action).collect();
    assert_eq!(actions[actions.len() - 2..], ["indicator_updated", "indicator_removed"], "both traced");
}

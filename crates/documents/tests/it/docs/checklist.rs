//! The secretariat's screening checklist of the proposal dossiers, PDF and XLSX.

use juri_documents::{checklist_pdf, checklist_xlsx};

use crate::support::*;

/// The demo with dossiers: P-001 with two sections and a file, P-002 with a summary over 200 words.
fn with_dossiers() -> Demo {
    let mut d = demo(false);
    let src = d.dir.path().join("isian");
    std::fs::create_dir_all(src.join("P-001/kebaruan")).unwrap();
    let long = vec!["kata"; 210].join(" ");
    std::fs::write(
        src.join("isian.csv"),
        format!("kode;ringkasan;kebaruan\nP-001;Ibu hamil berisiko dicatat bidan;Kader ikut mendata\nP-002;{long};\n"),
    )
    .unwrap();
    std::fs::write(src.join("P-001/kebaruan/alur.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let id = d.id.clone();
    d.db.write(|tx| {
        juri_core::dossier::import_dossiers(
            tx,
            &id,
            &src,
            &juri_core::proposals::Actor::new("uji"),
            NOW,
            &mut |_, _| true,
        )
    })
    .unwrap();
    d
}

#[test]
fn the_checklist_lists_every_proposal_with_its_findings_and_decision() {
    let d = with_dossiers();
    let pdf = d.save("daftar-periksa.pdf", &checklist_pdf(d.db.conn(), &d.data()).unwrap());
    assert_a4_with_embedded_fonts(&pdf, true);
    let t = text(&pdf);
    assert!(t.contains("DAFTAR PERIKSA KELENGKAPAN ISIAN PROPOSAL"), "{t}");
    assert!(t.contains("P-020"), "every proposal");
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("melebihi batas: Ringkasan 210 kata (batas 200)"), "{flat}");
    assert!(flat.contains("semua bagian isian kosong; tanpa bukti dukung"), "{flat}");
    let compact = flat.replace(" / ", "/");
    assert!(
        compact.contains("2/8") && compact.contains("210/200"),
        "P-001 filled 2 of 8, P-002 wrote 210 words: {flat}"
    );
    assert!(flat.contains("Tidak lolos administrasi"), "the decision beside the findings");
    assert!(flat.contains("Petugas pemeriksa"), "a place to sign");

    let xlsx = checklist_xlsx(d.db.conn(), &d.data()).unwrap();
    let path = d.save("daftar-periksa.xlsx", &xlsx);
    let table = juri_core::import::read_table(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(table.headers[..3], ["kode", "judul", "unit"]);
    let p1 = table.rows.iter().find(|r| r.cell(0) == "P-001").unwrap();
    assert_eq!((p1.cell(3), p1.cell(5)), ("2 / 8", "1"));
    let p2 = table.rows.iter().find(|r| r.cell(0) == "P-002").unwrap();
    assert!(p2.cell(6).starts_with("melebihi batas: Ringkasan 210 kata"), "{}", p2.cell(6));
}

//! Piagam penghargaan and sertifikat in batch (landscape A4): winners, finalists or everyone who
//! took part, with the per-competition texts; long names and titles shrink, then wrap, never cut.

use std::path::{Path, PathBuf};

use juri_core::certificates::{Series, Wanted, numbers_for};
use juri_core::documents_settings::{CertificateLine, CertificateLineStyle};
use juri_core::scoring::Status;

use crate::data::DocData;
use crate::error::{DocError, Result};
use crate::fonts::Face;
use crate::layout::{Align, Item, MM, Page, PageSize, Style, fit};
use crate::parts::{self, SignatureBlock};
use crate::render::{Picture, render};

/// Who gets a piagam (the UI sends these as `winners`, `finalists`, `participants`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Recipients {
    /// Juara I–III per category (by the category's quota).
    Winners,
    /// Every finalist; winners among them get their place.
    Finalists,
    /// Everyone who took part (not excluded at screening); winners and finalists get theirs.
    Participants,
}

impl Recipients {
    /// Their part of a suggested file name.
    pub fn slug(self) -> &'static str {
        match self {
            Recipients::Winners => "pemenang",
            Recipients::Finalists => "finalis",
            Recipients::Participants => "peserta",
        }
    }
}

/// One certificate to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    pub number: String,
    pub proposal: String,
    pub unit: String,
    pub title: String,
    pub innovator: String,
    /// "Juara I Kategori Kesehatan", "Finalis Kategori Kesehatan", "Peserta Kategori Kesehatan".
    pub predicate: String,
    pub winner: bool,
}

impl Recipient {
    /// A file name for this recipient's own PDF: "001-P-002-juara-ii.pdf", safe on Windows and
    /// Linux whatever the proposal code holds (`/`, `..`, 240 characters: see
    /// [`juri_core::files::safe_file_name`]). Unique within a batch only with [`certificates_each_with`].
    pub fn file_name(&self, seq: usize) -> String {
        let label = self.predicate.split(" Kategori ").next().unwrap_or_default();
        let slug: String = label
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        juri_core::files::safe_file_name(&format!("{seq:03}-{}-{slug}.pdf", self.proposal), &format!("{seq:03}.pdf"))
    }
}

/// The recipients in print order: category by category (setup order), winners by place, then the
/// others by code. Each carries its number from the certificate register (piagam for winners,
/// sertifikat for the others), or the number [`register_certificates`] will give it.
pub fn recipients(data: &DocData, who: Recipients) -> Vec<Recipient> {
    let finalists: Vec<String> = data.finalists().iter().map(|p| p.code.clone()).collect();
    let year = data.setup().year.to_string();
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    for cat in &data.recap.categories {
        let mut rows: Vec<_> = cat.rows.iter().collect();
        // winners first by place (engine order), the others by code
        rows.sort_by_key(|r| {
            (
                data.place(&cat.code, r).is_none(),
                if data.place(&cat.code, r).is_some() { data.decided_rank(&cat.code, r) } else { None },
                r.proposal.clone(),
            )
        });
        for r in rows {
            let Some(p) = data.proposal(&r.proposal) else { continue };
            let place = data.place(&cat.code, r);
            let finalist = finalists.contains(&r.proposal);
            let label = match (&place, who) {
                (Some(place), _) => place.clone(),
                (None, Recipients::Winners) => continue,
                (None, _) if finalist => "Finalis".into(),
                (None, Recipients::Finalists) => continue,
                (None, Recipients::Participants) if r.status == Status::Excluded => continue,
                (None, Recipients::Participants) => "Peserta".into(),
            };
            let predicate = format!("{label} Kategori {}", cat.name);
            let series = if place.is_some() { Series::Piagam } else { Series::Sertifikat };
            wanted.push(Wanted { proposal: p.code.clone(), series, predicate: predicate.clone() });
            out.push(Recipient {
                number: String::new(),
                proposal: p.code.clone(),
                unit: p.unit.clone(),
                title: p.title.clone(),
                innovator: p.innovator.clone(),
                predicate,
                winner: place.is_some(),
            });
        }
    }
    let texts = &data.settings.certificate;
    for ((r, w), n) in out.iter_mut().zip(&wanted).zip(numbers_for(&data.certificate_numbers, &wanted)) {
        let format = if w.series == Series::Piagam { &texts.number_format } else { &texts.participant_number_format };
        r.number = format.replace("{no}", &format!("{n:03}")).replace("{tahun}", &year);
    }
    out
}

/// Writes the numbers of a batch's certificates into the register (those not there yet), so that
/// the batch and every reprint print the same numbers. Called before a batch is saved.
pub fn register_certificates(
    tx: &rusqlite::Connection,
    competition_id: &str,
    who: Recipients,
    now: &str,
) -> juri_core::Result<()> {
    let data = DocData::load_data(tx, competition_id)?;
    if !data.undecided_ties().is_empty() {
        return Ok(()); // the batch is refused: no "Juara II" twice, in print or in the register
    }
    let wanted: Vec<Wanted> = recipients(&data, who)
        .into_iter()
        .map(|r| Wanted {
            series: if r.winner { Series::Piagam } else { Series::Sertifikat },
            proposal: r.proposal,
            predicate: r.predicate,
        })
        .collect();
    juri_core::certificates::register(tx, competition_id, &wanted, now)
}

/// Fills the fields of a body line; None when a field it uses is empty (the line is left out).
fn fill(line: &CertificateLine, r: &Recipient, data: &DocData) -> Option<String> {
    let setup = data.setup();
    let category = r.predicate.split(" Kategori ").nth(1).unwrap_or_default().to_string();
    let fields = [
        ("{unit}", r.unit.clone()),
        ("{judul}", r.title.clone()),
        ("{inovator}", r.innovator.clone()),
        ("{predikat}", r.predicate.clone()),
        ("{kategori}", category),
        ("{kompetisi}", setup.name.clone()),
        ("{tahun}", setup.year.to_string()),
    ];
    let mut text = line.text.clone();
    for (key, value) in fields {
        if text.contains(key) {
            if value.trim().is_empty() {
                return None;
            }
            text = text.replace(key, &value);
        }
    }
    Some(text)
}

fn style_of(s: CertificateLineStyle) -> (Style, usize, f32) {
    // (style at its largest, lines it may take, smallest size)
    match s {
        CertificateLineStyle::Normal => (Style::new(Face::Regular, 14.0), 3, 10.0),
        CertificateLineStyle::Recipient => (Style::new(Face::Bold, 24.0).leading(1.15), 2, 13.0),
        CertificateLineStyle::Title => (Style::new(Face::Bold, 18.0).leading(1.15), 3, 10.0),
        CertificateLineStyle::Predicate => (Style::new(Face::Bold, 19.0), 1, 12.0),
    }
}

/// Lines of a body text: one line if it fits at no less than 80% of the size, else two lines at no
/// less than 75%, three at no less than 65% (as `max_lines` allows), else as many lines as it
/// takes at the smallest size. Never cut.
fn body_lines(style: Style, text: &str, width: f32, max_lines: usize, min: f32) -> (Style, Vec<String>) {
    for (lines, floor) in [(1, 0.8), (2, 0.75), (3, 0.65)] {
        if lines > max_lines {
            break;
        }
        let (s, wrapped) = fit(style, text, width, lines, (style.size * floor).max(min));
        if wrapped.len() <= lines {
            return (s, wrapped);
        }
    }
    fit(style, text, width, max_lines, min)
}

/// The body laid out at `scale` of its sizes: lines with their styles and where paragraphs start.
fn lay_body(data: &DocData, r: &Recipient, width: f32, scale: f32) -> (Vec<(String, Style)>, Vec<usize>) {
    let mut body = Vec::new();
    let mut starts = Vec::new();
    for line in &data.settings.certificate.body {
        let Some(text) = fill(line, r, data) else { continue };
        let (style, max_lines, min) = style_of(line.style);
        let (s, wrapped) = body_lines(style.sized(style.size * scale), &text, width, max_lines, min * scale);
        starts.push(body.len());
        body.extend(wrapped.into_iter().map(|l| (l, s)));
    }
    (body, starts)
}

/// One certificate page.
fn page(data: &DocData, r: &Recipient) -> Page {
    let size = PageSize::A4_LANDSCAPE;
    let mut page = Page::new(size);
    let (w, h) = (size.width, size.height);
    // Frame: thick outer, thin inner.
    let outer = 10.0 * MM;
    page.rect(outer, outer, w - 2.0 * outer, h - 2.0 * outer, Some(2.4), None);
    let inner = outer + 2.2 * MM;
    page.rect(inner, inner, w - 2.0 * inner, h - 2.0 * inner, Some(0.7), None);

    let text_x = 30.0 * MM;
    let text_w = w - 2.0 * text_x;
    let mut y = 22.0 * MM;
    if let Some(logo) = &data.logo {
        let lh = 20.0 * MM;
        let lw = lh * logo.aspect();
        page.items.push(Item::Image { index: 0, x: (w - lw) / 2.0, y: y - 4.0 * MM, w: lw, h: lh });
        y += lh - 1.0 * MM;
    }
    let texts = &data.settings.certificate;
    let heading = if r.winner { &texts.winner_heading } else { &texts.participant_heading };
    let (hs, lines) = fit(Style::new(Face::Bold, 30.0), heading, text_w, 1, 18.0);
    for l in lines {
        page.line_of_text((text_x, text_w), y, hs, Align::Center, &l, true);
        y += hs.line_height();
    }
    if !r.number.trim().is_empty() {
        let ns = Style::new(Face::Regular, 11.0);
        page.line_of_text((text_x, text_w), y, ns, Align::Center, &format!("Nomor: {}", r.number), true);
        y += ns.line_height();
    }
    y += 5.0 * MM;

    // The signature sits at the foot, right; the body is centred in the room above it.
    let signer = data.signatory(texts.signer);
    let block =
        SignatureBlock::of(signer, Some(parts::place_date(&data.settings.place, &data.settings.certificate_date)));
    let style = Style::new(Face::Regular, 12.0);
    let block_w = 100.0 * MM;
    let bh = block.height_in(style, block_w);
    let sign_top = h - 22.0 * MM - bh;
    let room = sign_top - 3.0 * MM - y;
    let (min_gap, max_gap) = (1.5 * MM, 5.0 * MM);
    let mut scale = 1.0;
    let (body, starts, gap) = loop {
        let (body, starts) = lay_body(data, r, text_w, scale);
        let text_h: f32 = body.iter().map(|(_, s)| s.line_height()).sum();
        let gaps = starts.len().saturating_sub(1) as f32;
        let gap = if gaps > 0.0 { ((room - text_h) / (gaps + 1.0)).clamp(min_gap, max_gap) } else { 0.0 };
        if text_h + gap * gaps <= room || scale <= 0.6 {
            break (body, starts, gap);
        }
        scale -= 0.05;
    };
    let body_h = body.iter().map(|(_, s)| s.line_height()).sum::<f32>() + gap * starts.len().saturating_sub(1) as f32;
    let mut by = y + ((room - body_h) / 2.0).max(0.0);
    for (i, (text, s)) in body.iter().enumerate() {
        if i > 0 && starts.contains(&i) {
            by += gap;
        }
        page.line_of_text((text_x, text_w), by, *s, Align::Center, text, true);
        by += s.line_height();
    }

    // Inside the text area: a long position wraps in the block, never onto the border.
    let bx = w - text_x - block_w + 4.0 * MM;
    block.draw(&mut page, bx, sign_top, block_w, style);
    if texts.seal_area {
        // where the official seal is stamped: over the left part of the signature
        let lines_above = (block.date_line.iter().count() + block.above.len()) as f32 * style.line_height();
        let cy = sign_top + lines_above + parts::SIGN_SPACE / 2.0;
        page.items.push(Item::Circle { cx: bx + block_w * 0.16, cy, r: 10.5 * MM, width: 0.5, dash: Some(2.0) });
    }
    page
}

/// The batch as one PDF.
pub fn certificates_pdf(data: &DocData, who: Recipients) -> Result<Vec<u8>> {
    certificates_pdf_with(data, who, &mut |_, _| true)
}

/// The batch as one PDF; `progress(done, total)` is told after each page is laid out, and its
/// `false` stops the batch with `Cancelled` (nothing is returned). Writing the PDF follows the last page.
pub fn certificates_pdf_with(
    data: &DocData,
    who: Recipients,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>> {
    data.require_decided_ties()?;
    let list = recipients(data, who);
    if list.is_empty() {
        return Err(DocError::Empty("no recipients"));
    }
    let mut pages = Vec::with_capacity(list.len());
    for r in &list {
        pages.push(page(data, r));
        if !progress(pages.len(), list.len()) {
            return Err(DocError::Core(juri_core::Error::Cancelled));
        }
    }
    let pictures: Vec<&Picture> = data.logo.iter().collect();
    Ok(render("Piagam Penghargaan", &pages, &pictures))
}

/// One PDF per recipient, with its file name.
pub fn certificates_each(data: &DocData, who: Recipients) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    certificates_each_with(data, who, &mut |name, bytes, _, _| {
        files.push((name.to_string(), bytes.to_vec()));
        Ok(true)
    })?;
    Ok(files)
}

/// Where a batch of one file per recipient goes: `(file name, bytes, done, total)` → go on?
pub type FileSink<'a> = dyn FnMut(&str, &[u8], usize, usize) -> Result<bool> + 'a;

/// One PDF per recipient, each handed to `sink(file name, bytes, done, total)` as soon as it is
/// made (so a folder fills file by file); `Ok(false)` from the sink stops with `Cancelled`. File
/// names are safe and unique in the batch (case-insensitively, as on Windows); an error of the
/// sink comes back as [`DocError::Recipient`], naming the proposal. Returns how many files were made.
pub fn certificates_each_with(data: &DocData, who: Recipients, sink: &mut FileSink<'_>) -> Result<usize> {
    data.require_decided_ties()?;
    let list = recipients(data, who);
    if list.is_empty() {
        return Err(DocError::Empty("no recipients"));
    }
    let pictures: Vec<&Picture> = data.logo.iter().collect();
    let mut taken = std::collections::HashSet::new();
    for (i, r) in list.iter().enumerate() {
        let bytes = render("Piagam Penghargaan", &[page(data, r)], &pictures);
        let name = juri_core::files::unique_file_name(&r.file_name(i + 1), &mut taken);
        let go_on = sink(&name, &bytes, i + 1, list.len())
            .map_err(|e| DocError::Recipient { proposal: r.proposal.clone(), source: Box::new(e) })?;
        if !go_on {
            return Err(DocError::Core(juri_core::Error::Cancelled));
        }
    }
    Ok(list.len())
}

/// Writes one PDF per recipient into the folder `dir` (created when missing), all or nothing:
/// the files are first written into a fresh hidden folder inside `dir`, then moved into `dir`
/// one by one (a rename on the same file system). A failure or a cancel while making or writing
/// removes that hidden folder, and `dir` too when this call created it and it is empty, so no half
/// batch is left; a failure while moving removes the files already moved. A file of the same name
/// already in `dir` (an earlier batch) is replaced. No target may be the open database `db` or
/// one of its journals. `progress(done, total)` hears of each file; false cancels. Returns the
/// files written, in print order.
pub fn write_certificates_each(
    data: &DocData,
    who: Recipients,
    dir: &Path,
    db: Option<&Path>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<PathBuf>> {
    let created = !dir.exists();
    std::fs::create_dir_all(dir)?;
    let staging = juri_core::files::temp_path_beside(&dir.join("piagam"));
    if let Err(e) = std::fs::create_dir(&staging) {
        if created {
            let _ = std::fs::remove_dir(dir);
        }
        return Err(e.into());
    }
    let list = recipients(data, who);
    let mut staged: Vec<String> = Vec::new();
    let made = certificates_each_with(data, who, &mut |name, bytes, done, total| {
        let target = dir.join(name);
        if let Some(db) = db {
            juri_core::files::check_not_database(&target, db)?;
        }
        std::fs::write(staging.join(name), bytes)?;
        staged.push(name.to_string());
        Ok(progress(done, total))
    });
    let moved = made.and_then(|_| {
        let mut moved = Vec::with_capacity(staged.len());
        for (k, name) in staged.iter().enumerate() {
            let target = dir.join(name);
            if let Err(e) = std::fs::rename(staging.join(name), &target) {
                for p in &moved {
                    let _ = std::fs::remove_file(p);
                }
                let proposal = list.get(k).map(|r| r.proposal.clone()).unwrap_or_default();
                return Err(DocError::Recipient { proposal, source: Box::new(e.into()) });
            }
            moved.push(target);
        }
        Ok(moved)
    });
    let _ = std::fs::remove_dir_all(&staging);
    if moved.is_err() && created {
        let _ = std::fs::remove_dir(dir);
    }
    moved
}

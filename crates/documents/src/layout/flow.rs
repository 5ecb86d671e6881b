//! Top-to-bottom placement across pages: paragraphs break between lines, blocks that must stay
//! together move to the next page whole, tables repeat their header; footers are added at the end.

use super::page::{Margins, Page, PageSize};
use super::table::{LaidRow, Table, TablePlan};
use super::text::{Align, Style, wrap};
use crate::fonts::Face;

/// Style of the "Halaman x dari y" footer.
pub const FOOTER: Style = Style::new(Face::Regular, 7.5);

pub struct Flow {
    pub size: PageSize,
    pub margins: Margins,
    pages: Vec<Page>,
    y: f32,
    /// Height kept free above the bottom margin for the footer.
    footer_room: f32,
    /// A line put at the top of every new page while set (a long table's "(lanjutan)").
    running_head: Option<(String, Style)>,
}

impl Flow {
    pub fn new(size: PageSize, margins: Margins) -> Flow {
        Flow {
            size,
            margins,
            pages: vec![Page::new(size)],
            y: margins.top,
            footer_room: FOOTER.line_height() + 4.0,
            running_head: None,
        }
    }

    pub fn left(&self) -> f32 {
        self.margins.left
    }

    pub fn width(&self) -> f32 {
        self.size.width - self.margins.left - self.margins.right
    }

    /// The current vertical position (top of the next thing placed).
    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Lowest y content may reach.
    pub fn bottom(&self) -> f32 {
        self.size.height - self.margins.bottom - self.footer_room
    }

    /// Height left on the current page.
    pub fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Height of an empty page (below the running head, when one is set).
    pub fn full_room(&self) -> f32 {
        self.bottom() - self.margins.top - self.running_head_height()
    }

    fn running_head_height(&self) -> f32 {
        self.running_head.as_ref().map_or(0.0, |(_, style)| style.line_height() + 4.0)
    }

    /// Sets (or clears) the line put at the top of each page started from now on.
    pub fn set_running_head(&mut self, head: Option<(String, Style)>) {
        self.running_head = head;
    }

    fn at_top(&self) -> bool {
        self.y <= self.margins.top + self.running_head_height() + 0.01
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new(self.size));
        self.y = self.margins.top;
        if let Some((text, style)) = self.running_head.clone() {
            let (x, w, y) = (self.left(), self.width(), self.y);
            self.page().line_of_text((x, w), y, style, Align::Left, &text, true);
            self.y += style.line_height() + 4.0;
        }
    }

    /// Starts a new page unless `h` still fits on this one (or this page is still empty).
    pub fn ensure(&mut self, h: f32) {
        if h > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space; never carried over to the top of a new page.
    pub fn space(&mut self, h: f32) {
        self.y += h;
        if self.y > self.bottom() {
            self.new_page();
        }
    }

    /// A paragraph over the full width.
    pub fn paragraph(&mut self, text: &str, style: Style, align: Align) {
        let (x, w) = (self.left(), self.width());
        self.paragraph_in(x, w, text, style, align);
    }

    /// A paragraph in the column `[x, x + width]`; it may break between lines onto the next page.
    pub fn paragraph_in(&mut self, x: f32, width: f32, text: &str, style: Style, align: Align) {
        let lines = wrap(style, text, width);
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            self.ensure(style.line_height());
            let y = self.y;
            self.page().line_of_text((x, width), y, style, align, line, i + 1 == n);
            self.y += style.line_height();
        }
    }

    /// A paragraph with a hanging label: "1." in the first `indent` points, the text after it.
    pub fn numbered(&mut self, label: &str, indent: f32, text: &str, style: Style, align: Align) {
        let x = self.left();
        let lh = style.line_height();
        self.ensure(lh);
        let y = self.y;
        self.page().line_of_text((x, indent), y, style, Align::Left, label, true);
        let w = self.width() - indent;
        self.paragraph_in(x + indent, w, text, style, align);
    }

    /// A block of height `h` that must stay on one page; `draw` gets the page, left x, top y and width.
    pub fn keep(&mut self, h: f32, draw: impl FnOnce(&mut Page, f32, f32, f32)) {
        self.ensure(h);
        let (x, y, w) = (self.left(), self.y, self.width());
        draw(self.page(), x, y, w);
        self.y += h;
    }

    /// A table, centred when narrower than the text width; returns how it was split over pages.
    pub fn table(&mut self, t: &Table) -> TablePlan {
        let indent = ((self.width() - t.width()) / 2.0).max(0.0);
        self.table_at(indent, t)
    }

    /// A table starting `indent` points right of the left margin.
    pub fn table_at(&mut self, indent: f32, t: &Table) -> TablePlan {
        let plan = t.plan(self.room(), self.full_room());
        let x = self.left() + indent;
        for (i, range) in plan.pages.iter().enumerate() {
            if i > 0 {
                self.new_page();
            }
            if range.is_empty() {
                continue;
            }
            for r in &plan.header {
                let y = self.y;
                draw_row(self.page(), t, x, y, r);
                self.y += r.height;
            }
            for r in &plan.rows[range.clone()] {
                let y = self.y;
                draw_row(self.page(), t, x, y, r);
                self.y += r.height;
            }
        }
        plan
    }

    /// The finished pages, each with the document's identifier at the left of its foot and
    /// "Halaman x dari y" at the right (a loose page is known for what it is); an identifier too
    /// long for the room left is shortened with "…".
    pub fn finish_with_id(self, id: &str) -> Vec<Page> {
        let margins = self.margins;
        let mut pages = self.pages;
        let total = pages.len();
        for (i, p) in pages.iter_mut().enumerate() {
            let top = p.size.height - margins.bottom - FOOTER.line_height();
            let (x, w) = (margins.left, p.size.width - margins.left - margins.right);
            let number = format!("Halaman {} dari {total}", i + 1);
            p.line_of_text((x, w), top, FOOTER, Align::Right, &number, true);
            let room = w - super::text::measure(FOOTER, &number) - 24.0;
            let mut shown = id.to_string();
            while super::text::measure(FOOTER, &shown) > room && shown.chars().count() > 1 {
                shown = shown.chars().take(shown.chars().count() - 2).collect::<String>() + "…";
            }
            p.line_of_text((x, w), top, FOOTER, Align::Left, &shown, true);
        }
        pages
    }

    /// The finished pages; with `numbers`, each gets "Halaman x dari y" centred at its foot.
    pub fn finish(self, numbers: bool) -> Vec<Page> {
        let mut pages = self.pages;
        let total = pages.len();
        if numbers {
            for (i, p) in pages.iter_mut().enumerate() {
                let top = p.size.height - self.margins.bottom - FOOTER.line_height();
                let (x, w) = (self.margins.left, p.size.width - self.margins.left - self.margins.right);
                p.line_of_text((x, w), top, FOOTER, Align::Center, &format!("Halaman {} dari {total}", i + 1), true);
            }
        }
        pages
    }
}

/// Draws one laid-out row with its top-left corner at (`x`, `y`); lines centred vertically in the cell.
pub fn draw_row(page: &mut Page, t: &Table, x: f32, y: f32, r: &LaidRow) {
    if let Some(g) = r.fill {
        let w = r.cells.iter().map(|c| c.width).sum();
        page.rect(x, y, w, r.height, None, Some(g));
    }
    for c in &r.cells {
        let mut top = if t.top_aligned { y + t.pad_y } else { y + (r.height - c.height()) / 2.0 };
        let n = c.lines.len();
        for (k, (line, style)) in c.lines.iter().enumerate() {
            // the last line of each paragraph (text, then note) is never stretched
            let last = k + 1 == n || c.lines[k + 1].1 != *style;
            page.line_of_text((x + c.x + t.pad_x, c.width - 2.0 * t.pad_x), top, *style, c.align, line, last);
            top += style.line_height();
        }
        if t.grid {
            page.rect(x + c.x, y, c.width, r.height, Some(0.5), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Cell, Column, Row};

    fn flow() -> Flow {
        Flow::new(PageSize::A4_PORTRAIT, Margins::mm(20.0, 20.0, 20.0, 25.0))
    }

    #[test]
    fn paragraphs_break_between_lines_onto_new_pages() {
        let mut f = flow();
        let style = Style::new(Face::Regular, 11.0);
        for _ in 0..80 {
            f.paragraph(
                "Tim Penilai telah melaksanakan penilaian proposal inovasi pelayanan publik.",
                style,
                Align::Justify,
            );
        }
        let bottom = f.bottom();
        let pages = f.finish(true);
        assert!(pages.len() >= 2, "80 lines do not fit one A4 page");
        for (i, p) in pages.iter().enumerate() {
            let footer = format!("Halaman {} dari {}", i + 1, pages.len());
            assert!(p.texts().contains(&footer.as_str()), "page {} has its footer", i + 1);
            let body_lowest = p
                .items
                .iter()
                .filter_map(|it| match it {
                    crate::layout::Item::Text { baseline, text, .. } if !text.starts_with("Halaman") => Some(*baseline),
                    _ => None,
                })
                .fold(0.0, f32::max);
            assert!(body_lowest <= bottom, "body text stays above the footer");
        }
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let mut f = flow();
        let body = Style::new(Face::Regular, 9.0);
        let mut t = Table::new(vec![Column::new(30.0, Align::Center), Column::new(300.0, Align::Left)], body);
        t.header = vec![Row::new(vec![Cell::new("No"), Cell::new("Judul Inovasi")]).fill(0.85)];
        t.rows = (1..=150)
            .map(|i| Row::new(vec![Cell::new(i.to_string()), Cell::new(format!("Inovasi nomor {i}"))]))
            .collect();
        f.paragraph("REKAPITULASI", body.bold(), Align::Center);
        let plan = f.table(&t);
        let pages = f.finish(true);
        assert_eq!(pages.len(), plan.pages.iter().filter(|r| !r.is_empty()).count());
        for p in &pages {
            assert!(p.texts().contains(&"Judul Inovasi"), "header on every page");
        }
        let all: Vec<&str> = pages.iter().flat_map(|p| p.texts()).collect();
        for i in 1..=150 {
            let s = format!("Inovasi nomor {i}");
            assert_eq!(all.iter().filter(|t| **t == s).count(), 1, "row {i} once");
        }
    }

    #[test]
    fn a_kept_block_moves_whole_to_the_next_page() {
        let mut f = flow();
        f.set_y(f.bottom() - 50.0);
        f.keep(120.0, |p, x, y, _| p.rect(x, y, 100.0, 120.0, Some(1.0), None));
        let pages = f.finish(false);
        assert_eq!(pages.len(), 2);
        assert!(pages[0].items.is_empty(), "nothing drawn in the 50 pt left");
    }
}

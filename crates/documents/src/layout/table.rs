//! Tables: fixed column widths, wrapped cells, column spans, a header repeated on every page.

use std::ops::Range;

use super::text::{Align, Style, widest_word, wrap};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(width: f32, align: Align) -> Column {
        Column { width, align }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub style: Option<Style>,
    pub align: Option<Align>,
    /// Number of columns the cell covers (at least 1).
    pub span: usize,
    /// A second paragraph under the text in another style (e.g. a criterion's description).
    pub note: Option<(String, Style)>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), style: None, align: None, span: 1, note: None }
    }

    pub fn style(mut self, style: Style) -> Cell {
        self.style = Some(style);
        self
    }

    pub fn align(mut self, align: Align) -> Cell {
        self.align = Some(align);
        self
    }

    pub fn span(mut self, span: usize) -> Cell {
        self.span = span.max(1);
        self
    }

    pub fn note(mut self, text: impl Into<String>, style: Style) -> Cell {
        self.note = Some((text.into(), style));
        self
    }
}

impl<S: Into<String>> From<S> for Cell {
    fn from(s: S) -> Cell {
        Cell::new(s)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub min_height: f32,
    /// Grey level of the background (1 = white), if filled.
    pub fill: Option<f32>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { cells, min_height: 0.0, fill: None }
    }

    pub fn min_height(mut self, h: f32) -> Row {
        self.min_height = h;
        self
    }

    pub fn fill(mut self, gray: f32) -> Row {
        self.fill = Some(gray);
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Header rows, repeated at the top of every page the table runs over.
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
    pub body: Style,
    pub head: Style,
    pub pad_x: f32,
    pub pad_y: f32,
    /// Draw cell borders.
    pub grid: bool,
    /// Set cell text at the top of the cell instead of centring it vertically.
    pub top_aligned: bool,
}

/// A cell after line breaking; `x` is relative to the table's left edge. Each line keeps its style.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidCell {
    pub x: f32,
    pub width: f32,
    pub lines: Vec<(String, Style)>,
    pub align: Align,
}

impl LaidCell {
    pub fn height(&self) -> f32 {
        self.lines.iter().map(|(_, s)| s.line_height()).sum()
    }

    pub fn texts(&self) -> Vec<&str> {
        self.lines.iter().map(|(t, _)| t.as_str()).collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaidRow {
    pub height: f32,
    pub cells: Vec<LaidCell>,
    pub fill: Option<f32>,
}

/// Where each row goes: `pages[0]` is what fits on the current page (may be empty: the table starts
/// on a fresh page), every later entry one fresh page. The header is drawn above each non-empty entry.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePlan {
    pub header: Vec<LaidRow>,
    pub rows: Vec<LaidRow>,
    pub pages: Vec<Range<usize>>,
}

impl TablePlan {
    pub fn header_height(&self) -> f32 {
        self.header.iter().map(|r| r.height).sum()
    }
}

impl Table {
    pub fn new(columns: Vec<Column>, body: Style) -> Table {
        Table {
            columns,
            header: Vec::new(),
            rows: Vec::new(),
            body,
            head: body.bold(),
            pad_x: 3.0,
            pad_y: 2.5,
            grid: true,
            top_aligned: false,
        }
    }

    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width).sum()
    }

    /// Height of the whole table on one page (header once), for keeping it together with what follows.
    pub fn height(&self) -> f32 {
        let plan = self.plan(f32::MAX, f32::MAX);
        plan.header_height() + plan.rows.iter().map(|r| r.height).sum::<f32>()
    }

    /// Height of the header and the first `rows` rows: what must fit under a heading so that the
    /// heading is never alone at the foot of a page.
    pub fn opening_height(&self, rows: usize) -> f32 {
        let header: f32 = self.header.iter().map(|r| self.lay_row(r, self.head, true).height).sum();
        header + self.rows.iter().take(rows).map(|r| self.lay_row(r, self.body, false).height).sum::<f32>()
    }

    fn lay_row(&self, row: &Row, default: Style, header: bool) -> LaidRow {
        let mut col = 0;
        let mut x = 0.0;
        let mut cells = Vec::new();
        for cell in &row.cells {
            let span = cell.span.min(self.columns.len().saturating_sub(col)).max(1);
            let width: f32 = self.columns[col..(col + span).min(self.columns.len())].iter().map(|c| c.width).sum();
            let mut style = cell.style.unwrap_or(default);
            if header {
                // a header word is made smaller rather than broken ("Peringkat", not "Pering-kat")
                let room = width - 2.0 * self.pad_x;
                let widest = widest_word(style, &cell.text);
                if widest > room {
                    style = style.sized((style.size * room / widest).max(5.5));
                }
            }
            let align = cell.align.unwrap_or(if header { Align::Center } else { self.columns[col].align });
            let inner = (width - 2.0 * self.pad_x).max(1.0);
            let mut lines: Vec<(String, Style)> =
                wrap(style, &cell.text, inner).into_iter().map(|l| (l, style)).collect();
            if let Some((note, ns)) = &cell.note {
                lines.extend(wrap(*ns, note, inner).into_iter().map(|l| (l, *ns)));
            }
            cells.push(LaidCell { x, width, lines, align });
            x += width;
            col += span;
            if col >= self.columns.len() {
                break;
            }
        }
        let content = cells.iter().map(LaidCell::height).fold(0.0, f32::max);
        LaidRow { height: (content + 2.0 * self.pad_y).max(row.min_height), cells, fill: row.fill }
    }

    /// Lays out every row and splits them over pages: `room_now` is the height left on the current
    /// page, `room_full` the height of an empty page. A table never starts with only its header at
    /// the foot of a page; a row never splits.
    pub fn plan(&self, room_now: f32, room_full: f32) -> TablePlan {
        let header: Vec<LaidRow> = self.header.iter().map(|r| self.lay_row(r, self.head, true)).collect();
        let rows: Vec<LaidRow> = self.rows.iter().map(|r| self.lay_row(r, self.body, false)).collect();
        let head_h: f32 = header.iter().map(|r| r.height).sum();
        let mut pages = Vec::new();
        let mut start = 0;
        let mut room = room_now - head_h;
        let mut fresh = false;
        for (i, r) in rows.iter().enumerate() {
            if r.height > room + 0.01 {
                if i > start || !fresh {
                    // close this page (possibly empty when not even the first row fits under the header)
                    pages.push(start..i);
                    start = i;
                }
                room = room_full - head_h;
                fresh = true;
            }
            room -= r.height;
        }
        pages.push(start..rows.len());
        TablePlan { header, rows, pages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    fn table(n: usize) -> Table {
        let mut t = Table::new(
            vec![Column::new(30.0, Align::Center), Column::new(200.0, Align::Left)],
            Style::new(Face::Regular, 9.0),
        );
        t.header = vec![Row::new(vec!["No".into(), "Judul".into()])];
        t.rows = (0..n).map(|i| Row::new(vec![format!("{}", i + 1).into(), format!("Inovasi {i}").into()])).collect();
        t
    }

    #[test]
    fn rows_fill_pages_and_every_page_gets_the_header() {
        let t = table(100);
        let plan = t.plan(300.0, 700.0);
        let row_h = plan.rows[0].height;
        let head_h = plan.header_height();
        assert!((row_h - (9.0 * 1.2 + 5.0)).abs() < 1e-3, "one line plus padding: {row_h}");
        assert_eq!(
            plan.pages[0].len(),
            ((300.0 - head_h) / row_h) as usize,
            "first page holds what fits below the header"
        );
        assert_eq!(plan.pages[1].len(), ((700.0 - head_h) / row_h) as usize);
        let covered: Vec<usize> = plan.pages.iter().flat_map(|r| r.clone()).collect();
        assert_eq!(covered, (0..100).collect::<Vec<_>>(), "each row exactly once, in order");
        for p in &plan.pages {
            let used: f32 = head_h + p.clone().map(|i| plan.rows[i].height).sum::<f32>();
            assert!(used <= 700.0, "a page is never overfull");
        }
    }

    #[test]
    fn a_table_that_cannot_show_a_row_starts_on_a_fresh_page() {
        let t = table(3);
        let plan = t.plan(20.0, 700.0);
        assert_eq!(plan.pages, vec![0..0, 0..3], "no orphan header at the foot of the page");
    }

    #[test]
    fn long_cells_wrap_and_make_the_row_taller() {
        let mut t = table(1);
        t.rows[0].cells[1] = Cell::new("DESA CAKAP (Desa Cetak Dokumen Kependudukan Mandiri) ".repeat(3));
        let plan = t.plan(700.0, 700.0);
        let cell = &plan.rows[0].cells[1];
        assert!(cell.lines.len() >= 3, "{:?}", cell.texts());
        assert!((plan.rows[0].height - (cell.lines.len() as f32 * 9.0 * 1.2 + 5.0)).abs() < 1e-3);
    }

    #[test]
    fn a_note_adds_lines_in_its_own_style() {
        let mut t = table(1);
        let small = Style::new(Face::Regular, 7.0);
        t.rows[0].cells[1] = Cell::new("Kebaruan").note("Hal baru atau modifikasi yang memberi nilai tambah.", small);
        let plan = t.plan(700.0, 700.0);
        let cell = &plan.rows[0].cells[1];
        assert_eq!(cell.lines[0], ("Kebaruan".to_string(), t.body));
        assert_eq!(cell.lines[1].1, small);
        assert!((plan.rows[0].height - (9.0 * 1.2 + 7.0 * 1.2 * (cell.lines.len() - 1) as f32 + 5.0)).abs() < 1e-3);
    }

    #[test]
    fn a_header_word_shrinks_instead_of_breaking() {
        let mut t = table(1);
        t.columns[0].width = 40.0;
        t.header[0].cells[0] = Cell::new("Peringkat");
        let plan = t.plan(700.0, 700.0);
        let cell = &plan.header[0].cells[0];
        assert_eq!(cell.texts(), vec!["Peringkat"], "one word, one line");
        assert!(cell.lines[0].1.size < 9.0, "set smaller");
    }

    #[test]
    fn spans_cover_several_columns() {
        let mut t = table(0);
        t.rows = vec![Row::new(vec![Cell::new("Kategori Kesehatan").span(2)])];
        let plan = t.plan(700.0, 700.0);
        assert_eq!(plan.rows[0].cells.len(), 1);
        assert_eq!(plan.rows[0].cells[0].width, 230.0);
    }
}

//! Our small layout layer over printpdf: measuring by glyph advances, wrapping, alignment, tables
//! with a repeated header, page breaks and "Halaman x dari y" footers. Everything here is plain
//! data (pages of positioned items), so it is tested without rendering; `render` turns it into a PDF.

mod chart;
mod flow;
mod page;
mod table;
mod text;

pub use chart::{BarChart, Series, nice_step};
pub use flow::Flow;
pub use page::{Item, MM, Margins, Page, PageSize};
pub use table::{Cell, Column, LaidCell, LaidRow, Row, Table, TablePlan};
pub use text::{Align, Style, fit, measure, widest_word, wrap};

//! Pages as lists of positioned items, in points from the top-left corner.

use super::text::{Align, Style, measure};
use crate::fonts::Face;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub const A4_PORTRAIT: PageSize = PageSize { width: 210.0 * MM, height: 297.0 * MM };
    pub const A4_LANDSCAPE: PageSize = PageSize { width: 297.0 * MM, height: 210.0 * MM };
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Margins {
    /// Margins in millimetres.
    pub fn mm(top: f32, right: f32, bottom: f32, left: f32) -> Margins {
        Margins { top: top * MM, right: right * MM, bottom: bottom * MM, left: left * MM }
    }
}

/// Something drawn on a page. `y` values grow downwards from the top edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        baseline: f32,
        text: String,
        face: Face,
        size: f32,
        gray: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        dash: Option<f32>,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stroke: Option<f32>,
        fill: Option<f32>,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        width: f32,
        dash: Option<f32>,
    },
    /// An image from the document's image list, fitted into the box.
    Image {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub size: PageSize,
    pub items: Vec<Item>,
}

impl Page {
    pub fn new(size: PageSize) -> Page {
        Page { size, items: Vec::new() }
    }

    /// Text with its baseline at `baseline`, starting at `x`.
    pub fn text(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        if !text.is_empty() {
            self.items.push(Item::Text {
                x,
                baseline,
                text: text.to_string(),
                face: style.face,
                size: style.size,
                gray: 0.0,
            });
        }
    }

    /// One line of text placed in the column `(x, width)` with its line box starting at `top`.
    /// `last` marks the last line of a paragraph (never stretched when justifying).
    pub fn line_of_text(
        &mut self,
        (x, width): (f32, f32),
        top: f32,
        style: Style,
        align: Align,
        text: &str,
        last: bool,
    ) {
        let baseline = top + style.baseline_offset();
        let w = measure(style, text);
        match align {
            Align::Left => self.text(x, baseline, style, text),
            Align::Center => self.text(x + (width - w) / 2.0, baseline, style, text),
            Align::Right => self.text(x + width - w, baseline, style, text),
            Align::Justify => {
                let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
                if last || words.len() < 2 {
                    self.text(x, baseline, style, text);
                    return;
                }
                let total: f32 = words.iter().map(|w| measure(style, w)).sum();
                let gap = (width - total) / (words.len() - 1) as f32;
                // A ragged line inside a justified paragraph reads as a line break, so lines are
                // stretched up to six spaces per gap; only a line of a few words left by a long one
                // stays ragged.
                if gap > 6.0 * measure(style, " ") + 0.01 {
                    self.text(x, baseline, style, text);
                    return;
                }
                let mut cx = x;
                for word in words {
                    self.text(cx, baseline, style, word);
                    cx += measure(style, word) + gap;
                }
            }
        }
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.items.push(Item::Line { x1, y1, x2, y2, width, dash: None });
    }

    pub fn dashed_line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, dash: f32) {
        self.items.push(Item::Line { x1, y1, x2, y2, width, dash: Some(dash) });
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, stroke: Option<f32>, fill: Option<f32>) {
        self.items.push(Item::Rect { x, y, w, h, stroke, fill });
    }

    /// Every text run on the page in drawing order (for tests and checks).
    pub fn texts(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The lowest point any item reaches (for tests: nothing may run into the footer).
    pub fn lowest(&self) -> f32 {
        self.items
            .iter()
            .map(|i| match i {
                Item::Text { baseline, size, .. } => baseline + size * 0.25,
                Item::Line { y1, y2, .. } => y1.max(*y2),
                Item::Rect { y, h, .. } | Item::Image { y, h, .. } => y + h,
                Item::Circle { cy, r, .. } => cy + r,
            })
            .fold(0.0, f32::max)
    }
}

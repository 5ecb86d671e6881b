//! Small vector charts for print: grouped bars (target beside realisation per quarter) with a
//! value axis from zero, grid lines, labels under each group and a legend. Grey levels only, so
//! they read on a black-and-white printer; plain data like the rest of the layout layer.

use juri_core::format_id::decimal;

use super::page::Page;
use super::text::{Align, Style, measure};

/// One series of the chart (e.g. "Target", "Realisasi") and its grey fill (0 = black, 1 = white).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub gray: f32,
}

/// Grouped bars: one group per label, one bar per series; a missing value leaves a gap.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub series: Vec<Series>,
    /// (label under the group, one value per series)
    pub groups: Vec<(String, Vec<Option<f64>>)>,
    pub style: Style,
    /// A fixed top for the value axis (a scale with a known end, like the IKM conversion's 100);
    /// None: a round number at or above the largest value.
    pub top: Option<f64>,
}

impl BarChart {
    /// The largest value, or 1 when there is none (an empty chart still draws its axis).
    pub fn max(&self) -> f64 {
        let m = self.groups.iter().flat_map(|(_, v)| v.iter().flatten()).fold(0.0_f64, |a, &b| a.max(b));
        if m > 0.0 { m } else { 1.0 }
    }

    /// A round top for the value axis at or above `max`: 1, 2, 2.5 or 5 times a power of ten, ×4 steps.
    pub fn axis_top(&self) -> f64 {
        if let Some(top) = self.top.filter(|t| *t >= self.max()) {
            return top;
        }
        let step = nice_step(self.max() / 4.0);
        (self.max() / step).ceil().max(1.0) * step
    }

    /// Draws the chart in the box (`x`, `y`, `w`, `h`), `y` growing downwards.
    pub fn draw(&self, page: &mut Page, x: f32, y: f32, w: f32, h: f32) {
        let s = self.style;
        let lh = s.line_height();
        let top = self.axis_top();
        let step = nice_step(top / 4.0);
        // room: legend on top, labels below, value labels at the left
        let ticks: Vec<f64> = (0..).map(|i| i as f64 * step).take_while(|v| *v <= top + step * 1e-6).collect();
        let label_w = ticks.iter().map(|v| measure(s, &tick_label(*v))).fold(0.0, f32::max) + 4.0;
        let plot_x = x + label_w;
        let plot_w = (w - label_w).max(10.0);
        let plot_top = y + lh + 4.0;
        let plot_bottom = y + h - lh - 2.0;
        let plot_h = (plot_bottom - plot_top).max(10.0);
        let scale = |v: f64| (v / top) as f32 * plot_h;

        // legend
        let mut lx = plot_x;
        for se in &self.series {
            let box_h = s.size * 0.8;
            page.rect(lx, y + (lh - box_h) / 2.0, box_h, box_h, Some(0.4), Some(se.gray));
            lx += box_h + 3.0;
            page.line_of_text((lx, measure(s, &se.name) + 1.0), y, s, Align::Left, &se.name, true);
            lx += measure(s, &se.name) + 10.0;
        }
        // grid and value axis
        for v in &ticks {
            let gy = plot_bottom - scale(*v);
            if *v > 0.0 {
                page.dashed_line(plot_x, gy, plot_x + plot_w, gy, 0.3, 1.5);
            }
            let text = tick_label(*v);
            page.line_of_text((x, label_w - 4.0), gy - lh / 2.0, s, Align::Right, &text, true);
        }
        page.line(plot_x, plot_bottom, plot_x + plot_w, plot_bottom, 0.7);
        page.line(plot_x, plot_top, plot_x, plot_bottom, 0.5);

        // bars
        let n = self.groups.len().max(1) as f32;
        let group_w = plot_w / n;
        let per = self.series.len().max(1) as f32;
        let bar_w = (group_w * 0.7 / per).min(28.0);
        for (gi, (label, values)) in self.groups.iter().enumerate() {
            let gx = plot_x + group_w * gi as f32;
            let start = gx + (group_w - bar_w * per) / 2.0;
            for (si, v) in values.iter().enumerate() {
                let (Some(v), Some(se)) = (v, self.series.get(si)) else { continue };
                let bh = scale(v.max(0.0));
                let bx = start + bar_w * si as f32;
                page.rect(bx, plot_bottom - bh, bar_w, bh, Some(0.4), Some(se.gray));
            }
            page.line_of_text((gx, group_w), plot_bottom + 2.0, s, Align::Center, label, true);
        }
    }
}

/// "0", "2,5", "1.500": no trailing zeros after the decimal comma.
fn tick_label(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { decimal(v, 0) } else { decimal(v, 2).trim_end_matches('0').to_string() }
}

/// 1, 2, 2.5 or 5 × 10^k, the smallest at or above `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= raw - 1e-12 {
            return m * mag;
        }
    }
    10.0 * mag
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;
    use crate::layout::{Item, PageSize};

    fn chart() -> BarChart {
        BarChart {
            series: vec![Series { name: "Target".into(), gray: 0.85 }, Series { name: "Realisasi".into(), gray: 0.3 }],
            groups: vec![
                ("TW I".into(), vec![Some(6.0), Some(6.0)]),
                ("TW II".into(), vec![Some(8.0), Some(9.0)]),
                ("TW III".into(), vec![Some(10.0), None]),
            ],
            style: Style::new(Face::Regular, 7.0),
            top: None,
        }
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(2.2), 2.5);
        assert_eq!(nice_step(450.0), 500.0);
        assert_eq!(nice_step(1000.0), 1000.0);
        assert_eq!(chart().axis_top(), 10.0, "10 in steps of 2.5");
    }

    #[test]
    fn bars_are_proportional_and_a_missing_value_leaves_a_gap() {
        let mut page = Page::new(PageSize::A4_PORTRAIT);
        chart().draw(&mut page, 50.0, 100.0, 240.0, 140.0);
        let bars: Vec<(f32, f32, f32)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rect { x, h, fill: Some(g), w, .. } if *w > 8.0 => Some((*x, *h, *g)),
                _ => None,
            })
            .collect();
        assert_eq!(bars.len(), 5, "six values, one missing: {bars:?}");
        let ten = bars[4].1;
        assert!((bars[0].1 / ten - 0.6).abs() < 1e-4, "6 is 60% of the axis top 10");
        assert!((bars[3].1 / ten - 0.9).abs() < 1e-4, "9 realised in TW II");
        let texts = page.texts();
        for l in ["Target", "Realisasi", "TW I", "TW II", "TW III", "0", "5", "7,5", "10"] {
            assert!(texts.contains(&l), "{l} in {texts:?}");
        }
        assert!(texts.contains(&"2,5"), "decimal comma on the axis: {texts:?}");
        assert!(page.lowest() <= 240.0 + 0.5, "inside its box: {}", page.lowest());
    }
}

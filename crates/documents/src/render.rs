//! Turns laid-out pages into PDF bytes with printpdf (fonts embedded and subset, images as XObjects).

use printpdf::{
    Color, CurTransMat, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData, RawImageFormat, Rect, TextItem, TextMatrix,
    XObjectTransform,
};

use crate::error::DocError;
use crate::fonts::{Face, fonts};
use crate::layout::{Item, Page};

fn gray(g: f32) -> Color {
    Color::Greyscale(Greyscale::new(g, None))
}

fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

/// A decoded image with its pixel size (for keeping the aspect ratio).
pub struct Picture {
    pub raw: RawImage,
}

impl Picture {
    /// Decodes PNG or JPEG bytes through the core's bounded logo decoder, to 8-bit RGB or RGBA:
    /// printpdf embeds those faithfully (a 16-bit PNG it would print blank), and a logo stored
    /// before the checks of `save_logo` is refused here with the same typed error.
    pub fn decode(bytes: &[u8]) -> Result<Picture, DocError> {
        let logo = juri_core::documents_settings::decode_logo(bytes)?;
        let raw = RawImage {
            width: logo.width as usize,
            height: logo.height as usize,
            data_format: if logo.alpha { RawImageFormat::RGBA8 } else { RawImageFormat::RGB8 },
            pixels: RawImageData::U8(logo.pixels),
            tag: Vec::new(),
        };
        Ok(Picture { raw })
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.raw.width as f32 / self.raw.height.max(1) as f32
    }
}

/// The PDF of `pages`; `pictures` are the images `Item::Image` refers to by index.
pub fn render(title: &str, pages: &[Page], pictures: &[&Picture]) -> Vec<u8> {
    let mut doc = PdfDocument::new(title);
    let used: Vec<Face> = Face::ALL
        .into_iter()
        .filter(|f| pages.iter().any(|p| p.items.iter().any(|i| matches!(i, Item::Text { face, .. } if face == f))))
        .collect();
    let font_ids: Vec<(Face, printpdf::FontId)> =
        used.iter().map(|f| (*f, doc.add_font(&fonts().face(*f).parsed))).collect();
    let font_id = |f: Face| font_ids.iter().find(|(x, _)| *x == f).map(|(_, id)| id.clone()).expect("font added");
    let image_ids: Vec<_> = pictures.iter().map(|p| doc.add_image(&p.raw)).collect();

    let mut out_pages = Vec::with_capacity(pages.len());
    for page in pages {
        let h = page.size.height;
        let mut ops = Vec::new();
        let mut in_text = false;
        let mut font: Option<(Face, f32)> = None;
        let mut text_gray: Option<f32> = None;
        for item in &page.items {
            let is_text = matches!(item, Item::Text { .. });
            if in_text && !is_text {
                ops.push(Op::EndTextSection);
                in_text = false;
                // the fill colour may change outside text: set it again for the next text
                text_gray = None;
            }
            match item {
                Item::Text { x, baseline, text, face, size, gray: g } => {
                    if !in_text {
                        ops.push(Op::StartTextSection);
                        in_text = true;
                        font = None;
                    }
                    if font != Some((*face, *size)) {
                        ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(*face)), size: Pt(*size) });
                        font = Some((*face, *size));
                    }
                    if text_gray != Some(*g) {
                        ops.push(Op::SetFillColor { col: gray(*g) });
                        text_gray = Some(*g);
                    }
                    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(h - baseline)) });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                }
                Item::Line { x1, y1, x2, y2, width, dash } => {
                    ops.push(Op::SetOutlineColor { col: gray(0.0) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::SetLineDashPattern {
                        dash: dash.map(|d| LineDashPattern::new(0.0, &[d, d])).unwrap_or_else(LineDashPattern::solid),
                    });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint { p: pt(*x1, h - y1), bezier: false },
                                LinePoint { p: pt(*x2, h - y2), bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Rect { x, y, w, h: rh, stroke, fill } => {
                    let mode = match (stroke, fill) {
                        (Some(_), Some(_)) => PaintMode::FillStroke,
                        (Some(_), None) => PaintMode::Stroke,
                        (None, _) => PaintMode::Fill,
                    };
                    if let Some(g) = fill {
                        ops.push(Op::SetFillColor { col: gray(*g) });
                    }
                    if let Some(s) = stroke {
                        ops.push(Op::SetOutlineColor { col: gray(0.0) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*s) });
                        ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
                    }
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(h - y - rh),
                            width: Pt(*w),
                            height: Pt(*rh),
                            mode: Some(mode),
                            winding_order: None,
                        },
                    });
                }
                Item::Circle { cx, cy, r, width, dash } => {
                    ops.push(Op::SetOutlineColor { col: gray(0.0) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::SetLineDashPattern {
                        dash: dash.map(|d| LineDashPattern::new(0.0, &[d, d])).unwrap_or_else(LineDashPattern::solid),
                    });
                    ops.push(Op::DrawLine { line: circle(*cx, h - cy, *r) });
                }
                Item::Image { index, x, y, w, h: ih } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetTransformationMatrix {
                        matrix: CurTransMat::Raw([*w, 0.0, 0.0, *ih, *x, h - y - ih]),
                    });
                    ops.push(Op::UseXobject {
                        id: image_ids[*index].clone(),
                        transform: XObjectTransform { no_auto_scale: true, ..Default::default() },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        out_pages.push(PdfPage::new(Pt(page.size.width).into(), Pt(h).into(), ops));
    }
    doc.with_pages(out_pages).save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// A circle as four Bézier quarter arcs, in PDF coordinates.
fn circle(cx: f32, cy: f32, r: f32) -> Line {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    let p = |x: f32, y: f32, bezier| LinePoint { p: pt(x, y), bezier };
    Line {
        points: vec![
            p(cx + r, cy, false),
            p(cx + r, cy + k, true),
            p(cx + k, cy + r, true),
            p(cx, cy + r, false),
            p(cx - k, cy + r, true),
            p(cx - r, cy + k, true),
            p(cx - r, cy, false),
            p(cx - r, cy - k, true),
            p(cx - k, cy - r, true),
            p(cx, cy - r, false),
            p(cx + k, cy - r, true),
            p(cx + r, cy - k, true),
            p(cx + r, cy, false),
        ],
        is_closed: true,
    }
}

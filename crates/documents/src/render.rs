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
    // The file says when and by what it was made (printpdf's default is 1 January 1970).
    let made = printpdf::OffsetDateTime::now();
    let info = &mut doc.metadata.info;
    (info.creation_date, info.modification_date, info.metadata_date) = (made, made, made);
    info.creator = format!("Juri {}", env!("CARGO_PKG_VERSION"));
    info.producer = "Juri (printpdf)".into();
    let used: Vec<Face> = Face::ALL
        .into_iter()
        .filter(|f| pages.iter().any(|p| p.items.iter().any(|i| matches!(i, Item::Text { face, .. } if face == f))))
        .collect();
    let fonts: Vec<(Face, printpdf::FontId)> =
        used.iter().map(|f| (*f, doc.add_font(&fonts().face(*f).parsed))).collect();
    let images: Vec<_> = pictures.iter().map(|p| doc.add_image(&p.raw)).collect();
    let out_pages = pages
        .iter()
        .map(|page| {
            let mut ops = PageOps::new(page.size.height, &fonts, &images);
            for item in &page.items {
                ops.item(item);
            }
            PdfPage::new(Pt(page.size.width).into(), Pt(page.size.height).into(), ops.finish())
        })
        .collect();
    doc.with_pages(out_pages).save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// The drawing operations of one page. Text items in a row share one text section, and the font
/// and fill colour are set only when they change (smaller files, same look).
struct PageOps<'a> {
    /// The page height: layout measures from the top, PDF from the bottom.
    h: f32,
    fonts: &'a [(Face, printpdf::FontId)],
    images: &'a [printpdf::XObjectId],
    ops: Vec<Op>,
    in_text: bool,
    font: Option<(Face, f32)>,
    text_gray: Option<f32>,
}

impl<'a> PageOps<'a> {
    fn new(h: f32, fonts: &'a [(Face, printpdf::FontId)], images: &'a [printpdf::XObjectId]) -> Self {
        PageOps { h, fonts, images, ops: Vec::new(), in_text: false, font: None, text_gray: None }
    }

    fn item(&mut self, item: &Item) {
        if self.in_text && !matches!(item, Item::Text { .. }) {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
            // the fill colour may change outside text: set it again for the next text
            self.text_gray = None;
        }
        match item {
            Item::Text { x, baseline, text, face, size, gray } => self.text(*x, *baseline, text, *face, *size, *gray),
            Item::Line { x1, y1, x2, y2, width, dash } => {
                self.outline(*width, *dash);
                let h = self.h;
                let points = vec![
                    LinePoint { p: pt(*x1, h - y1), bezier: false },
                    LinePoint { p: pt(*x2, h - y2), bezier: false },
                ];
                self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
            }
            Item::Rect { x, y, w, h, stroke, fill } => self.rect(*x, *y, *w, *h, *stroke, *fill),
            Item::Circle { cx, cy, r, width, dash } => {
                self.outline(*width, *dash);
                self.ops.push(Op::DrawLine { line: circle(*cx, self.h - cy, *r) });
            }
            Item::Image { index, x, y, w, h } => {
                self.ops.push(Op::SaveGraphicsState);
                self.ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([*w, 0.0, 0.0, *h, *x, self.h - y - h]),
                });
                self.ops.push(Op::UseXobject {
                    id: self.images[*index].clone(),
                    transform: XObjectTransform { no_auto_scale: true, ..Default::default() },
                });
                self.ops.push(Op::RestoreGraphicsState);
            }
        }
    }

    fn text(&mut self, x: f32, baseline: f32, text: &str, face: Face, size: f32, g: f32) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
            self.font = None;
        }
        if self.font != Some((face, size)) {
            let id = self.fonts.iter().find(|(f, _)| *f == face).map(|(_, id)| id.clone()).expect("font added");
            self.ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(size) });
            self.font = Some((face, size));
        }
        if self.text_gray != Some(g) {
            self.ops.push(Op::SetFillColor { col: gray(g) });
            self.text_gray = Some(g);
        }
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(self.h - baseline)) });
        self.ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_string())] });
    }

    /// Black outline of `width`, dashed when `dash` is set.
    fn outline(&mut self, width: f32, dash: Option<f32>) {
        self.ops.push(Op::SetOutlineColor { col: gray(0.0) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        let dash = dash.map(|d| LineDashPattern::new(0.0, &[d, d])).unwrap_or_else(LineDashPattern::solid);
        self.ops.push(Op::SetLineDashPattern { dash });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, rh: f32, stroke: Option<f32>, fill: Option<f32>) {
        let mode = match (stroke, fill) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Stroke,
            (None, _) => PaintMode::Fill,
        };
        if let Some(g) = fill {
            self.ops.push(Op::SetFillColor { col: gray(g) });
        }
        if let Some(s) = stroke {
            self.outline(s, None);
        }
        let rectangle = Rect {
            x: Pt(x),
            y: Pt(self.h - y - rh),
            width: Pt(w),
            height: Pt(rh),
            mode: Some(mode),
            winding_order: None,
        };
        self.ops.push(Op::DrawRectangle { rectangle });
    }

    fn finish(mut self) -> Vec<Op> {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
        }
        self.ops
    }
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

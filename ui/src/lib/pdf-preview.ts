// Renders PDF pages into a <canvas> with pdf.js, loaded only when a preview is opened. Under the
// app's CSP: no eval (isEvalSupported false), no WebAssembly, the worker is a file Vite bundles
// into the build ('self'); the embedded fonts are loaded from memory.
import type { PDFDocumentProxy } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist');
type Loaded = { m: PdfJs; worker: InstanceType<PdfJs['PDFWorker']> };
let lib: Promise<Loaded> | null = null;

function pdfjs(): Promise<Loaded> {
  lib ??= (async () => {
    const [m, src] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
    m.GlobalWorkerOptions.workerSrc = src.default;
    // One worker for every document, started now: its script is parsed before the first "Buka".
    // It is handed to each document as `worker`, so no document owns it: pdf.js destroys a worker
    // it created for a document (even one shared through `workerPort`) when that document is
    // destroyed, which broke a PDF opened while the warm-up page was being put away.
    const worker = m.PDFWorker.create({ port: new Worker(src.default, { type: 'module' }) });
    return { m, worker };
  })();
  return lib;
}

export type PdfDoc = PDFDocumentProxy;

/** A one-page PDF drawn once, off screen, while the judge reads: the worker and the drawing code
 * are warm before the first real "Buka". */
function warmUpPdf(): string {
  const content = 'BT /F1 12 Tf 20 20 Td (Juri) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 60 40] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  return out + `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

let warmed: Promise<void> | null = null;

/** Loads pdf.js, starts its worker and draws a tiny page off screen, ahead of the first PDF (the
 * judge should not wait for all that at "Buka"). */
export function preloadPdf(): void {
  warmed ??= (async () => {
    try {
      const doc = await openPdf(new TextEncoder().encode(warmUpPdf()));
      await renderPage(doc, 1, document.createElement('canvas'), 60, 40);
      await doc.destroy();
    } catch {
      // Only a head start: the real document opens the same way anyway.
    }
  })();
}

/** Opens PDF bytes (the buffer is handed to the worker). */
export async function openPdf(bytes: Uint8Array): Promise<PdfDoc> {
  const { m, worker } = await pdfjs();
  return m.getDocument({ data: bytes, worker, isEvalSupported: false, useWasm: false, enableXfa: false }).promise;
}

/** Draws page `n` (1-based) as large as fits `width` × `height` CSS pixels, sharp on high-density screens. */
export async function renderPage(doc: PdfDoc, n: number, canvas: HTMLCanvasElement, width: number, height: number): Promise<void> {
  const page = await doc.getPage(n);
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(width / base.width, height / base.height);
  const ratio = globalThis.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  // Through the CSSOM (not a style attribute), which the CSP allows.
  canvas.style.width = `${Math.floor(base.width * scale)}px`;
  canvas.style.height = `${Math.floor(base.height * scale)}px`;
  await page.render({ canvas, viewport }).promise;
}

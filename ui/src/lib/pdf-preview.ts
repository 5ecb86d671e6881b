// Renders PDF pages into a <canvas> with pdf.js, loaded only when a preview is opened. Under the
// app's CSP: no eval (isEvalSupported false), no WebAssembly, the worker is a file Vite bundles
// into the build ('self'); the embedded fonts are loaded from memory.
import type { PDFDocumentProxy } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist');
let lib: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  lib ??= (async () => {
    const [m, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
    m.GlobalWorkerOptions.workerSrc = worker.default;
    // One worker for every document, started now: its script is parsed before the first "Buka",
    // and documents opened later reuse it instead of starting their own.
    m.GlobalWorkerOptions.workerPort = new Worker(worker.default, { type: 'module' });
    return m;
  })();
  return lib;
}

export type PdfDoc = PDFDocumentProxy;

/** Loads pdf.js and its worker ahead of the first PDF (the judge should not wait for it at "Buka"). */
export function preloadPdf(): void {
  void pdfjs();
}

/** Opens PDF bytes (the buffer is handed to the worker). */
export async function openPdf(bytes: Uint8Array): Promise<PdfDoc> {
  const m = await pdfjs();
  return m.getDocument({ data: bytes, isEvalSupported: false, useWasm: false, enableXfa: false }).promise;
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

// A PDF shown one page at a time in a canvas (a document's preview, an evidence file): opens the
// bytes with pdf.js, draws a page as large as the frame allows and turns pages. Draws are queued,
// so a quick "next, next" never draws two pages into one canvas at once.
import { tick } from 'svelte';
import { openPdf, renderPage, type PdfDoc } from './pdf-preview';

/** A document and, when one was drawn, a copy of its page 1 (shown at once on the next opening). */
export interface OpenedPdf {
  doc: PdfDoc;
  first: HTMLCanvasElement | null;
}

/** A copy of a drawn canvas (pixels and CSS size). */
export function copyCanvas(from: HTMLCanvasElement): HTMLCanvasElement {
  const to = document.createElement('canvas');
  to.width = from.width;
  to.height = from.height;
  to.style.width = from.style.width;
  to.style.height = from.style.height;
  to.getContext('2d')?.drawImage(from, 0, 0);
  return to;
}

export class PdfPages {
  doc = $state<PdfDoc | null>(null);
  /** The page shown (1-based) and the last one drawn (0: none yet). */
  page = $state(1);
  rendered = $state(0);
  failed = $state(false);
  #drawing: Promise<void> = Promise.resolve();
  #closed = false;
  #first: HTMLCanvasElement | null = null;
  #canvas: () => HTMLCanvasElement | undefined;
  #room: () => [number, number];

  /** `canvas` and `room` (width, height in CSS pixels) are asked at each draw. */
  constructor(canvas: () => HTMLCanvasElement | undefined, room: () => [number, number]) {
    this.#canvas = canvas;
    this.#room = room;
  }

  get pages(): number {
    return this.doc?.numPages ?? 0;
  }

  /** Opens the bytes (a copy goes to pdf.js, which takes its buffer over) and draws page 1. */
  async open(bytes: Uint8Array): Promise<void> {
    try {
      const opened = await openPdf(bytes.slice());
      if (this.#closed) return void opened.destroy();
      this.doc = opened;
      await tick();
      this.#draw(1);
    } catch {
      this.failed = true;
    }
  }

  /** Shows a document opened earlier from page 1: its drawn page 1 at once when it fits the frame
   * (within 15 %), else drawn afresh. */
  async show({ doc, first }: OpenedPdf): Promise<void> {
    if (this.#closed) return;
    this.doc = doc;
    await tick();
    const canvas = this.#canvas();
    const [w, h] = this.#room();
    const [cssW, cssH] = first ? [parseFloat(first.style.width), parseFloat(first.style.height)] : [0, 0];
    const fit = Math.min(w / cssW, h / cssH);
    if (!canvas || !first || !(fit > 0.85 && fit < 1.15)) return this.#draw(1);
    canvas.width = first.width;
    canvas.height = first.height;
    canvas.style.width = `${Math.floor(cssW * fit)}px`;
    canvas.style.height = `${Math.floor(cssH * fit)}px`;
    canvas.getContext('2d')?.drawImage(first, 0, 0);
    this.#first = first;
    this.rendered = 1;
  }

  go(n: number) {
    if (!this.doc || n < 1 || n > this.doc.numPages) return;
    this.page = n;
    this.#draw(n);
  }

  /** Closes; the document is destroyed, or handed to `keep` (with its page 1 when drawn). */
  close(keep?: (opened: OpenedPdf) => void) {
    this.#closed = true;
    if (this.doc && keep) keep({ doc: this.doc, first: this.#first });
    else void this.doc?.destroy();
  }

  #draw(n: number) {
    this.#drawing = this.#drawing.then(async () => {
      const canvas = this.#canvas();
      if (!this.doc || !canvas) return;
      try {
        const [w, h] = this.#room();
        await renderPage(this.doc, n, canvas, w, h);
        if (n === 1) this.#first = copyCanvas(canvas);
        this.rendered = n;
      } catch {
        this.failed = true;
      }
    });
  }
}

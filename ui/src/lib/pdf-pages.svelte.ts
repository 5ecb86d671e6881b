// A PDF shown one page at a time in a canvas (a document's preview, an evidence file): opens the
// bytes with pdf.js, draws a page as large as the frame allows and turns pages. Draws are queued,
// so a quick "next, next" never draws two pages into one canvas at once.
import { tick } from 'svelte';
import { openPdf, renderPage, type PdfDoc } from './pdf-preview';

export class PdfPages {
  doc = $state<PdfDoc | null>(null);
  /** The page shown (1-based) and the last one drawn (0: none yet). */
  page = $state(1);
  rendered = $state(0);
  failed = $state(false);
  #drawing: Promise<void> = Promise.resolve();
  #closed = false;
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

  go(n: number) {
    if (!this.doc || n < 1 || n > this.doc.numPages) return;
    this.page = n;
    this.#draw(n);
  }

  close() {
    this.#closed = true;
    void this.doc?.destroy();
  }

  #draw(n: number) {
    this.#drawing = this.#drawing.then(async () => {
      const canvas = this.#canvas();
      if (!this.doc || !canvas) return;
      try {
        const [w, h] = this.#room();
        await renderPage(this.doc, n, canvas, w, h);
        this.rendered = n;
      } catch {
        this.failed = true;
      }
    });
  }
}

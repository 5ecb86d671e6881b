// Evidence PDFs opened before the judge asks: while a proposal is on screen its first PDF is
// opened and its first page drawn off screen (which loads its embedded fonts, the slow part), so
// "Buka" shows it at once; a PDF the viewer closes is kept too, for the judge who opens it again.
// At most KEEP documents stay open; the others are destroyed.
import { openPdf, renderPage } from './pdf-preview';
import type { OpenedPdf } from './pdf-pages.svelte';

const KEEP = 2;
/** Larger PDFs are opened only when asked (a judge's laptop has little memory to spare). */
export const AHEAD_MAX_BYTES = 32 * 1024 * 1024;

/** The key of one evidence file of one proposal; `keepOnly` takes the proposal's prefix (sha ''). */
export const aheadKey = (competitionId: string, proposal: string, sha256: string) => `${competitionId}/${proposal}/${sha256}`;
/** Newest last. */
let kept: { key: string; doc: Promise<OpenedPdf> }[] = [];

function trim() {
  while (kept.length > KEEP) {
    const old = kept.shift();
    void old?.doc.then((o) => o.doc.destroy()).catch(() => {});
  }
}

/** Opens `key` ahead (bytes from `load`) and draws page 1 at `room` (CSS pixels) off screen. */
export function openAhead(key: string, load: () => Promise<Uint8Array>, room: [number, number]): void {
  if (kept.some((k) => k.key === key)) return;
  const opened = (async () => {
    const doc = await openPdf(await load());
    const first = document.createElement('canvas');
    await renderPage(doc, 1, first, room[0], room[1]);
    return { doc, first };
  })();
  opened.catch(() => {}); // a failure shows when the viewer opens the file the usual way
  kept.push({ key, doc: opened });
  trim();
}

/** The document opened ahead for `key`, now the caller's; null when there is none. */
export function takeAhead(key: string): Promise<OpenedPdf> | null {
  const i = kept.findIndex((k) => k.key === key);
  if (i < 0) return null;
  const [entry] = kept.splice(i, 1);
  return entry.doc;
}

/** A document the viewer is done with, kept for the next "Buka" of the same file. */
export function keepOpen(key: string, opened: OpenedPdf): void {
  kept = kept.filter((k) => k.key !== key);
  kept.push({ key, doc: Promise.resolve(opened) });
  trim();
}

/** Destroys every kept document whose key does not start with `prefix` (another proposal's). */
export function keepOnly(prefix: string): void {
  const [stay, go] = [kept.filter((k) => k.key.startsWith(prefix)), kept.filter((k) => !k.key.startsWith(prefix))];
  kept = stay;
  for (const g of go) void g.doc.then((o) => o.doc.destroy()).catch(() => {});
}

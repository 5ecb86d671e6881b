// The Dokumen screen's plain data: which document to make (generated from juri-documents'
// `DocumentRequest`; the backend suggests the file name) and small helpers for the settings form.
import type { DocumentRequest } from './bindings/DocumentRequest';
import type { DocumentSettings } from './bindings/DocumentSettings';
import type { Lang } from './bindings/Lang';
import type { Progress } from './bindings/Progress';

// The request, its parts and what a save returns are generated from the Rust types (juri-documents, juri-core).
export type { CsvTable } from './bindings/CsvTable';
export type { DocumentRequest } from './bindings/DocumentRequest';
export type { DocumentSettingsView } from './bindings/DocumentSettingsView';
export type { Recipients } from './bindings/Recipients';
export type { SavedDocument } from './bindings/SavedDocument';

/** Spreadsheets are saved without a preview. */
export const hasPreview = (r: DocumentRequest): boolean =>
  r.kind !== 'xlsx' && r.kind !== 'csv' && !(r.kind === 'checklist' && r.xlsx);

/** A textarea's lines as the settings keep them: trimmed, empty lines left out. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Whole percent of a batch, 0 before the first step. */
export function percent(p: Progress | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.min(100, Math.floor((p.done / p.total) * 100));
}

const MONTHS: Record<Lang, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * How a settings date prints: "2026-10-28" → "28 Oktober 2026" (no leading zero). '' for an empty
 * field (the paper then has a dotted blank), null for text that is not a real ISO date.
 */
export function isoDateText(iso: string, lang: Lang): string | null {
  const s = iso.trim();
  if (s === '') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${d} ${MONTHS[lang][mo - 1]} ${y}`;
}

// The Dokumen screen's plain data: which document to make (as src-tauri/src/commands/documents.rs
// reads it), the file name the save dialog suggests, and small helpers for the settings form.
import type { DocumentSettings } from './bindings/DocumentSettings';
import type { Lang } from './bindings/Lang';
import type { Progress } from './bindings/Progress';

export type Recipients = 'winners' | 'finalists' | 'participants';
export type CsvTable = 'proposals' | 'judges' | 'scores' | 'recap';

/** Mirrors `DocumentRequest` of the shell (serde tag `kind`). */
export type DocumentRequest =
  | { kind: 'certificates'; recipients: Recipients; each: boolean }
  | { kind: 'recap'; stage: string | null }
  | { kind: 'score_sheets'; stage: string | null; judge: string | null; proposal: string | null; filled: boolean }
  | { kind: 'berita_acara' }
  | { kind: 'sk'; finalists: boolean }
  | { kind: 'xlsx'; scores_only: boolean }
  | { kind: 'csv'; table: CsvTable };

/** Where a saved document went: the file, or the folder of a one-file-per-recipient batch. */
export interface SavedDocument {
  path: string;
  files: number;
}

/** The settings as the screen edits them. */
export interface DocumentSettingsView {
  settings: DocumentSettings;
  has_logo: boolean;
}

/** Spreadsheets are saved without a preview. */
export const hasPreview = (r: DocumentRequest): boolean => r.kind !== 'xlsx' && r.kind !== 'csv';

const RECIPIENT_SLUG: Record<Recipients, string> = { winners: 'pemenang', finalists: 'finalis', participants: 'peserta' };
const CSV_NAME: Record<CsvTable, string> = { proposals: 'proposal', judges: 'juri', scores: 'nilai', recap: 'rekapitulasi' };

/** Lower-case ASCII letters, digits and dashes. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The name the save dialog suggests (the backend's `DocumentRequest::file_name`); a folder for `each`. */
export function suggestedName(r: DocumentRequest, year: number): string {
  switch (r.kind) {
    case 'certificates':
      return `piagam-${RECIPIENT_SLUG[r.recipients]}-${year}${r.each ? '' : '.pdf'}`;
    case 'recap':
      return `rekapitulasi-nilai-${r.stage ? slug(r.stage) : 'semua-tahap'}-${year}.pdf`;
    case 'score_sheets': {
      const parts = [r.filled ? 'terisi' : 'kosong', ...[r.stage, r.judge, r.proposal].filter((p): p is string => !!p).map(slug)];
      return `lembar-penilaian-${parts.join('-')}-${year}.pdf`;
    }
    case 'berita_acara':
      return `berita-acara-penilaian-${year}.pdf`;
    case 'sk':
      return r.finalists ? `pengumuman-finalis-${year}.pdf` : `lampiran-sk-pemenang-${year}.pdf`;
    case 'xlsx':
      return r.scores_only ? `nilai-${year}.xlsx` : `kompetisi-${year}.xlsx`;
    case 'csv':
      return `${CSV_NAME[r.table]}-${year}.csv`;
  }
}

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

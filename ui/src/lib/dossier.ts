// Proposal dossiers in the UI: the screening badges of a proposal's findings, the section shown
// beside a criterion, and how the viewer shows an evidence file. Texts only: the core decides what
// is a finding.
import type { Competition } from './bindings/Competition';
import type { DossierSection } from './bindings/DossierSection';
import type { Finding } from './bindings/Finding';
import type { MessageKey, Params } from './i18n';

export type BadgeKind = 'over' | 'missing' | 'no_files' | 'empty';

/** One badge beside a proposal's screening status: its message and, when shortened, the full text's message. */
export interface FindingBadge {
  kind: BadgeKind;
  key: MessageKey;
  params: Params;
  /** The whole list when the badge only counts the sections. */
  full?: { key: MessageKey; params: Params };
}

/**
 * The badges of one proposal's findings, in the core's order: one per section over its word limit
 * ("Ringkasan > 200 kata"), one for the empty required sections ("Bagian kosong: Kebaruan", or
 * "3 bagian kosong" with their names as the full text) and one for no evidence ("Tanpa bukti
 * dukung"). A proposal with no text and no file at all gets one badge ("Belum ada isian proposal").
 */
export function findingBadges(findings: Finding[], sections: DossierSection[]): FindingBadge[] {
  const byCode = new Map(sections.map((s) => [s.code, s]));
  const name = (code: string | null) => (code ? (byCode.get(code)?.name ?? code) : '');
  const missing = findings.filter((f) => f.kind === 'missing_section').map((f) => name(f.section));
  const noFiles = findings.some((f) => f.kind === 'no_files');
  const required = sections.filter((s) => s.required).length;
  if (noFiles && required > 0 && missing.length === required) return [{ kind: 'empty', key: 'findings.empty', params: {} }];

  const out: FindingBadge[] = [];
  for (const f of findings) {
    if (f.kind !== 'over_word_limit') continue;
    const max = (f.section && byCode.get(f.section)?.max_words) ?? 0;
    out.push({ kind: 'over', key: 'findings.over', params: { section: name(f.section), max } });
  }
  if (missing.length === 1) out.push({ kind: 'missing', key: 'findings.missing', params: { sections: missing[0] } });
  if (missing.length > 1)
    out.push({
      kind: 'missing',
      key: 'findings.missing_count',
      params: { count: missing.length },
      full: { key: 'findings.missing', params: { sections: missing.join(', ') } },
    });
  if (noFiles) out.push({ kind: 'no_files', key: 'findings.no_files', params: {} });
  return out;
}

/** The dossier section shown beside a criterion of a stage (setup `section`), or null. */
export function criterionSection(competition: Competition, stage: string, criterion: string): string | null {
  const s = competition.setup.stages.find((x) => x.code === stage);
  return s?.criteria.find((c) => c.code === criterion)?.section ?? null;
}

export type ViewerKind = 'pdf' | 'image' | 'other';

/** How the in-app viewer shows a file of this media type: PDF pages, an image, or only "Simpan". */
export function viewerKind(type: string): ViewerKind {
  const t = type.toLowerCase();
  if (t === 'application/pdf') return 'pdf';
  if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(t)) return 'image';
  return 'other';
}

/** Whether a dossier has anything to read: a text, a video link or a file. */
export function hasContent(view: { sections: { text: string }[]; videos: string[]; files: unknown[] }): boolean {
  return view.files.length > 0 || view.videos.length > 0 || view.sections.some((s) => s.text.trim() !== '');
}

/** Words as the core counts them (FORMATS.md §9): maximal runs of non-whitespace characters. */
export function countWords(text: string): number {
  return text.split(/\s+/u).filter((w) => w !== '').length;
}

/** The video links typed one per line: each line trimmed, empty lines left out. */
export function videoLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Largest file taken by dropping it on the dossier editor; larger ones go through "Tambah berkas…". */
export const MAX_DROP_BYTES = 10 * 1024 * 1024;

/** Files dropped on the editor split into those small enough to send and the names of the others. */
export function splitDropped<F extends { name: string; size: number }>(files: F[]): { take: F[]; tooLarge: string[] } {
  return {
    take: files.filter((f) => f.size <= MAX_DROP_BYTES),
    tooLarge: files.filter((f) => f.size > MAX_DROP_BYTES).map((f) => f.name),
  };
}

/**
 * A judge's private notes as lines for the sheet comment ("Kebaruan: text"), in the sheet's
 * criterion order; criteria without a note are left out. Appended after the comment typed so far.
 */
export function notesForComment(
  comment: string,
  criteria: { code: string; name: string }[],
  notes: Record<string, string>,
): string {
  const lines = criteria
    .map((c) => ({ name: c.name, text: (notes[c.code] ?? '').trim().replace(/\s*\n\s*/g, ' ') }))
    .filter((l) => l.text !== '')
    .map((l) => `${l.name}: ${l.text}`);
  if (lines.length === 0) return comment;
  const head = comment.trimEnd();
  return head === '' ? lines.join('\n') : `${head}\n${lines.join('\n')}`;
}

export type KitState = 'up_to_date' | 'stale' | 'never';

/** A judge's kit on the master: current, made before a dossier or finalist change, or never made. */
export function kitState(s: { exported_at: string | null; up_to_date: boolean }): KitState {
  if (s.exported_at === null) return 'never';
  return s.up_to_date ? 'up_to_date' : 'stale';
}

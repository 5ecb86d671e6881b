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

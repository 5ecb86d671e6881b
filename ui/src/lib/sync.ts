// Pure helpers for offline judging: picking kit and package files, reading what a kit is for,
// deciding whether it may be opened here, and adding up merge reports.
import type { PackageReport } from './bindings/PackageReport';

export const KIT_EXT = '.jurikit';
export const PACKAGE_EXT = '.jurinilai';

/** Files whose name ends with `ext` (any case), and the names of the others. */
export function splitByExtension<F extends { name: string }>(files: Iterable<F>, ext: string): { accepted: F[]; ignored: string[] } {
  const accepted: F[] = [];
  const ignored: string[] = [];
  for (const f of files) {
    if (f.name.toLowerCase().endsWith(ext.toLowerCase())) accepted.push(f);
    else ignored.push(f.name);
  }
  return { accepted, ignored };
}

/** What a kit says about itself, read before it is opened. Null when the text is not a kit. */
export interface KitPeek {
  competitionId: string;
  competitionName: string;
  year: number | null;
  judgeCode: string;
  judgeName: string;
  proposals: number;
}

export function peekKit(text: string): KitPeek | null {
  let kit: unknown;
  try {
    kit = JSON.parse(text);
  } catch {
    return null;
  }
  if (!kit || typeof kit !== 'object') return null;
  const k = kit as Record<string, unknown>;
  const setup = (k.setup ?? {}) as Record<string, unknown>;
  const judge = (k.judge ?? {}) as Record<string, unknown>;
  if (k.format !== 'juri-kit' || typeof judge.code !== 'string' || typeof k.competition_id !== 'string') return null;
  return {
    competitionId: k.competition_id,
    competitionName: typeof setup.name === 'string' ? setup.name : '',
    year: typeof setup.year === 'number' ? setup.year : null,
    judgeCode: judge.code,
    judgeName: typeof judge.name === 'string' ? judge.name : '',
    proposals: Array.isArray(k.proposals) ? k.proposals.length : 0,
  };
}

/**
 * Whether a kit may be opened straight away on this laptop:
 * - `open`: an empty laptop, or this judge's laptop taking a newer kit of the same judge and competition;
 * - `confirm`: the laptop already holds competitions (it may be the organiser's master): ask first;
 * - `other_judge` / `other_competition`: this is already another judge's (or competition's) laptop: refuse.
 * An unreadable kit (`peek` null) is left to the backend, which says what is wrong with it.
 */
export type KitDecision = 'open' | 'confirm' | 'other_judge' | 'other_competition';

export function kitDecision(
  peek: KitPeek | null,
  laptop: { judge: string | null; competitionId: string | null; competitions: number },
): KitDecision {
  if (laptop.judge !== null) {
    if (!peek) return 'open';
    if (peek.judgeCode.toLowerCase() !== laptop.judge.toLowerCase()) return 'other_judge';
    if (laptop.competitionId && peek.competitionId !== laptop.competitionId) return 'other_competition';
    return 'open';
  }
  return laptop.competitions > 0 ? 'confirm' : 'open';
}

export interface MergeSummary {
  packages: number;
  /** Packages refused whole: nothing from them is used. */
  refused: number;
  events: number;
  new: number;
  changed: number;
  unchanged: number;
  alreadyMerged: number;
  conflicts: number;
  /** Sheet comments and final marks the packages bring. */
  notes: number;
  refusedEvents: number;
  /** Values that would be written or held for the organiser: zero means merging changes nothing. */
  changes: number;
}

export function summariseReports(reports: PackageReport[]): MergeSummary {
  const s: MergeSummary = {
    packages: reports.length,
    refused: 0,
    events: 0,
    new: 0,
    changed: 0,
    unchanged: 0,
    alreadyMerged: 0,
    conflicts: 0,
    notes: 0,
    refusedEvents: 0,
    changes: 0,
  };
  for (const r of reports) {
    if (r.refused !== null) {
      s.refused++;
      continue; // a refused package contributes nothing
    }
    s.events += r.events;
    s.new += r.new;
    s.changed += r.changed;
    s.unchanged += r.unchanged;
    s.alreadyMerged += r.already_merged;
    s.conflicts += r.conflicts;
    s.notes += r.comments + r.finals;
    s.refusedEvents += r.refused_events.length;
  }
  // Comments and final marks alone are worth merging too.
  s.changes = s.new + s.changed + s.conflicts + s.notes;
  return s;
}

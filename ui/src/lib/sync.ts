// Pure helpers for offline judging: picking kit and package files by name and adding up merge
// reports. Whether a kit fits this laptop is the core's rule (pick_kit / check_kit).
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

// Pure helpers for the double entry of paper score sheets: reading a typed entry, which criteria the
// core's comparison leaves to staff, and the status labels. The comparison itself, the picks and the
// statuses are the core's (crates/core/src/paper); the sheet comes with them.
import type { PaperCriterion } from './bindings/PaperCriterion';
import type { PaperSheet } from './bindings/PaperSheet';
import type { PaperStatus } from './bindings/PaperStatus';
import type { PaperValue } from './bindings/PaperValue';
import type { MessageKey } from './i18n';
import { checkScore } from './score-check';

/**
 * Whether two typists' names are the same person, to warn while the name is typed. The core's rule
 * (trimmed, inner spaces collapsed, case ignored), which refuses the entry whatever this says.
 */
export const samePerson = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export type FieldProblem = { reason: 'not_a_number' } | { reason: 'out_of_range'; value: number };

export interface EntryCheck {
  values: PaperValue[];
  /** Criterion code → why its text is refused; nothing is sent while any is refused. */
  problems: Record<string, FieldProblem>;
  /** Every criterion left blank. */
  empty: boolean;
}

/** Reads the typed texts of an entry (decimal comma or point); a blank field is a blank on paper. */
export function checkEntry(
  criteria: Pick<PaperCriterion, 'code' | 'min' | 'max'>[],
  texts: Record<string, string>,
): EntryCheck {
  const values: PaperValue[] = [];
  const problems: Record<string, FieldProblem> = {};
  for (const c of criteria) {
    const check = checkScore(texts[c.code] ?? '', c.min, c.max, null);
    if (check.kind === 'save') values.push({ criterion: c.code, value: check.value });
    else if (check.kind === 'nothing') values.push({ criterion: c.code, value: null });
    else if (check.reason === 'out_of_range') problems[c.code] = { reason: 'out_of_range', value: check.value! };
    else problems[c.code] = { reason: 'not_a_number' };
  }
  return { values, problems, empty: values.every((v) => v.value === null) && Object.keys(problems).length === 0 };
}

/** Both entries are in: only then are they shown side by side (typists must not see each other's values). */
export const comparable = (s: PaperSheet) => s.entry_one !== null && s.entry_two !== null;

/** Criteria that still need staff to pick a value (different or blank, not picked). */
export const openCriteria = (s: PaperSheet) => s.criteria.filter((c) => c.agreed === null);

/** Criteria whose agreed paper value differs from the judge's digital score, not yet decided. */
export const openConflicts = (s: PaperSheet) =>
  s.criteria.filter((c) => c.conflict !== null && c.conflict.resolved === null);

export const STATUS_KEYS: Record<PaperStatus, MessageKey> = {
  none: 'paper.status_none',
  entry_one: 'paper.status_entry_one',
  entry_two: 'paper.status_entry_two',
  different: 'paper.status_different',
  conflict: 'paper.status_conflict',
  recorded: 'paper.status_recorded',
};

/** The slot a typist should fill next: the one not typed yet (entry 1 first). */
export function nextSlot(s: Pick<PaperSheet, 'entry_one' | 'entry_two'>): 1 | 2 {
  return s.entry_one !== null && s.entry_two === null ? 2 : 1;
}

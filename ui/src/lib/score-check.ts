// What a typed score means before anything is sent: a value to save, nothing to do, or a refusal.
import { parseNumber } from './format';

export type ScoreCheck =
  | { kind: 'save'; value: number }
  | { kind: 'nothing' }
  | { kind: 'refused'; reason: 'not_a_number' | 'out_of_range' | 'cannot_clear'; value?: number };

/** `saved` is the value the backend holds (null when none). */
export function checkScore(text: string, min: number, max: number, saved: number | null): ScoreCheck {
  if (text.trim() === '') return saved === null ? { kind: 'nothing' } : { kind: 'refused', reason: 'cannot_clear' };
  const value = parseNumber(text);
  if (value === null) return { kind: 'refused', reason: 'not_a_number' };
  if (value < min || value > max) return { kind: 'refused', reason: 'out_of_range', value };
  if (value === saved) return { kind: 'nothing' };
  return { kind: 'save', value };
}

/** The longest comment the backend keeps (characters, after trimming). */
export const COMMENT_MAX = 5000;

export type CommentCheck = { kind: 'save'; value: string } | { kind: 'nothing' } | { kind: 'refused'; max: number };

/**
 * What a typed comment means: trimmed as the backend stores it; nothing to do when that equals
 * `saved` (so blur after a save, or added spaces, send nothing); '' clears it; too long is refused.
 */
export function checkComment(text: string, saved: string): CommentCheck {
  const value = text.trim();
  if ([...value].length > COMMENT_MAX) return { kind: 'refused', max: COMMENT_MAX };
  if (value === saved.trim()) return { kind: 'nothing' };
  return { kind: 'save', value };
}

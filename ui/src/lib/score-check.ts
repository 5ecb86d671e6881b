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

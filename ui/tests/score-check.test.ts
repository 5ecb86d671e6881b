import { describe, expect, it } from 'vitest';
import { checkScore } from '../src/lib/score-check';

describe('a typed score', () => {
  it('accepts a decimal comma and a point', () => {
    expect(checkScore('87,5', 0, 100, null)).toEqual({ kind: 'save', value: 87.5 });
    expect(checkScore(' 87.5 ', 0, 100, null)).toEqual({ kind: 'save', value: 87.5 });
    expect(checkScore('0', 0, 10, 5)).toEqual({ kind: 'save', value: 0 });
    expect(checkScore('10', 0, 10, null)).toEqual({ kind: 'save', value: 10 });
  });

  it('refuses what is not a number or outside the range, before any call', () => {
    expect(checkScore('abc', 0, 100, null)).toEqual({ kind: 'refused', reason: 'not_a_number' });
    expect(checkScore('8,5,1', 0, 10, null)).toEqual({ kind: 'refused', reason: 'not_a_number' });
    expect(checkScore('101', 0, 100, null)).toEqual({ kind: 'refused', reason: 'out_of_range', value: 101 });
    expect(checkScore('-0,5', 0, 10, null)).toEqual({ kind: 'refused', reason: 'out_of_range', value: -0.5 });
  });

  it('does nothing for an empty new field or the value already saved, and will not empty a saved one', () => {
    expect(checkScore('', 0, 100, null)).toEqual({ kind: 'nothing' });
    expect(checkScore('8,50', 0, 10, 8.5)).toEqual({ kind: 'nothing' });
    expect(checkScore('  ', 0, 10, 8.5)).toEqual({ kind: 'refused', reason: 'cannot_clear' });
  });
});

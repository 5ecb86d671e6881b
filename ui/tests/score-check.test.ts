import { describe, expect, it } from 'vitest';
import { checkScore } from '../src/lib/score-check';
import { competition, scoreSheet } from './core-fixtures';

// The criteria's ranges as the core sets them: the desk stage 0–100, the venue stage 0–10.
const [desk, venue] = competition.setup.stages.map((s) => s.criteria[0]);
const saved = (code: string) => scoreSheet.criteria.find((c) => c.code === code)!;

describe('a typed score', () => {
  it('reads the ranges of the demo as the core sends them', () => {
    expect([desk.min, desk.max, venue.min, venue.max]).toEqual([0, 100, 0, 10]);
  });

  it('accepts a decimal comma and a point, up to the criterion’s bounds', () => {
    expect(checkScore('87,5', desk.min, desk.max, null)).toEqual({ kind: 'save', value: 87.5 });
    expect(checkScore(' 87.5 ', desk.min, desk.max, null)).toEqual({ kind: 'save', value: 87.5 });
    expect(checkScore('0', venue.min, venue.max, 5)).toEqual({ kind: 'save', value: 0 });
    expect(checkScore('10', venue.min, venue.max, null)).toEqual({ kind: 'save', value: 10 });
  });

  it('refuses what is not a number or outside the range, before any call', () => {
    expect(checkScore('abc', desk.min, desk.max, null)).toEqual({ kind: 'refused', reason: 'not_a_number' });
    expect(checkScore('8,5,1', venue.min, venue.max, null)).toEqual({ kind: 'refused', reason: 'not_a_number' });
    expect(checkScore('101', desk.min, desk.max, null)).toEqual({ kind: 'refused', reason: 'out_of_range', value: 101 });
    expect(checkScore('10,5', venue.min, venue.max, null)).toEqual({ kind: 'refused', reason: 'out_of_range', value: 10.5 });
    expect(checkScore('-0,5', venue.min, venue.max, null)).toEqual({ kind: 'refused', reason: 'out_of_range', value: -0.5 });
  });

  it('does nothing for an empty new field or the value already saved, and will not empty a saved one', () => {
    const kebaruan = saved('kebaruan'); // 87,5 on the sheet
    const signifikansi = saved('signifikansi'); // not scored yet
    expect(signifikansi.value).toBeNull();
    expect(checkScore('', signifikansi.min, signifikansi.max, signifikansi.value)).toEqual({ kind: 'nothing' });
    expect(checkScore('87,50', kebaruan.min, kebaruan.max, kebaruan.value)).toEqual({ kind: 'nothing' });
    expect(checkScore('88', kebaruan.min, kebaruan.max, kebaruan.value)).toEqual({ kind: 'save', value: 88 });
    expect(checkScore('  ', kebaruan.min, kebaruan.max, kebaruan.value)).toEqual({ kind: 'refused', reason: 'cannot_clear' });
  });
});

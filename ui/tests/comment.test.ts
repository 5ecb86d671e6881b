import { describe, expect, it } from 'vitest';
import { COMMENT_MAX, checkComment } from '../src/lib/score-check';
import { limits, scoreSheet } from './core-fixtures';

describe('a typed comment', () => {
  it('is saved trimmed, and only when it differs from what the sheet holds', () => {
    // The core kept "  Data dukung lengkap.  " trimmed.
    expect(scoreSheet.comment).toBe('Data dukung lengkap.');
    expect(checkComment('  Data dukung lengkap.  ', scoreSheet.comment)).toEqual({ kind: 'nothing' });
    expect(checkComment('Data dukung lengkap. Perlu foto kegiatan. ', scoreSheet.comment)).toEqual({
      kind: 'save',
      value: 'Data dukung lengkap. Perlu foto kegiatan.',
    });
    expect(checkComment('   ', scoreSheet.comment)).toEqual({ kind: 'save', value: '' });
    expect(checkComment('', '')).toEqual({ kind: 'nothing' });
  });

  it('is refused past the length the core keeps, counted in characters', () => {
    expect(COMMENT_MAX).toBe(limits.comment);
    expect(checkComment('é'.repeat(limits.comment), '')).toEqual({ kind: 'save', value: 'é'.repeat(limits.comment) });
    expect(checkComment('a'.repeat(limits.comment + 1), '')).toEqual({ kind: 'refused', max: limits.comment });
  });
});

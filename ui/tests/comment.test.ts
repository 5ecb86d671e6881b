import { describe, expect, it } from 'vitest';
import { COMMENT_MAX, checkComment } from '../src/lib/score-check';
import { mockApi } from '../src/lib/api/mock';

describe('a typed comment', () => {
  it('is saved trimmed, and only when it differs from what is stored', () => {
    expect(checkComment('  Data dukung lengkap.  ', '')).toEqual({ kind: 'save', value: 'Data dukung lengkap.' });
    expect(checkComment('Data dukung lengkap. ', 'Data dukung lengkap.')).toEqual({ kind: 'nothing' });
    expect(checkComment('', '')).toEqual({ kind: 'nothing' });
    expect(checkComment('   ', 'Lama')).toEqual({ kind: 'save', value: '' });
  });

  it('is refused past the length the backend keeps, counted in characters', () => {
    expect(checkComment('é'.repeat(COMMENT_MAX), '')).toEqual({ kind: 'save', value: 'é'.repeat(COMMENT_MAX) });
    expect(checkComment('a'.repeat(COMMENT_MAX + 1), '')).toEqual({ kind: 'refused', max: COMMENT_MAX });
  });
});

describe('the mock comment', () => {
  it('comes back with the sheet, is cleared by an empty text and refused on a locked stage', async () => {
    const demo = await mockApi.openDemo();
    const stage = demo.setup.stages[0].code;
    const [item] = await mockApi.judgeWorklist(demo.id, stage, 'J1');
    await mockApi.saveComment(demo.id, stage, 'J1', item.proposal, '  Perlu data pembanding.  ');
    expect((await mockApi.scoreSheet(demo.id, stage, 'J1', item.proposal)).comment).toBe('Perlu data pembanding.');
    await mockApi.saveComment(demo.id, stage, 'J1', item.proposal, '');
    expect((await mockApi.scoreSheet(demo.id, stage, 'J1', item.proposal)).comment).toBe('');
    await mockApi.lockStage(demo.id, stage);
    await expect(mockApi.saveComment(demo.id, stage, 'J1', item.proposal, 'Terlambat')).rejects.toMatchObject({ code: 'stage_locked' });
  });
});

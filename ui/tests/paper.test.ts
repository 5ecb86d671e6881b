import { describe, expect, it } from 'vitest';
import { checkEntry, compare, nextSlot, samePerson, settle } from '../src/lib/paper';
import { mockApi } from '../src/lib/api/mock';
import type { PaperEntryInput } from '../src/lib/bindings/PaperEntryInput';

describe('comparing two typings of a paper sheet', () => {
  it('compares per criterion like the backend', () => {
    expect(compare(7.5, 7.5)).toBe('equal');
    expect(compare(7.5, 7.5 + 1e-12)).toBe('equal');
    expect(compare(7.5, 8)).toBe('different');
    expect(compare(null, 8)).toBe('missing');
    expect(compare(null, null)).toBe('missing');
  });

  it('settles a difference only by a pick', () => {
    expect(settle(7, 7, null)).toBe(7);
    expect(settle(7, 7.5, null)).toBeNull();
    expect(settle(7, 7.5, 7.5)).toBe(7.5);
    expect(settle(null, 7.5, 7.5)).toBe(7.5);
  });

  it('treats names that differ only in case and spaces as the same person', () => {
    expect(samePerson('Sari Dewi', '  sari   DEWI ')).toBe(true);
    expect(samePerson('Sari', 'Dodi')).toBe(false);
  });

  it('reads an entry with decimal commas, blanks, and refuses out-of-range or non-numbers on the spot', () => {
    const criteria = [
      { code: 'a', min: 0, max: 10 },
      { code: 'b', min: 0, max: 10 },
      { code: 'c', min: 0, max: 10 },
      { code: 'd', min: 0, max: 10 },
    ];
    const ok = checkEntry(criteria, { a: '7,5', b: ' 8.5 ', c: '', d: '10' });
    expect(ok.problems).toEqual({});
    expect(ok.empty).toBe(false);
    expect(ok.values).toEqual([
      { criterion: 'a', value: 7.5 },
      { criterion: 'b', value: 8.5 },
      { criterion: 'c', value: null },
      { criterion: 'd', value: 10 },
    ]);
    const bad = checkEntry(criteria, { a: '11', b: 'x', c: '-0,5', d: '' });
    expect(bad.problems).toEqual({
      a: { reason: 'out_of_range', value: 11 },
      b: { reason: 'not_a_number' },
      c: { reason: 'out_of_range', value: -0.5 },
    });
    expect(checkEntry(criteria, {}).empty).toBe(true);
  });

  it('offers the slot not typed yet', () => {
    const e = { staff: 'Sari', device: '', at: '' };
    expect(nextSlot({ entry_one: null, entry_two: null })).toBe(1);
    expect(nextSlot({ entry_one: e, entry_two: null })).toBe(2);
    expect(nextSlot({ entry_one: null, entry_two: e })).toBe(1);
  });
});

describe('the mock paper double entry', () => {
  const venue = (slot: number, staff: string, values: (number | null)[]): PaperEntryInput => ({
    stage: 'presentasi',
    judge: 'J5',
    proposal: 'P-006',
    slot,
    staff,
    values: ['kebaruan', 'kemanfaatan', 'replikasi', 'penyajian'].map((criterion, i) => ({ criterion, value: values[i] })),
  });

  it('counts a sheet only once two different typists agree or staff pick the paper value', async () => {
    const demo = await mockApi.openDemo();
    const key = { stage: 'presentasi', judge: 'J5', proposal: 'P-006' };
    const s1 = await mockApi.savePaperEntry(demo.id, venue(1, 'Sari', [8, 7.5, 7, 9]));
    expect(s1.status).toBe('entry_one');
    await expect(mockApi.savePaperEntry(demo.id, venue(2, ' sari ', [8, 7.5, 7, 9]))).rejects.toMatchObject({ code: 'paper_entry' });
    await expect(mockApi.savePaperEntry(demo.id, venue(2, 'Dodi', [8, 7.5, 11, 9]))).rejects.toMatchObject({ code: 'invalid_input' });
    const s2 = await mockApi.savePaperEntry(demo.id, venue(2, 'Dodi', [8, 5.7, 7, 9]));
    expect(s2.status).toBe('different');
    expect(s2.criteria.map((c) => c.agreement)).toEqual(['equal', 'different', 'equal', 'equal']);
    expect((await mockApi.scoreSheet(demo.id, 'presentasi', 'J5', 'P-006')).criteria.every((c) => c.value === null)).toBe(true);
    const rows = await mockApi.paperSheets(demo.id, 'presentasi', 'J5');
    expect(rows.find((r) => r.proposal === 'P-006')).toMatchObject({ status: 'different', differences: 1 });

    await expect(mockApi.resolvePaperDifference(demo.id, key, 'kemanfaatan', 7.5, 'Wati', '')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(mockApi.resolvePaperDifference(demo.id, key, 'kemanfaatan', 6, 'Wati', 'lembar asli')).rejects.toMatchObject({ code: 'paper_entry' });
    const done = await mockApi.resolvePaperDifference(demo.id, key, 'kemanfaatan', 7.5, 'Wati', 'lembar asli');
    expect(done.status).toBe('recorded');
    expect(done.reconciled_by).toBe('Wati');
    const sheet = await mockApi.scoreSheet(demo.id, 'presentasi', 'J5', 'P-006');
    expect(sheet.criteria.map((c) => c.value)).toEqual([8, 7.5, 7, 9]);
    await expect(mockApi.savePaperEntry(demo.id, venue(1, 'Sari', [1, 1, 1, 1]))).rejects.toMatchObject({ code: 'paper_entry' });
  });

  it('keeps a differing digital score until someone decides', async () => {
    const demo = await mockApi.openDemo();
    const before = await mockApi.scoreSheet(demo.id, 'proposal', 'J1', 'P-001');
    const digital = before.criteria.map((c) => c.value!);
    const paper = digital.map((v, i) => (i === 0 ? (v === 50 ? 51 : 50) : v));
    const entry = (slot: number, staff: string): PaperEntryInput => ({
      stage: 'proposal',
      judge: 'J1',
      proposal: 'P-001',
      slot,
      staff,
      values: before.criteria.map((c, i) => ({ criterion: c.code, value: paper[i] })),
    });
    await mockApi.savePaperEntry(demo.id, entry(1, 'Sari'));
    const s = await mockApi.savePaperEntry(demo.id, entry(2, 'Dodi'));
    expect(s.status).toBe('conflict');
    expect(s.criteria[0].conflict).toMatchObject({ digital_value: digital[0], paper_value: paper[0], resolved: null });
    expect((await mockApi.scoreSheet(demo.id, 'proposal', 'J1', 'P-001')).criteria[0].value).toBe(digital[0]);
    const key = { stage: 'proposal', judge: 'J1', proposal: 'P-001' };
    const done = await mockApi.resolvePaperConflict(demo.id, key, before.criteria[0].code, true, 'Wati', 'lembar bertanda tangan');
    expect(done.status).toBe('recorded');
    expect((await mockApi.scoreSheet(demo.id, 'proposal', 'J1', 'P-001')).criteria[0].value).toBe(paper[0]);
  });

  it('refuses a conflicted judge and a locked stage', async () => {
    const demo = await mockApi.openDemo();
    const values = [{ criterion: 'kebaruan', value: 50 }];
    await expect(
      mockApi.savePaperEntry(demo.id, { stage: 'proposal', judge: 'J5', proposal: 'P-009', slot: 1, staff: 'Sari', values }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await mockApi.lockStage(demo.id, 'proposal');
    await expect(
      mockApi.savePaperEntry(demo.id, { stage: 'proposal', judge: 'J1', proposal: 'P-002', slot: 1, staff: 'Sari', values }),
    ).rejects.toMatchObject({ code: 'stage_locked' });
  });
});

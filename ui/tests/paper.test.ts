import { describe, expect, it } from 'vitest';
import { STATUS_KEYS, checkEntry, comparable, nextSlot, openConflicts, openCriteria, samePerson } from '../src/lib/paper';
import { translate } from '../src/lib/i18n';
import { paperSheet, paperSheets } from './core-fixtures';

describe('typing a paper sheet', () => {
  it('reads an entry with decimal commas, blanks, and refuses out-of-range or non-numbers on the spot', () => {
    // The sheet's seven desk criteria, 0–100, as the core sends them.
    const codes = paperSheet.criteria.map((c) => c.code);
    expect(codes).toEqual(['latar_belakang', 'kebaruan', 'implementasi', 'signifikansi', 'adaptabilitas', 'sumber_daya', 'keberlanjutan']);
    const typed = ['80', '75,5', ' 70.25 ', '', '100', '0', ''];
    const ok = checkEntry(paperSheet.criteria, Object.fromEntries(codes.map((c, i) => [c, typed[i]])));
    expect(ok.problems).toEqual({});
    expect(ok.empty).toBe(false);
    expect(ok.values.map((v) => v.value)).toEqual([80, 75.5, 70.25, null, 100, 0, null]);
    expect(ok.values.map((v) => v.criterion)).toEqual(codes);

    const bad = checkEntry(paperSheet.criteria, { latar_belakang: '101', kebaruan: 'x', implementasi: '-0,5' });
    expect(bad.problems).toEqual({
      latar_belakang: { reason: 'out_of_range', value: 101 },
      kebaruan: { reason: 'not_a_number' },
      implementasi: { reason: 'out_of_range', value: -0.5 },
    });
    expect(checkEntry(paperSheet.criteria, {}).empty).toBe(true);
  });

  it('warns when the second typist is the first one, as the core compares names', () => {
    expect(paperSheet.entry_one?.staff).toBe('Sari Dewi');
    expect(samePerson(paperSheet.entry_one!.staff, '  sari   DEWI ')).toBe(true);
    expect(samePerson(paperSheet.entry_one!.staff, paperSheet.entry_two!.staff)).toBe(false);
  });

  it('offers the slot not typed yet', () => {
    expect(nextSlot(paperSheet)).toBe(1);
    expect(nextSlot({ entry_one: paperSheet.entry_one, entry_two: null })).toBe(2);
    expect(nextSlot({ entry_one: null, entry_two: paperSheet.entry_two })).toBe(1);
    expect(nextSlot({ entry_one: null, entry_two: null })).toBe(1);
  });
});

describe('a sheet typed twice', () => {
  it('shows the entries side by side and leaves to staff the criteria the core could not settle', () => {
    expect(paperSheet.status).toBe('different');
    expect(comparable(paperSheet)).toBe(true);
    expect(comparable({ ...paperSheet, entry_two: null })).toBe(false);
    // kebaruan was typed 75,5 and 57,5; keberlanjutan is blank in the second entry.
    expect(openCriteria(paperSheet).map((c) => [c.code, c.agreement])).toEqual([
      ['kebaruan', 'different'],
      ['keberlanjutan', 'missing'],
    ]);
    expect(openConflicts(paperSheet)).toEqual([]);
  });

  it('names every status of the list in both languages', () => {
    expect(paperSheets.find((r) => r.proposal === 'P-004')).toMatchObject({ status: 'different', differences: 2 });
    for (const row of paperSheets)
      for (const l of ['id', 'en'] as const) expect(translate(l, STATUS_KEYS[row.status]), row.proposal).not.toBe(STATUS_KEYS[row.status]);
    for (const key of Object.values(STATUS_KEYS)) expect(translate('en', key)).not.toBe(key);
  });
});

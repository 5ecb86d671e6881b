import { describe, expect, it } from 'vitest';
import { mergeTargets, targetCells, targetYears } from '../src/lib/monitoring';
import { fileSize } from '../src/lib/format';
import { innovationDetail } from './core-fixtures';

// "Warga terlayani di desa" of ANTRI SEHAT: TW IV 2025 8, TW I 2026 10, TW III 2026 12,5.
const indicator = innovationDetail.indicators.find((i) => i.name === 'Warga terlayani di desa')!;
const saved = indicator.targets;

describe('the targets grid of an indicator', () => {
  it('shows one year as four cells with the language decimal mark, empty where there is no target', () => {
    expect(saved.map((t) => [t.year, t.quarter, t.target])).toEqual([
      [2025, 4, 8],
      [2026, 1, 10],
      [2026, 3, 12.5],
    ]);
    expect(targetCells(saved, 2026, 'id')).toEqual(['10', '', '12,5', '']);
    expect(targetCells(saved, 2026, 'en')).toEqual(['10', '', '12.5', '']);
    expect(targetCells(saved, 2025, 'id')).toEqual(['', '', '', '8']);
    expect(targetCells(saved, 2027, 'id')).toEqual(['', '', '', '']);
  });

  it('replaces the typed year, keeps other years, accepts a decimal comma and sorts', () => {
    const r = mergeTargets(saved, 2026, ['', ' 7,5 ', '1.234,5', '0']);
    expect(r.bad).toEqual([]);
    expect(r.targets).toEqual([
      { year: 2025, quarter: 4, target: 8 },
      { year: 2026, quarter: 2, target: 7.5 },
      { year: 2026, quarter: 3, target: 1234.5 },
      { year: 2026, quarter: 4, target: 0 },
    ]);
    // The input is not changed.
    expect(saved).toHaveLength(3);
  });

  it('names the quarters that are not numbers or negative', () => {
    expect(mergeTargets(saved, 2026, ['abc', '5', '-1', '1,2,3']).bad).toEqual([1, 3, 4]);
  });

  it('clearing every cell removes that year only', () => {
    expect(mergeTargets(saved, 2026, ['', '', '', ''])).toEqual({ targets: [{ year: 2025, quarter: 4, target: 8 }], bad: [] });
  });

  it('offers the years with targets, the current one and the next', () => {
    expect(targetYears(saved, 2026)).toEqual([2025, 2026, 2027]);
    expect(targetYears([], 2026)).toEqual([2026, 2027]);
  });

  it('sizes evidence files', () => {
    const [evidence] = innovationDetail.reports[0].evidence;
    expect([evidence.file_name, evidence.size]).toEqual(['rekap-antrean-tw1.csv', 70]);
    expect(fileSize(evidence.size, 'id')).toBe('70 B');
    expect(fileSize(12800, 'id')).toBe('12,5 KB');
    expect(fileSize(3.25 * 1024 * 1024, 'en')).toBe('3.3 MB');
  });
});

import { describe, expect, it } from 'vitest';
import { fileSize, mergeTargets, targetCells, targetYears } from '../src/lib/monitoring';
import { mockApi } from '../src/lib/api/mock';

const saved = [
  { year: 2025, quarter: 4, target: 8 },
  { year: 2026, quarter: 1, target: 10 },
  { year: 2026, quarter: 3, target: 12.5 },
];

describe('the targets grid of an indicator', () => {
  it('shows one year as four cells with the language decimal mark, empty where there is no target', () => {
    expect(targetCells(saved, 2026, 'id')).toEqual(['10', '', '12,5', '']);
    expect(targetCells(saved, 2026, 'en')).toEqual(['10', '', '12.5', '']);
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
    expect(mergeTargets([], 2026, ['abc', '5', '-1', '1,2,3']).bad).toEqual([1, 3, 4]);
  });

  it('clearing every cell removes that year only', () => {
    expect(mergeTargets(saved, 2026, ['', '', '', ''])).toEqual({ targets: [{ year: 2025, quarter: 4, target: 8 }], bad: [] });
  });

  it('offers the years with targets, the current one and the next', () => {
    expect(targetYears(saved, 2026)).toEqual([2025, 2026, 2027]);
    expect(targetYears([], 2026)).toEqual([2026, 2027]);
  });

  it('sizes evidence files', () => {
    expect(fileSize(850, 'id')).toBe('850 B');
    expect(fileSize(12800, 'id')).toBe('12,5 KB');
    expect(fileSize(3.25 * 1024 * 1024, 'en')).toBe('3.3 MB');
  });
});

describe('indicators and evidence in the mock', () => {
  it('adds an indicator with targets, edits it and removes it; evidence is saved and removed', async () => {
    await mockApi.openDemo();
    const [inv] = await mockApi.listInnovations({ query: 'antri', stage: null, unit_type: null, unit_id: null, include_removed: false });
    const before = (await mockApi.innovationDetail(inv.id)).indicators.length;
    const { targets } = mergeTargets([], 2026, ['5', '10', '12,5', '']);
    const d = await mockApi.addIndicator(inv.id, { kind: 'kemanfaatan', name: 'Warga terlayani', measure: 'orang', kontrak_kinerja: 'IKU 2.1', targets });
    let detail = await mockApi.innovationDetail(inv.id);
    expect(detail.indicators).toHaveLength(before + 1);
    expect(detail.indicators.find((x) => x.id === d.id)?.targets.map((x) => x.target)).toEqual([5, 10, 12.5]);
    await mockApi.updateIndicator(d.id, { ...d, targets: mergeTargets(d.targets, 2026, ['', '', '', '20']).targets });
    detail = await mockApi.innovationDetail(inv.id);
    expect(detail.indicators.find((x) => x.id === d.id)?.targets).toEqual([{ year: 2026, quarter: 4, target: 20 }]);
    await mockApi.removeIndicator(d.id);
    expect((await mockApi.innovationDetail(inv.id)).indicators).toHaveLength(before);

    const report = detail.reports[0];
    const ev = await mockApi.addEvidence(report.id, 'foto.jpg', 'image/jpeg', [1, 2, 3]);
    expect((await mockApi.saveEvidenceFile(ev.id))?.path).toMatch(/foto\.jpg$/);
    await mockApi.removeEvidence(ev.id);
    expect((await mockApi.innovationDetail(inv.id)).reports[0].evidence.find((e) => e.id === ev.id)).toBeUndefined();
  });

  it('names the unit in the monev PDF file name', async () => {
    const r = await mockApi.saveMonitoringReport({ kind: 'monitoring', year: 2026, quarter: 3, today: '2026-11-23', unit: 'U07' });
    expect(r?.path).toMatch(/laporan-monev-tw3-2026-u07\.pdf$/);
  });
});

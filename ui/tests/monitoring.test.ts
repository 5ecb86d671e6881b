import { describe, expect, it } from 'vitest';
import type { IndicatorSeries } from '../src/lib/bindings/IndicatorSeries';
import {
  achievement,
  chartSeries,
  isAlarm,
  krejcieMorgan,
  localDay,
  previousQuarter,
  quarterLabel,
  readAnswers,
  statusKey,
} from '../src/lib/monitoring';
import { dueDate, quarterStatus } from '../src/lib/api/mock-monitoring';
import { mockApi } from '../src/lib/api/mock';
import { translate } from '../src/lib/i18n';

describe('monitoring helpers', () => {
  it('labels quarters as clerks write them', () => {
    expect(quarterLabel(2026, 3)).toBe('TW III 2026');
    expect(quarterLabel(2026, 4, 'id')).toBe('TW IV 2026');
    expect(quarterLabel(2026, 1, 'en')).toBe('Q1 2026');
  });

  it('opens the dashboard on the last quarter that ended', () => {
    expect(previousQuarter('2026-11-23')).toEqual({ year: 2026, quarter: 3 });
    expect(previousQuarter('2026-10-01')).toEqual({ year: 2026, quarter: 3 });
    expect(previousQuarter('2026-09-30')).toEqual({ year: 2026, quarter: 2 });
    expect(previousQuarter('2027-02-01')).toEqual({ year: 2026, quarter: 4 });
    expect(localDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('shapes chart series in quarter order with gaps for missing values', () => {
    const s: IndicatorSeries = {
      innovation_id: 'i', innovation_code: 'INV-003', indicator_id: 'd', name: 'Desa yang dilayani', kind: 'output', measure: 'desa',
      points: [
        { year: 2026, quarter: 3, target: 10, realisation: null },
        { year: 2026, quarter: 1, target: 6, realisation: 6 },
        { year: 2026, quarter: 2, target: 8, realisation: 9 },
      ],
    };
    expect(chartSeries(s)).toEqual({ labels: ['TW I', 'TW II', 'TW III'], target: [6, 8, 10], realisation: [6, 9, null] });
    const twoYears = { ...s, points: [{ year: 2025, quarter: 4, target: 5, realisation: 4 }, ...s.points.slice(1, 2)] };
    expect(chartSeries(twoYears, 'en').labels).toEqual(['Q4 2025', 'Q1 2026']);
  });

  it('computes achievement, the minimum sample and reads typed questionnaires', () => {
    expect(achievement(760, 1000)).toBeCloseTo(76);
    expect(achievement(null, 10)).toBeNull();
    expect(achievement(5, 0)).toBeNull();
    expect([100, 1000, 10000, 1000000].map(krejcieMorgan)).toEqual([80, 278, 370, 384]);
    expect(readAnswers(['4', '3', '', '2', '1', '4', '4', '3', ' 3 '])).toEqual({ answers: [4, 3, null, 2, 1, 4, 4, 3, 3], bad: null });
    expect(readAnswers(['4', '5']).bad).toBe(1);
    expect(readAnswers(['4', '3,5']).bad).toBe(1);
  });

  it('names every status in both languages, and marks the ones that need attention', () => {
    for (const s of ['on_track', 'behind', 'report_missing', 'not_yet_due']) {
      expect(translate('id', statusKey(s))).not.toBe(statusKey(s));
      expect(translate('en', statusKey(s))).not.toBe(statusKey(s));
    }
    expect(translate('id', statusKey('report_missing'))).toBe('Laporan belum masuk');
    expect(isAlarm('behind') && isAlarm('report_missing') && !isAlarm('on_track')).toBe(true);
  });

  it('follows the core status rule at the due day', () => {
    expect(dueDate(2026, 3, 10)).toBe('2026-10-10');
    expect(dueDate(2026, 4, 10)).toBe('2027-01-10');
    expect(quarterStatus('2026-10-10', '2026-10-10', null)).toBe('not_yet_due');
    expect(quarterStatus('2026-10-11', '2026-10-10', null)).toBe('report_missing');
    expect(quarterStatus('2026-10-11', '2026-10-10', [[100, 100]])).toBe('on_track');
    expect(quarterStatus('2026-10-11', '2026-10-10', [[100, 99.5]])).toBe('behind');
  });
});

describe('the monitoring mock', () => {
  it('shows the demo dashboard and changes it when the missing report comes in', async () => {
    await mockApi.openDemo();
    const today = '2026-11-23';
    const before = await mockApi.monitoringDashboard({ today, year: null, quarter: null, innovation_id: null });
    expect([before.year, before.quarter]).toEqual([2026, 3]);
    const count = (d: typeof before, k: string) => d.status_counts.find((c) => c.key === k)?.count;
    expect(count(before, 'report_missing')).toBe(1);
    expect(count(before, 'behind')).toBe(1);
    expect(before.coverage).toMatchObject({ units: 12, covered: 4 });
    const paten = before.statuses.find((s) => s.code === 'INV-003')!;
    expect(paten.status).toBe('report_missing');
    await mockApi.saveReport(paten.innovation_id, {
      year: 2026, quarter: 3, narrative: 'Sepuluh desa dilayani.', obstacles: '', follow_up: '',
      values: [{ indicator_id: paten.indicators[0].indicator_id, realisation: 10 }],
    });
    const after = await mockApi.monitoringDashboard({ today, year: null, quarter: null, innovation_id: null });
    expect(count(after, 'report_missing')).toBe(0);
    expect(after.statuses.find((s) => s.code === 'INV-003')?.status).toBe('on_track');
    expect(after.overdue.some((o) => o.code === 'INV-003')).toBe(false);
  });

  it('refuses evidence over 10 MB and a removal without a reason', async () => {
    await mockApi.openDemo();
    const [inv] = await mockApi.listInnovations({ query: 'antri', stage: null, unit_type: null, unit_id: null, include_removed: false });
    const detail = await mockApi.innovationDetail(inv.id);
    const big = new Array(10 * 1024 * 1024 + 1).fill(0);
    await expect(mockApi.addEvidence(detail.reports[0].id, 'foto.jpg', 'image/jpeg', big)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(mockApi.removeInnovation(inv.id, ' ')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('computes IKM with exact 1/9 weights and its band', async () => {
    const answers = [3, 3, 3, 4, 3, 3, 3, 3, 3];
    let r = await mockApi.recordIkmResponse({ unit: 'Puskesmas Uji', period: '2026-S1', answers, gender: '', age: '', education: '', occupation: '' });
    r = await mockApi.recordIkmResponse({ unit: 'Puskesmas Uji', period: '2026-S1', answers, gender: '', age: '', education: '', occupation: '' });
    expect(r.respondents).toBe(2);
    expect(r.ikm).toBeCloseTo(28 / 9, 9);
    expect(r.konversi).toBeCloseTo(77.78, 2);
    expect([r.band, r.label]).toEqual(['B', 'Baik']);
    await expect(
      mockApi.recordIkmResponse({ unit: 'Puskesmas Uji', period: '2026-S1', answers: [5, 3, 3, 3, 3, 3, 3, 3, 3], gender: '', age: '', education: '', occupation: '' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

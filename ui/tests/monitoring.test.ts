import { describe, expect, it } from 'vitest';
import { chartSeries, isAlarm, krejcieMorgan, localDay, previousQuarter, quarterLabel, readAnswers, statusKey } from '../src/lib/monitoring';
import { translate } from '../src/lib/i18n';
import { dashboard } from './core-fixtures';

describe('monitoring helpers', () => {
  it('labels quarters as clerks write them', () => {
    expect(quarterLabel(2026, 3)).toBe('TW III 2026');
    expect(quarterLabel(2026, 4, 'id')).toBe('TW IV 2026');
    expect(quarterLabel(2026, 1, 'en')).toBe('Q1 2026');
  });

  it('opens a new report on the quarter the core’s dashboard picks for the same day', () => {
    expect([dashboard.today, dashboard.year, dashboard.quarter]).toEqual(['2026-11-23', 2026, 3]);
    expect(previousQuarter(dashboard.today)).toEqual({ year: dashboard.year, quarter: dashboard.quarter });
    expect(previousQuarter('2026-10-01')).toEqual({ year: 2026, quarter: 3 });
    expect(previousQuarter('2026-09-30')).toEqual({ year: 2026, quarter: 2 });
    expect(previousQuarter('2027-02-01')).toEqual({ year: 2026, quarter: 4 });
    expect(localDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('shapes the dashboard’s series in quarter order with gaps for missing values', () => {
    // PATEN KELILING: 6 and 9 villages in TW I and II, no report for TW III.
    const paten = dashboard.progress.find((s) => s.innovation_code === 'INV-003')!;
    const expected = { labels: ['TW I', 'TW II', 'TW III'], target: [6, 8, 10], realisation: [6, 9, null] };
    expect(chartSeries(paten)).toEqual(expected);
    expect(chartSeries({ ...paten, points: [...paten.points].reverse() })).toEqual(expected);
    const twoYears = { ...paten, points: [{ ...paten.points[0], year: 2025, quarter: 4 }, paten.points[1]] };
    expect(chartSeries(twoYears, 'en').labels).toEqual(['Q4 2025', 'Q2 2026']);
    // Every series the dashboard sends becomes one point per quarter.
    for (const s of dashboard.progress) expect(chartSeries(s).labels).toHaveLength(s.points.length);
  });

  it('computes the minimum sample and reads typed questionnaires', () => {
    expect([100, 1000, 10000, 1000000].map(krejcieMorgan)).toEqual([80, 278, 370, 384]);
    expect(readAnswers(['4', '3', '', '2', '1', '4', '4', '3', ' 3 '])).toEqual({ answers: [4, 3, null, 2, 1, 4, 4, 3, 3], bad: null });
    expect(readAnswers(['4', '5']).bad).toBe(1);
    expect(readAnswers(['4', '3,5']).bad).toBe(1);
  });

  it('names every status the core counts in both languages, and marks the ones that need attention', () => {
    expect(dashboard.status_counts.map((c) => c.key)).toEqual(['on_track', 'behind', 'report_missing', 'not_yet_due']);
    for (const { key } of dashboard.status_counts) {
      expect(translate('id', statusKey(key))).not.toBe(statusKey(key));
      expect(translate('en', statusKey(key))).not.toBe(statusKey(key));
    }
    expect(translate('id', statusKey('report_missing'))).toBe('Laporan belum masuk');
    // SEDEKAH JELANTAH is behind, PATEN KELILING has not reported.
    expect(dashboard.statuses.filter((s) => isAlarm(s.status)).map((s) => [s.code, s.status])).toEqual([
      ['INV-002', 'behind'],
      ['INV-003', 'report_missing'],
    ]);
  });
});

// Pure helpers of the Monitoring screen: quarter labels, the quarter a dashboard opens on, status and
// stage labels, chart series shaped from the dashboard's indicator series, the IKM minimum sample
// and the typed questionnaire. No Svelte, no API: tested in tests/monitoring.test.ts.
import type { IndicatorSeries } from './bindings/IndicatorSeries';
import type { Lang } from './bindings/Lang';
import type { LifecycleStage } from './bindings/LifecycleStage';
import type { QuarterStatus } from './bindings/QuarterStatus';
import type { QuarterTarget } from './bindings/QuarterTarget';
import { formatNumber, numberForInput, parseNumber } from './format';
import type { MessageKey } from './i18n';

/** What the shell's `save_monitoring_report` takes (src-tauri/src/commands/monitoring_documents.rs). */
export type MonitoringReportRequest =
  | { kind: 'monitoring'; year: number; quarter: number; today: string; unit: string | null }
  | { kind: 'ikm'; unit: string; period: string; today: string; population: number | null }
  | { kind: 'workbook'; today: string };

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/** "TW III 2026" (id) / "Q3 2026" (en). */
export function quarterLabel(year: number, quarter: number, lang: Lang = 'id'): string {
  return lang === 'id' ? `TW ${ROMAN[quarter] ?? quarter} ${year}` : `Q${quarter} ${year}`;
}

/** "TW III" / "Q3", for chart axes inside one year. */
export function quarterShort(quarter: number, lang: Lang = 'id'): string {
  return lang === 'id' ? `TW ${ROMAN[quarter] ?? quarter}` : `Q${quarter}`;
}

/** The local date as YYYY-MM-DD (what the commands take as `today`). */
export function localDay(d: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/**
 * The last quarter that ended before `day` (YYYY-MM-DD): the one whose reports are being collected.
 * The dashboard gets it from the core (it asks without a quarter); the registry's new-report form,
 * which has no dashboard, opens on it. tests/monitoring.test.ts holds it to the core's choice.
 */
export function previousQuarter(day: string): { year: number; quarter: number } {
  const [y, m] = day.split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  return q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 };
}

export const STAGES: LifecycleStage[] = ['gagasan', 'uji_coba', 'penerapan', 'replikasi'];

export const statusKey = (s: QuarterStatus | string) => `mon.status.${s}` as MessageKey;
export const stageKey = (s: LifecycleStage | string) => `mon.stage.${s}` as MessageKey;
export const kindKey = (k: string) => `mon.kind.${k}` as MessageKey;
export const verdictKey = (v: string) => `mon.verdict.${v}` as MessageKey;
export const levelKey = (l: string) => `mon.level.${l}` as MessageKey;

/** Needs the organiser's attention: behind or missing. */
export const isAlarm = (s: QuarterStatus | string) => s === 'behind' || s === 'report_missing';

export interface ChartSeries {
  labels: string[];
  target: (number | null)[];
  realisation: (number | null)[];
}

/**
 * A dashboard series as the chart draws it: one point per quarter (in order), labelled "TW I 2026"
 * (or "TW I" when every point is in the same year); null where a value is missing (a gap, not zero).
 */
export function chartSeries(series: IndicatorSeries, lang: Lang = 'id'): ChartSeries {
  const points = [...series.points].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  const oneYear = new Set(points.map((p) => p.year)).size <= 1;
  return {
    labels: points.map((p) => (oneYear ? quarterShort(p.quarter, lang) : quarterLabel(p.year, p.quarter, lang))),
    target: points.map((p) => p.target),
    realisation: points.map((p) => p.realisation),
  };
}

/** Minimum sample for a population (Krejcie and Morgan: χ² = 3,841, P = 0,5, d = 0,05), rounded up. */
export function krejcieMorgan(population: number): number {
  const x2 = 3.841;
  const s = (x2 * population * 0.25) / (0.0025 * (population - 1) + x2 * 0.25);
  return Math.max(0, Math.ceil(s - 1e-9));
}

/** One typed questionnaire: U1–U9 as 1–4, blank = not answered. Null with the bad unsur's index when refused. */
export function readAnswers(typed: string[]): { answers: (number | null)[]; bad: number | null } {
  const answers: (number | null)[] = [];
  for (let i = 0; i < 9; i++) {
    const v = (typed[i] ?? '').trim();
    if (v === '') {
      answers.push(null);
      continue;
    }
    if (!/^[1-4]$/.test(v)) return { answers: [], bad: i };
    answers.push(Number(v));
  }
  return { answers, bad: null };
}

/** CSS class suffix of an IKM band (A–D). */
export const bandClass = (band: string) => `band-${band.toLowerCase()}`;

export const KINDS = ['output', 'kemanfaatan', 'keberlanjutan'] as const;

/** The targets of one year as the four cells of the form (TW I–IV), typed text; empty where none. */
export function targetCells(targets: QuarterTarget[], year: number, lang: Lang = 'id'): string[] {
  return [1, 2, 3, 4].map((q) => numberForInput(targets.find((t) => t.year === year && t.quarter === q)?.target ?? null, lang));
}

/**
 * The targets after typing the four cells of `year` (decimal comma accepted; an empty cell means no
 * target in that quarter). The targets of other years are kept; the result is in year and quarter
 * order. `bad` lists the quarters whose cell is not a number or is negative (then nothing is saved).
 */
export function mergeTargets(existing: QuarterTarget[], year: number, cells: string[]): { targets: QuarterTarget[]; bad: number[] } {
  const bad: number[] = [];
  const typed: QuarterTarget[] = [];
  cells.slice(0, 4).forEach((cell, i) => {
    if (cell.trim() === '') return;
    const v = parseNumber(cell);
    if (v === null || !Number.isFinite(v) || v < 0) bad.push(i + 1);
    else typed.push({ year, quarter: i + 1, target: v });
  });
  const targets = [...existing.filter((t) => t.year !== year).map((t) => ({ ...t })), ...typed];
  targets.sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  return { targets, bad };
}

/** The years an indicator form offers: those with targets, the given year and the next one, sorted. */
export function targetYears(targets: QuarterTarget[], year: number): number[] {
  return [...new Set([...targets.map((t) => t.year), year, year + 1])].sort((a, b) => a - b);
}

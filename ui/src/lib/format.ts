// The one place that formats dates and numbers for display, Indonesian style or English.
import type { Lang } from './bindings/Lang';

const MONTHS: Record<Lang, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

function toDate(v: Date | string): Date | null {
  const d = typeof v === 'string' ? new Date(v) : v;
  return Number.isNaN(d.getTime()) ? null : d;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "17 Desember 2020" / "17 December 2020", in local time. Unparseable input is returned as is. */
export function formatDate(v: Date | string, lang: Lang): string {
  const d = toDate(v);
  if (!d) return String(v);
  return `${d.getDate()} ${MONTHS[lang][d.getMonth()]} ${d.getFullYear()}`;
}

/** "17 Desember 2020 pukul 09.00" / "17 December 2020 at 09:00", in local time. */
export function formatDateTime(v: Date | string, lang: Lang): string {
  const d = toDate(v);
  if (!d) return String(v);
  const time = lang === 'id' ? `${two(d.getHours())}.${two(d.getMinutes())}` : `${two(d.getHours())}:${two(d.getMinutes())}`;
  return `${formatDate(d, lang)} ${lang === 'id' ? 'pukul' : 'at'} ${time}`;
}

export interface NumberOptions {
  /** Fewest decimals shown (trailing zeros kept up to this). Default 0. */
  minDecimals?: number;
  /** Most decimals shown, rounded half away from zero. Default 2. */
  maxDecimals?: number;
  /** Thousands separators. Default true. */
  grouping?: boolean;
}

/** "1.234,56" (id) / "1,234.56" (en). */
export function formatNumber(n: number, lang: Lang, opts: NumberOptions = {}): string {
  if (!Number.isFinite(n)) return String(n);
  const { minDecimals = 0, maxDecimals = 2, grouping = true } = opts;
  const factor = 10 ** maxDecimals;
  // Round half away from zero on the decimal value, nudged against binary error (74.5625 → 74.56, 0.125 → 0.13).
  const rounded = (Math.sign(n) * Math.round(Math.abs(n) * factor * (1 + Number.EPSILON))) / factor;
  let [int, frac = ''] = Math.abs(rounded).toFixed(maxDecimals).split('.');
  frac = frac.replace(/0+$/, '');
  while (frac.length < minDecimals) frac += '0';
  const [groupSep, decSep] = lang === 'id' ? ['.', ','] : [',', '.'];
  if (grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, groupSep);
  const sign = rounded < 0 ? '-' : '';
  return sign + int + (frac ? decSep + frac : '');
}

/** A number as typed: "12,5", "12.5", "1.234,5" or "1,234.5"; null when it is not a number. */
export function parseNumber(text: string): number | null {
  let s = text.trim().replace(/\s/g, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Whichever comes last is the decimal separator; the other groups thousands.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return null;
    s = s.replace(',', '.');
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) {
    // "1.234.567": dots group thousands only.
    if (!/^-?\d{1,3}(\.\d{3})+$/.test(s)) return null;
    s = s.replace(/\./g, '');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  return Number(s);
}

/** How a number is shown in an editable field: no grouping, the language's decimal mark. */
export function numberForInput(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return formatNumber(n, lang, { maxDecimals: 6, grouping: false });
}

/** A file size as shown next to an evidence file: "850 B", "12,5 KB", "3,2 MB" (1 KB = 1024 B). */
export function fileSize(bytes: number, lang: Lang = 'id'): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, { maxDecimals: 1 })} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, { maxDecimals: 1 })} MB`;
}

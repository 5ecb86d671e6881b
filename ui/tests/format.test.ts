import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, numberForInput, parseNumber } from '../src/lib/format';

// Local-time strings (no offset) so the tests do not depend on the machine's time zone.
describe('dates', () => {
  it('formats a date in Indonesian and English', () => {
    expect(formatDate('2020-12-17T09:00:00', 'id')).toBe('17 Desember 2020');
    expect(formatDate('2020-12-17T09:00:00', 'en')).toBe('17 December 2020');
    expect(formatDate(new Date(2026, 7, 1), 'id')).toBe('1 Agustus 2026');
  });

  it('formats a date and time', () => {
    expect(formatDateTime('2020-12-17T09:00:00', 'id')).toBe('17 Desember 2020 pukul 09.00');
    expect(formatDateTime('2020-12-17T09:00:00', 'en')).toBe('17 December 2020 at 09:00');
    expect(formatDateTime(new Date(2026, 8, 24, 14, 5), 'id')).toBe('24 September 2026 pukul 14.05');
  });

  it('returns unparseable text unchanged', () => {
    expect(formatDate('bukan tanggal', 'id')).toBe('bukan tanggal');
  });
});

describe('numbers', () => {
  it('uses a decimal comma and thousands dots in Indonesian', () => {
    expect(formatNumber(1234.56, 'id')).toBe('1.234,56');
    expect(formatNumber(1234.56, 'en')).toBe('1,234.56');
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(0, 'id')).toBe('0');
    expect(formatNumber(-1234.5, 'id')).toBe('-1.234,5');
  });

  it('rounds half away from zero to the requested decimals', () => {
    expect(formatNumber(74.5625, 'id')).toBe('74,56');
    expect(formatNumber(74.125, 'id', { minDecimals: 2 })).toBe('74,13');
    expect(formatNumber(1.005, 'en')).toBe('1.01');
    expect(formatNumber(30, 'id', { minDecimals: 2 })).toBe('30,00');
    expect(formatNumber(4.42, 'id', { maxDecimals: 1 })).toBe('4,4');
  });

  it('parses what users type, with a decimal comma or point', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber(' 1.234,5 ')).toBe(1234.5);
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('1.234.567')).toBe(1234567);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12,5,1')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
  });

  it('shows numbers for editing without grouping', () => {
    expect(numberForInput(1234.5, 'id')).toBe('1234,5');
    expect(numberForInput(1234.5, 'en')).toBe('1234.5');
    expect(numberForInput(undefined, 'id')).toBe('');
  });
});

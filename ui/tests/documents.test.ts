import { describe, expect, it } from 'vitest';
import { hasPreview, isoDateText, linesOf, percent } from '../src/lib/documents';
import { documentSettings } from './core-fixtures';

const { settings } = documentSettings;

describe('documents helpers', () => {
  it('previews PDFs only: spreadsheets are saved straight away', () => {
    expect(hasPreview({ kind: 'csv', table: 'judges' })).toBe(false);
    expect(hasPreview({ kind: 'xlsx', scores_only: true })).toBe(false);
    expect(hasPreview({ kind: 'berita_acara' })).toBe(true);
    expect(hasPreview({ kind: 'checklist', xlsx: false })).toBe(true);
    expect(hasPreview({ kind: 'checklist', xlsx: true })).toBe(false);
    expect(hasPreview({ kind: 'certificates', recipients: 'winners', each: false })).toBe(true);
  });

  it('writes the saved settings dates the Indonesian way and spots impossible ones', () => {
    expect([settings.certificate_date, settings.pleno_date, settings.sk_date]).toEqual(['2026-10-28', '2026-09-04', '']);
    expect(isoDateText(settings.certificate_date, 'id')).toBe('28 Oktober 2026');
    expect(isoDateText(` ${settings.pleno_date} `, 'id')).toBe('4 September 2026');
    expect(isoDateText(settings.pleno_date, 'en')).toBe('4 September 2026');
    expect(isoDateText(settings.sk_date, 'id')).toBe('');
    expect(isoDateText('2026-02-30', 'id')).toBeNull();
    expect(isoDateText('28-10-2026', 'id')).toBeNull();
  });

  it('keeps the letterhead lines as the core stores them: trimmed, without empty ones', () => {
    expect(settings.kop_lines).toEqual(['PEMERINTAH KABUPATEN SUKAMAJU', 'SEKRETARIAT DAERAH']);
    expect(linesOf(settings.kop_lines.join('\n'))).toEqual(settings.kop_lines);
    expect(linesOf(settings.kop_address.join('\n'))).toEqual(settings.kop_address);
    expect(linesOf(`  ${settings.kop_lines[0]}\n\n ${settings.kop_lines[1]} \r\n`)).toEqual(settings.kop_lines);
  });

  it('counts batch progress in whole percent', () => {
    expect(percent(null)).toBe(0);
    expect(percent({ done: 1, total: 3 })).toBe(33);
    expect(percent({ done: 3, total: 3 })).toBe(100);
    expect(percent({ done: 0, total: 0 })).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { isoDateText, linesOf, percent, hasPreview } from '../src/lib/documents';
import type { Progress } from '../src/lib/bindings/Progress';

describe('documents helpers', () => {
  it('previews PDFs, not spreadsheets', () => {
    expect(hasPreview({ kind: 'csv', table: 'judges' })).toBe(false);
    expect(hasPreview({ kind: 'xlsx', scores_only: true })).toBe(false);
    expect(hasPreview({ kind: 'berita_acara' })).toBe(true);
  });

  it('writes settings dates the Indonesian way and spots impossible ones', () => {
    expect(isoDateText('2026-10-28', 'id')).toBe('28 Oktober 2026');
    expect(isoDateText(' 2026-09-04 ', 'id')).toBe('4 September 2026');
    expect(isoDateText('2026-09-04', 'en')).toBe('4 September 2026');
    expect(isoDateText('', 'id')).toBe('');
    expect(isoDateText('2026-02-30', 'id')).toBeNull();
    expect(isoDateText('28-10-2026', 'id')).toBeNull();
  });

  it('keeps letterhead lines trimmed without empty ones, and counts batch progress in whole percent', () => {
    expect(linesOf('  PEMERINTAH KABUPATEN SUKAMAJU\n\n SEKRETARIAT DAERAH \r\n')).toEqual(['PEMERINTAH KABUPATEN SUKAMAJU', 'SEKRETARIAT DAERAH']);
    expect(percent(null)).toBe(0);
    expect(percent({ done: 1, total: 3 })).toBe(33);
    expect(percent({ done: 3, total: 3 })).toBe(100);
    expect(percent({ done: 0, total: 0 })).toBe(0);
  });
});

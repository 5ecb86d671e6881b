import { describe, expect, it } from 'vitest';
import { isoDateText, linesOf, percent, suggestedName, hasPreview, type DocumentRequest } from '../src/lib/documents';
import { mockApi } from '../src/lib/api/mock';
import type { Progress } from '../src/lib/bindings/Progress';

describe('documents helpers', () => {
  it('suggests the same file names as the shell (src-tauri documents.rs)', () => {
    const cases: [DocumentRequest, string][] = [
      [{ kind: 'certificates', recipients: 'winners', each: false }, 'piagam-pemenang-2026.pdf'],
      [{ kind: 'certificates', recipients: 'participants', each: true }, 'piagam-peserta-2026'],
      [{ kind: 'recap', stage: null }, 'rekapitulasi-nilai-semua-tahap-2026.pdf'],
      [{ kind: 'recap', stage: 'presentasi' }, 'rekapitulasi-nilai-presentasi-2026.pdf'],
      [{ kind: 'score_sheets', stage: 'proposal', judge: 'J1', proposal: null, filled: true }, 'lembar-penilaian-terisi-proposal-j1-2026.pdf'],
      [{ kind: 'score_sheets', stage: null, judge: null, proposal: null, filled: false }, 'lembar-penilaian-kosong-2026.pdf'],
      [{ kind: 'berita_acara' }, 'berita-acara-penilaian-2026.pdf'],
      [{ kind: 'sk', finalists: true }, 'pengumuman-finalis-2026.pdf'],
      [{ kind: 'sk', finalists: false }, 'lampiran-sk-pemenang-2026.pdf'],
      [{ kind: 'xlsx', scores_only: false }, 'kompetisi-2026.xlsx'],
      [{ kind: 'csv', table: 'scores' }, 'nilai-2026.csv'],
    ];
    for (const [r, name] of cases) expect(suggestedName(r, 2026)).toBe(name);
    expect(hasPreview({ kind: 'csv', table: 'judges' })).toBe(false);
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

describe('the mock documents', () => {
  it('derives settings from the competition, refuses a bad date or NIP and keeps what was saved', async () => {
    const demo = await mockApi.openDemo();
    const v = await mockApi.documentSettings(demo.id);
    expect(v.settings.kop_lines[0]).toBe('PEMERINTAH KABUPATEN SUKAMAJU');
    expect(v.settings.head.position).toBe('BUPATI SUKAMAJU');
    expect(v.has_logo).toBe(false);
    await expect(mockApi.saveDocumentSettings(demo.id, { ...v.settings, certificate_date: '2026-13-01' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(
      mockApi.saveDocumentSettings(demo.id, { ...v.settings, head: { ...v.settings.head, nip: '1970' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const saved = await mockApi.saveDocumentSettings(demo.id, { ...v.settings, certificate_date: '2026-10-28' });
    expect(saved.settings.certificate_date).toBe('2026-10-28');
    expect((await mockApi.documentSettings(demo.id)).settings.certificate_date).toBe('2026-10-28');
    await expect(mockApi.setDocumentLogo(demo.id, [1, 2, 3])).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await mockApi.setDocumentLogo(demo.id, [0x89, 0x50, 0x4e, 0x47, 13, 10])).has_logo).toBe(true);
    expect((await mockApi.setDocumentLogo(demo.id, null)).has_logo).toBe(false);
  });

  it('previews PDFs only, and a certificate batch reports progress and stops when cancelled', async () => {
    const demo = await mockApi.openDemo();
    const pdf = await mockApi.previewDocument(demo.id, { kind: 'berita_acara' });
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    await expect(mockApi.previewDocument(demo.id, { kind: 'csv', table: 'scores' })).rejects.toMatchObject({ code: 'invalid_input' });

    const seen: Progress[] = [];
    const saved = await mockApi.saveDocument(demo.id, { kind: 'certificates', recipients: 'winners', each: false }, (p) => seen.push(p));
    expect(saved?.path).toMatch(/piagam-pemenang-2026\.pdf$/);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);

    const stopped = mockApi.saveDocument(demo.id, { kind: 'certificates', recipients: 'participants', each: true }, (p) => {
      if (p.done === 2) void mockApi.cancelDocuments();
    });
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled' });
  });
});

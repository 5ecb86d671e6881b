import { describe, expect, it } from 'vitest';
import { mockApi } from '../src/lib/api/mock';

const bytes = (s: string) => Array.from(new TextEncoder().encode(s));

describe('the in-browser mock', () => {
  it('previews a CSV like the backend: errors by row and column, unknown categories, generated codes', async () => {
    const demo = await mockApi.openDemo();
    const csv = [
      'kode;judul;kategori;unit;jenis_unit;tahun_mulai',
      'P-003;POSBINDU KELILING;KS;Dinas Kesehatan;OPD;2021',
      ';TAMAN BACA;Pendidikan;Dinas Perpustakaan;OPD;2023',
      ';BANK SAMPAH;LH;SMPN 2;OPD;20x4',
      ';<img src=x onerror=alert(1)>;TK;Kecamatan Karangsari;OPD;2024',
    ].join('\n');
    const p = await mockApi.previewProposalsImport(demo.id, bytes(csv));
    expect(p.rows).toBe(4);
    expect(p.to_add.map((r) => [r.code, r.title])).toEqual([['P-021', '<img src=x onerror=alert(1)>']]);
    expect(p.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'kategori'],
      [4, 'tahun_mulai'],
    ]);
    expect(p.unknown_categories).toEqual(['Pendidikan']);
    await expect(mockApi.importProposals(demo.id, bytes(csv), () => {})).rejects.toMatchObject({ code: 'import_refused' });
  });

  it('refuses a screening decision without the reason the rules need', async () => {
    const demo = await mockApi.openDemo();
    const [first] = await mockApi.listProposals(demo.id, { query: '', category: null, unit_type: null, status: null, include_removed: false });
    await expect(mockApi.setProposalStatus(first.id, 'mengundurkan_diri', '')).rejects.toMatchObject({ code: 'invalid_input' });
    const ok = await mockApi.setProposalStatus(first.id, 'lolos_administrasi', '');
    expect(ok.status).toBe('lolos_administrasi');
  });
});

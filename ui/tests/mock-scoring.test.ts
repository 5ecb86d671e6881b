import { describe, expect, it } from 'vitest';
import { mockApi } from '../src/lib/api/mock';

const bytes = (s: string) => Array.from(new TextEncoder().encode(s));

describe('the mock jury and scoring', () => {
  it('ranks the demo like the worked example of DOMAIN.md §3.2', async () => {
    const demo = await mockApi.openDemo();
    const view = await mockApi.getRecap(demo.id, null);
    const tk = view.recap.categories.find((c) => c.code === 'TK')!;
    const p9 = tk.rows.find((r) => r.proposal === 'P-009')!;
    expect(p9.stages.proposal.score).toBeCloseTo(74.125, 9);
    expect(p9.stages.proposal.sd).toBeCloseTo(4.42, 2);
    expect(p9.stages.presentasi.score).toBeCloseTo(74.75, 9);
    expect(p9.stages.presentasi.sd).toBeCloseTo(3.91, 2);
    expect(p9.final).toBeCloseTo(74.5625, 9);
    expect(view.recusals).toEqual([{ judge: 'J5', proposal: 'P-009' }]);
    const lh = view.recap.categories.find((c) => c.code === 'LH')!;
    const tied = lh.rows.filter((r) => r.tied).map((r) => r.proposal);
    expect(tied).toEqual(['P-018', 'P-019']);
    expect(lh.rows.find((r) => r.proposal === 'P-017')!.stages.proposal.flagged).toBe(true);
    const pm = view.recap.categories.find((c) => c.code === 'PM')!;
    expect(pm.rows.map((r) => [r.proposal, r.status])).toEqual([
      ['P-011', 'incomplete'],
      ['P-012', 'excluded'],
      ['P-013', 'incomplete'],
      ['P-014', 'incomplete'],
      ['P-015', 'excluded'],
    ]);
  });

  it('refuses a score out of range, on a locked stage and on a final sheet', async () => {
    const demo = await mockApi.openDemo();
    const list = await mockApi.judgeWorklist(demo.id, 'proposal', 'J5');
    expect(list.find((w) => w.proposal === 'P-009')!.recused).toBe(true);
    await expect(mockApi.scoreSheet(demo.id, 'proposal', 'J5', 'P-009')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(mockApi.saveScore(demo.id, 'presentasi', 'J5', 'P-006', 'kebaruan', 12)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('0–10'),
    });
    expect(await mockApi.saveScore(demo.id, 'presentasi', 'J5', 'P-006', 'kebaruan', 8.5)).toMatchObject({ value: 8.5 });
    await mockApi.setSheetFinal(demo.id, 'J5', 'presentasi', true);
    await expect(mockApi.saveScore(demo.id, 'presentasi', 'J5', 'P-006', 'kebaruan', 9)).rejects.toMatchObject({ code: 'sheet_final' });
    await mockApi.setSheetFinal(demo.id, 'J5', 'presentasi', false);
    await mockApi.lockStage(demo.id, 'presentasi');
    await expect(mockApi.saveScore(demo.id, 'presentasi', 'J5', 'P-006', 'kebaruan', 9)).rejects.toMatchObject({ code: 'stage_locked' });
    await expect(mockApi.unlockStage(demo.id, 'presentasi', ' ')).rejects.toMatchObject({ code: 'invalid_input' });
    await mockApi.unlockStage(demo.id, 'presentasi', 'Salah ketik nilai J5');
    const sheet = await mockApi.scoreSheet(demo.id, 'presentasi', 'J5', 'P-006');
    expect(sheet.criteria[0].value).toBe(8.5);
    expect(sheet.locked).toBe(false);
  });

  it('shows a judge only their own scores until every stage is locked', async () => {
    const demo = await mockApi.openDemo();
    const mine = await mockApi.getRecap(demo.id, 'J2');
    expect(mine.restricted).toBe(true);
    expect(mine.recap.categories).toEqual([]);
    const judges = new Set(mine.details.flatMap((d) => d.stages.flatMap((s) => s.judges.map((j) => j.judge))));
    expect([...judges]).toEqual(['J2']);
    await mockApi.lockStage(demo.id, 'proposal');
    await mockApi.lockStage(demo.id, 'presentasi');
    expect((await mockApi.getRecap(demo.id, 'J2')).restricted).toBe(false);
  });

  it('imports judges and refuses a scores file with every bad row listed', async () => {
    const demo = await mockApi.openDemo();
    const judges = 'kode;nama;unsur;konflik;kategori\nJ6;Dra. Sri Lestari, M.Pd.;media;P-001;"KS; LH"\nJ1;Prof. Dr. Retno Wulandari, M.Si.;akademisi;;\n';
    expect(await mockApi.importJudges(demo.id, bytes(judges))).toEqual({ added: 1, updated: 1, unchanged: 0 });
    const j6 = (await mockApi.listJudges(demo.id)).find((j) => j.code === 'J6')!;
    expect(j6.categories).toEqual(['KS', 'LH']);
    const bad = 'tahap,kode_proposal,kode_juri,kode_kriteria,nilai\nproposal,P-001,J1,kebaruan,"87,5"\nproposal,P-001,J1,kebaruan,101\nproposal,P-009,J5,kebaruan,80\n';
    await expect(mockApi.importScores(demo.id, bytes(bad))).rejects.toMatchObject({
      code: 'import_refused',
      message: expect.stringMatching(/2 kesalahan/),
      rows: [expect.objectContaining({ row: 3 }), expect.objectContaining({ row: 4 })],
    });
    const good = 'tahap,kode_proposal,kode_juri,kode_kriteria,nilai\nproposal,P-002,J6,kebaruan,"87,5"\n';
    expect(await mockApi.importScores(demo.id, bytes(good))).toEqual({ rows: 1, added: 1, changed: 0, unchanged: 0 });
  });

  it('keeps the venue order it is given and records a draw', async () => {
    const demo = await mockApi.openDemo();
    const before = await mockApi.presentationOrder(demo.id, 'presentasi', 'TK');
    expect(before.map((s) => s.proposal)).toEqual(['P-006', 'P-007', 'P-009']);
    await mockApi.setPresentationOrder(demo.id, 'presentasi', ['P-009', 'P-006', 'P-007']);
    expect((await mockApi.presentationOrder(demo.id, 'presentasi', 'TK')).map((s) => s.proposal)).toEqual(['P-009', 'P-006', 'P-007']);
    const drawn = await mockApi.drawPresentationOrder(demo.id, 'presentasi', 'TK');
    expect(drawn.map((s) => s.proposal).sort()).toEqual(['P-006', 'P-007', 'P-009']);
    expect(drawn[0].method).toBe('draw');
    expect(drawn[0].seed).not.toBe('');
  });
});

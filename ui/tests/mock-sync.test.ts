import { describe, expect, it, vi } from 'vitest';
import { mockKey, sealPackage, type PackagePayload, type ScoreEvent } from '../src/lib/api/mock-sync';

const text = (s: string) => Array.from(new TextEncoder().encode(s));

/** A fresh in-memory "laptop": the mock module loaded anew. */
async function laptop() {
  vi.resetModules();
  return import('../src/lib/api/mock');
}

function event(stage: string, proposal: string, criterion: string, value: number, at: string, id: string): ScoreEvent {
  return { id, stage, proposal, criterion, old: null, new: value, at, device: 'laptop-j5' };
}

function pack(competitionId: string, judge: string, events: ScoreEvent[], key = mockKey(competitionId, judge)) {
  const payload: PackagePayload = { format: 'juri-nilai', competition_id: competitionId, judge, exported_at: '2026-09-17T10:00:00Z', device: 'laptop', events };
  return sealPackage(payload, key);
}

describe('offline judging in the mock', () => {
  it('refuses a kit on a laptop that holds data unless confirmed, and another judge’s kit on a judge laptop', async () => {
    const master = await laptop();
    const demo = await master.mockApi.openDemo();
    const kit = text(JSON.stringify(master.mockSync.buildKit(demo.id, 'J1')));
    await expect(master.mockApi.openKit(kit, false)).rejects.toMatchObject({ code: 'bad_package' });
    expect(await master.mockApi.appMode()).toEqual({ judge: null });
    const opened = await master.mockApi.openKit(kit, true);
    expect(opened.kept_copy).toMatch(/before-kit/);
    expect(await master.mockApi.appMode()).toEqual({ judge: 'J1' });
    const other = text(JSON.stringify(master.mockSync.buildKit(demo.id, 'J2')));
    await expect(master.mockApi.openKit(other, true)).rejects.toMatchObject({ message: expect.stringContaining('J2') });
  });

  it('turns an empty laptop into a judge laptop from a kit and packs only that judge’s scores', async () => {
    const master = await laptop();
    const demo = await master.mockApi.openDemo();
    expect(await master.mockApi.appMode()).toEqual({ judge: null });
    expect(await master.mockApi.exportKit(demo.id, 'J5')).toMatch(/J5\.jurikit$/);
    const kit = master.mockSync.buildKit(demo.id, 'J5');
    // J5 has a conflict of interest with the Bappeda proposal: it is not in the kit.
    expect(kit.proposals.some((p) => p.code === 'P-009')).toBe(false);
    expect(kit.proposals.some((p) => p.code === 'P-012')).toBe(false); // failed screening

    const judge = await laptop();
    const opened = await judge.mockApi.openKit(text(JSON.stringify(kit)), false);
    expect(opened.competition.id).toBe(demo.id);
    expect(opened.kept_copy).toBeNull();
    expect(await judge.mockApi.appMode()).toEqual({ judge: 'J5' });
    expect(await judge.mockApi.activeCompetition()).toBe(demo.id);
    expect((await judge.mockApi.listJudges(demo.id)).map((j) => j.code)).toEqual(['J5']);
    await judge.mockApi.saveScore(demo.id, 'presentasi', 'J5', 'P-006', 'kebaruan', 8);
    await judge.mockApi.saveScore(demo.id, 'presentasi', 'J5', 'P-006', 'kebaruan', 8.5);
    await expect(judge.mockApi.saveScore(demo.id, 'presentasi', 'J1', 'P-006', 'kebaruan', 8)).rejects.toMatchObject({ code: 'bad_package' });
    await expect(judge.mockApi.updateCompetition(demo.id, opened.competition.setup)).rejects.toMatchObject({ code: 'bad_package' });
    expect(await judge.mockApi.exportPackage()).toMatch(/^\/.*J5-.*\.jurinilai$/);
    const bytes = judge.mockSync.packageBytes();

    const reports = await master.mockApi.previewMerge(demo.id, [{ name: 'J5.jurinilai', bytes }]);
    expect(reports).toEqual([
      expect.objectContaining({ file: 'J5.jurinilai', judge: 'J5', events: 2, new: 1, changed: 1, conflicts: 0, refused: null }),
    ]);
    // A dry run changes nothing.
    expect((await master.mockApi.scoreSheet(demo.id, 'presentasi', 'J5', 'P-006')).criteria[0].value).toBeNull();
    await master.mockApi.applyMerge(demo.id, [{ name: 'J5.jurinilai', bytes }]);
    expect((await master.mockApi.scoreSheet(demo.id, 'presentasi', 'J5', 'P-006')).criteria[0].value).toBe(8.5);
    // Merging the same file again is harmless.
    const again = await master.mockApi.applyMerge(demo.id, [{ name: 'J5.jurinilai', bytes }]);
    expect(again[0]).toMatchObject({ new: 0, changed: 0, already_merged: 2 });
  });

  it('refuses forged, foreign and unknown packages whole, and bad events one by one', async () => {
    const { mockApi } = await laptop();
    const demo = await mockApi.openDemo();
    await mockApi.exportKit(demo.id, 'J5');
    const good = pack(demo.id, 'J5', [
      event('presentasi', 'P-006', 'kebaruan', 7.5, '2026-09-17T09:00:00Z', 'e1'),
      event('presentasi', 'P-006', 'penyajian', 11, '2026-09-17T09:01:00Z', 'e2'),
      event('presentasi', 'P-404', 'kebaruan', 7, '2026-09-17T09:02:00Z', 'e3'),
    ]);
    const forged = pack(demo.id, 'J5', [event('presentasi', 'P-007', 'kebaruan', 10, '2026-09-17T09:00:00Z', 'f1')], 'f'.repeat(64));
    const foreign = pack('another-competition', 'J5', []);
    const stranger = pack(demo.id, 'J9', []);
    const noKit = pack(demo.id, 'J3', []);
    const reports = await mockApi.previewMerge(demo.id, [
      { name: 'good.jurinilai', bytes: good },
      { name: 'forged.jurinilai', bytes: forged },
      { name: 'foreign.jurinilai', bytes: foreign },
      { name: 'stranger.jurinilai', bytes: stranger },
      { name: 'nokit.jurinilai', bytes: noKit },
      { name: 'notes.jurinilai', bytes: text('hello') },
    ]);
    expect(reports[0]).toMatchObject({ judge: 'J5', events: 3, new: 1, refused: null });
    expect(reports[0].refused_events).toEqual([expect.stringContaining('di luar rentang'), 'proposal P-404 tidak dikenal']);
    expect(reports[1].refused).toMatch(/Tanda tangan paket tidak cocok/);
    expect(reports[2].refused).toMatch(/kompetisi lain/);
    expect(reports[3].refused).toMatch(/J9 tidak terdaftar/);
    expect(reports[4].refused).toMatch(/Belum ada kit untuk juri J3/);
    expect(reports[5].refused).toMatch(/bukan paket nilai/);
    // A tampered copy of a good package: one value changed after signing.
    const tampered = text(new TextDecoder().decode(new Uint8Array(good)).replace('"new":7.5', '"new":9.5'));
    expect((await mockApi.previewMerge(demo.id, [{ name: 't', bytes: tampered }]))[0].refused).toMatch(/Tanda tangan/);
    // Refused events of a locked stage.
    await mockApi.lockStage(demo.id, 'presentasi');
    expect((await mockApi.previewMerge(demo.id, [{ name: 'g', bytes: good }]))[0].refused_events).toContain('tahap presentasi sudah dikunci');
  });

  it('keeps a value entered on the master as a conflict until the organiser decides', async () => {
    const { mockApi } = await laptop();
    const demo = await mockApi.openDemo();
    await mockApi.exportKit(demo.id, 'J1');
    // The demo's J1 values were entered on the master (e.g. from paper sheets).
    const sheet = await mockApi.scoreSheet(demo.id, 'presentasi', 'J1', 'P-009');
    expect(sheet.criteria[0].value).toBe(8);
    const bytes = pack(demo.id, 'J1', [
      event('presentasi', 'P-009', sheet.criteria[0].code, 9, '2026-09-17T09:00:00Z', 'c1'),
      event('presentasi', 'P-009', sheet.criteria[1].code, 7.5, '2026-09-17T09:00:01Z', 'c2'),
      event('presentasi', 'P-009', sheet.criteria[2].code, 8.5, '2026-09-17T09:00:02Z', 'c3'),
    ]);
    const [r] = await mockApi.applyMerge(demo.id, [{ name: 'J1.jurinilai', bytes }]);
    expect(r).toMatchObject({ conflicts: 2, unchanged: 1, new: 0 });
    const conflicts = await mockApi.listConflicts(demo.id);
    expect(conflicts.map((c) => [c.event_id, c.master_value, c.package_value])).toEqual([
      ['c1', 8, 9],
      ['c3', 7, 8.5],
    ]);
    // Nothing was overwritten.
    expect((await mockApi.scoreSheet(demo.id, 'presentasi', 'J1', 'P-009')).criteria[0].value).toBe(8);
    await mockApi.resolveConflict('c1', true);
    await mockApi.resolveConflict('c3', false);
    await expect(mockApi.resolveConflict('c3', true)).rejects.toMatchObject({ code: 'not_found' });
    const after = await mockApi.scoreSheet(demo.id, 'presentasi', 'J1', 'P-009');
    expect(after.criteria.map((c) => c.value).slice(0, 3)).toEqual([9, 7.5, 7]);
    expect(await mockApi.listConflicts(demo.id)).toEqual([]);
    // The same file again: every event was already seen, no new conflict.
    const [again] = await mockApi.previewMerge(demo.id, [{ name: 'J1.jurinilai', bytes }]);
    expect(again).toMatchObject({ already_merged: 3, conflicts: 0 });
  });
});

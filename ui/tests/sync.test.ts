import { describe, expect, it } from 'vitest';
import type { PackageReport } from '../src/lib/bindings/PackageReport';
import { kitDecision, peekKit, splitByExtension, summariseReports } from '../src/lib/sync';

const report = (over: Partial<PackageReport>): PackageReport => ({
  file: 'J1.jurinilai', judge: 'J1', events: 0, new: 0, changed: 0, unchanged: 0, already_merged: 0, conflicts: 0, comments: 0, finals: 0, refused_events: [], refused: null, duplicate_of: null, warnings: [], ...over,
});

describe('summariseReports', () => {
  it('adds up the packages and leaves refused packages out', () => {
    const s = summariseReports([
      report({ events: 10, new: 6, changed: 1, unchanged: 1, conflicts: 1, refused_events: ['tahap presentasi sudah dikunci'] }),
      report({ file: 'J2.jurinilai', judge: 'J2', events: 4, already_merged: 4 }),
      report({ file: 'palsu.jurinilai', judge: null, events: 0, refused: 'Tanda tangan paket tidak cocok.' }),
    ]);
    expect(s).toEqual({
      packages: 3, refused: 1, events: 14, new: 6, changed: 1, unchanged: 1, alreadyMerged: 4, conflicts: 1, notes: 0, refusedEvents: 1, changes: 8,
    });
  });

  it('finds nothing to change when every value is already merged or refused', () => {
    expect(summariseReports([report({ events: 3, already_merged: 3 }), report({ refused: 'Paket ini milik kompetisi lain.' })]).changes).toBe(0);
    expect(summariseReports([]).changes).toBe(0);
    // A conflict alone is a change: it is kept for the organiser to decide.
    expect(summariseReports([report({ events: 1, conflicts: 1 })]).changes).toBe(1);
    // A package whose scores are all in but which brings a newer comment is still worth merging.
    expect(summariseReports([report({ events: 7, already_merged: 7, comments: 1 })]).changes).toBe(1);
    expect(summariseReports([report({ events: 7, already_merged: 7, finals: 1 })]).changes).toBe(1);
  });
});

describe('kit files', () => {
  const kit = JSON.stringify({
    format: 'juri-kit', version: 1, competition_id: 'c1', setup: { name: 'KIPP Sukamaju', year: 2026 },
    proposals: [{ code: 'P-001' }, { code: 'P-002' }], judge: { code: 'J1', name: 'Prof. Dr. Retno Wulandari, M.Si.' }, key: 'ab',
  });

  it('picks files by extension in any case', () => {
    const { accepted, ignored } = splitByExtension([{ name: 'J1.JURINILAI' }, { name: 'foto.jpg' }, { name: 'J2.jurinilai' }], '.jurinilai');
    expect(accepted.map((f) => f.name)).toEqual(['J1.JURINILAI', 'J2.jurinilai']);
    expect(ignored).toEqual(['foto.jpg']);
  });

  it('reads what a kit is for, and nothing from other files', () => {
    expect(peekKit(kit)).toEqual({
      competitionId: 'c1', competitionName: 'KIPP Sukamaju', year: 2026, judgeCode: 'J1', judgeName: 'Prof. Dr. Retno Wulandari, M.Si.', proposals: 2,
    });
    expect(peekKit('JURINILAI 1\n{}')).toBeNull();
    expect(peekKit('{"format":"juri-nilai"}')).toBeNull();
    expect(peekKit('null')).toBeNull();
  });

  it('opens a kit at once only on an empty laptop or for the same judge', () => {
    const peek = peekKit(kit);
    expect(kitDecision(peek, { judge: null, competitionId: null, competitions: 0 })).toBe('open');
    expect(kitDecision(peek, { judge: null, competitionId: 'x', competitions: 2 })).toBe('confirm');
    expect(kitDecision(peek, { judge: 'j1', competitionId: 'c1', competitions: 1 })).toBe('open');
    expect(kitDecision(peek, { judge: 'J2', competitionId: 'c1', competitions: 1 })).toBe('other_judge');
    expect(kitDecision(peek, { judge: 'J1', competitionId: 'c9', competitions: 1 })).toBe('other_competition');
    // An unreadable file is left to the backend, which explains what is wrong with it.
    expect(kitDecision(null, { judge: null, competitionId: null, competitions: 0 })).toBe('open');
  });
});

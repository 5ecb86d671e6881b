import { describe, expect, it } from 'vitest';
import { kitDecision, peekKit, splitByExtension, summariseReports } from '../src/lib/sync';
import { competition, kitText, mergeAgain, mergeReports } from './core-fixtures';

describe('summariseReports', () => {
  it('adds up the packages of a merge and leaves refused packages out', () => {
    // J1: a new score, a conflict with a value typed on the master, a comment; J2: a new score and an
    // event for an unknown proposal; a tampered copy of J1's package, refused whole.
    expect(mergeReports.map((r) => [r.file, r.refused !== null])).toEqual([
      ['J1.jurinilai', false],
      ['J2.jurinilai', false],
      ['J1-salinan.jurinilai', true],
    ]);
    expect(summariseReports(mergeReports)).toEqual({
      packages: 3, refused: 1, events: 4, new: 2, changed: 0, unchanged: 0, alreadyMerged: 0, conflicts: 1, notes: 1, refusedEvents: 1, changes: 4,
    });
  });

  it('finds nothing to change when every value is already merged or refused', () => {
    expect(summariseReports(mergeAgain)).toMatchObject({ events: 2, alreadyMerged: 2, changes: 0 });
    expect(summariseReports([...mergeAgain, mergeReports[2]]).changes).toBe(0);
    expect(summariseReports([]).changes).toBe(0);
    const again = mergeAgain[0];
    // A conflict alone is a change: it is kept for the organiser to decide.
    expect(summariseReports([{ ...again, already_merged: 1, conflicts: 1 }]).changes).toBe(1);
    // A package whose scores are all in but which brings a newer comment or final mark is still worth merging.
    expect(summariseReports([{ ...again, comments: 1 }]).changes).toBe(1);
    expect(summariseReports([{ ...again, finals: 1 }]).changes).toBe(1);
  });
});

describe('kit files', () => {
  const peek = peekKit(kitText);

  it('picks files by extension in any case', () => {
    const { accepted, ignored } = splitByExtension([{ name: 'J1.JURINILAI' }, { name: 'foto.jpg' }, { name: 'J2.jurinilai' }], '.jurinilai');
    expect(accepted.map((f) => f.name)).toEqual(['J1.JURINILAI', 'J2.jurinilai']);
    expect(ignored).toEqual(['foto.jpg']);
  });

  it('reads what a kit the core wrote is for, and nothing from other files', () => {
    // J1's kit holds the 18 proposals J1 scores (the withdrawn and the screened-out ones are left out).
    expect(peek).toEqual({
      competitionId: competition.id,
      competitionName: competition.setup.name,
      year: 2026,
      judgeCode: 'J1',
      judgeName: 'Prof. Dr. Retno Wulandari, M.Si.',
      proposals: 18,
    });
    expect(peekKit('JURINILAI 1\n{}')).toBeNull();
    expect(peekKit('{"format":"juri-nilai"}')).toBeNull();
    expect(peekKit('null')).toBeNull();
    expect(peekKit(kitText.replace('"juri-kit"', '"juri-nilai"'))).toBeNull();
  });

  it('opens a kit at once only on an empty laptop or for the same judge', () => {
    const id = competition.id;
    expect(kitDecision(peek, { judge: null, competitionId: null, competitions: 0 })).toBe('open');
    expect(kitDecision(peek, { judge: null, competitionId: id, competitions: 2 })).toBe('confirm');
    expect(kitDecision(peek, { judge: 'j1', competitionId: id, competitions: 1 })).toBe('open');
    expect(kitDecision(peek, { judge: 'J2', competitionId: id, competitions: 1 })).toBe('other_judge');
    expect(kitDecision(peek, { judge: 'J1', competitionId: 'id-999', competitions: 1 })).toBe('other_competition');
    // An unreadable file is left to the core, which explains what is wrong with it.
    expect(kitDecision(null, { judge: null, competitionId: null, competitions: 0 })).toBe('open');
  });
});

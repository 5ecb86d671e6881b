import { describe, expect, it } from 'vitest';
import { splitByExtension, summariseReports } from '../src/lib/sync';
import { mergeAgain, mergeReports } from './core-fixtures';

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
  it('picks files by extension in any case', () => {
    const { accepted, ignored } = splitByExtension([{ name: 'J1.JURINILAI' }, { name: 'foto.jpg' }, { name: 'J2.jurinilai' }], '.jurinilai');
    expect(accepted.map((f) => f.name)).toEqual(['J1.JURINILAI', 'J2.jurinilai']);
    expect(ignored).toEqual(['foto.jpg']);
  });
});

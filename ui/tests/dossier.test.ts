import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/lib/bindings/Finding';
import { countWords, criterionSection, findingBadges, hasContent, kitState, notesForComment, splitDropped, videoLines, viewerKind } from '../src/lib/dossier';
import { translate } from '../src/lib/i18n';
import { competition } from './core-fixtures';

const sections = competition.setup.dossier!.sections;
const missing = (code: string): Finding => ({ kind: 'missing_section', section: code });
const text = (lang: 'id' | 'en', findings: Finding[]) =>
  findingBadges(findings, sections).map((b) => translate(lang, b.key, b.params));

describe('screening badges', () => {
  it('name the section over its word limit with the limit', () => {
    const f: Finding[] = [{ kind: 'over_word_limit', section: 'ringkasan' }];
    expect(text('id', f)).toEqual(['Ringkasan > 200 kata']);
    expect(text('en', f)).toEqual(['Ringkasan > 200 words']);
  });

  it('name one empty section, count more and keep their names as the full text', () => {
    expect(text('id', [missing('kebaruan')])).toEqual(['Bagian kosong: Kebaruan / nilai tambah']);
    const three = [missing('ringkasan'), missing('kebaruan'), missing('signifikansi')];
    expect(text('id', three)).toEqual(['3 bagian kosong']);
    expect(text('en', three)).toEqual(['3 empty sections']);
    const [badge] = findingBadges(three, sections);
    expect(translate('id', badge.full!.key, badge.full!.params)).toBe(
      'Bagian kosong: Ringkasan, Kebaruan / nilai tambah, Signifikansi',
    );
  });

  it('say "no evidence" apart, and one badge for a proposal with nothing at all', () => {
    expect(text('id', [{ kind: 'no_files', section: null }])).toEqual(['Tanpa bukti dukung']);
    const nothing: Finding[] = [...sections.filter((s) => s.required).map((s) => missing(s.code)), { kind: 'no_files', section: null }];
    expect(text('id', nothing)).toEqual(['Belum ada isian proposal']);
    expect(text('en', nothing)).toEqual(['No dossier yet']);
  });

  it('keep the core order: word limits, empty sections, files; none for a clean dossier', () => {
    const f: Finding[] = [missing('implementasi'), { kind: 'over_word_limit', section: 'ringkasan' }, { kind: 'no_files', section: null }];
    expect(findingBadges(f, sections).map((b) => b.kind)).toEqual(['over', 'missing', 'no_files']);
    expect(findingBadges([], sections)).toEqual([]);
  });
});

describe('reader and viewer', () => {
  it('find the section beside a desk criterion and none at the venue', () => {
    expect(criterionSection(competition, 'proposal', 'kebaruan')).toBe('kebaruan');
    expect(criterionSection(competition, 'presentasi', 'kebaruan')).toBeNull();
    expect(criterionSection(competition, 'proposal', 'no_such')).toBeNull();
  });

  it('show PDFs as pages, pictures drawn, anything else saved', () => {
    expect(viewerKind('application/pdf')).toBe('pdf');
    expect(viewerKind('image/jpeg')).toBe('image');
    expect(viewerKind('image/png')).toBe('image');
    expect(viewerKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('other');
    expect(viewerKind('video/mp4')).toBe('other');
  });

  it('leave the reader out for an empty dossier', () => {
    const empty = { sections: sections.map(() => ({ text: '  ' })), videos: [], files: [] };
    expect(hasContent(empty)).toBe(false);
    expect(hasContent({ ...empty, videos: ['https://example.org/v'] })).toBe(true);
  });
});

describe('dossier editing helpers', () => {
  it('count words as runs of non-whitespace, like the core', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  \n\t ')).toBe(0);
    expect(countWords('Ibu hamil  berisiko\ntinggi')).toBe(4);
    expect(countWords('SMS-ke-bidan, 24 jam.')).toBe(3);
    expect(countWords('\u00a0a\u00a0b ')).toBe(2);
  });

  it('take video links one per line, blank lines left out', () => {
    expect(videoLines(' https://a.example/1 \n\n\r\nhttps://b.example/2\n')).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(videoLines('')).toEqual([]);
  });

  it('take dropped files up to 10 MB and name the larger ones', () => {
    const files = [
      { name: 'a.pdf', size: 10 * 1024 * 1024 },
      { name: 'besar.mp4', size: 10 * 1024 * 1024 + 1 },
    ];
    const { take, tooLarge } = splitDropped(files);
    expect(take.map((f) => f.name)).toEqual(['a.pdf']);
    expect(tooLarge).toEqual(['besar.mp4']);
  });

  it('append notes to the comment as "criterion: text" lines in sheet order', () => {
    const criteria = [
      { code: 'kebaruan', name: 'Kebaruan' },
      { code: 'dampak', name: 'Dampak' },
      { code: 'biaya', name: 'Biaya' },
    ];
    const notes = { dampak: 'Data dampak\n  belum lengkap ', kebaruan: 'Baru di kabupaten', biaya: '  ' };
    expect(notesForComment('', criteria, notes)).toBe('Kebaruan: Baru di kabupaten\nDampak: Data dampak belum lengkap');
    expect(notesForComment('Bagus.\n', criteria, { biaya: 'Murah' })).toBe('Bagus.\nBiaya: Murah');
    expect(notesForComment('Bagus.', criteria, {})).toBe('Bagus.');
  });

  it('tell a current kit from a stale one and from none', () => {
    expect(kitState({ exported_at: null, up_to_date: false })).toBe('never');
    expect(kitState({ exported_at: '2026-05-01T10:00:00Z', up_to_date: true })).toBe('up_to_date');
    expect(kitState({ exported_at: '2026-05-01T10:00:00Z', up_to_date: false })).toBe('stale');
  });
});

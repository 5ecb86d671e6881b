import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import id from '../src/lib/i18n/id.json';
import en from '../src/lib/i18n/en.json';
import { lang, setLang, t, translate } from '../src/lib/i18n';

describe('translation files', () => {
  it('have identical key sets', () => {
    const idKeys = Object.keys(id).sort();
    const enKeys = Object.keys(en).sort();
    expect(idKeys.filter((k) => !enKeys.includes(k)), 'keys only in id.json').toEqual([]);
    expect(enKeys.filter((k) => !idKeys.includes(k)), 'keys only in en.json').toEqual([]);
  });

  it('have no empty messages', () => {
    for (const [file, messages] of [['id', id], ['en', en]] as const)
      for (const [k, v] of Object.entries(messages)) expect(v.trim(), `${file}:${k}`).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(id) as (keyof typeof id)[]) expect(names(en[k]), k).toEqual(names(id[k]));
  });

  it('name all five screening statuses as the brief says', () => {
    expect(translate('id', 'status.tidak_lolos_administrasi')).toBe('Tidak lolos administrasi');
    expect(translate('en', 'status.lolos_administrasi')).toBe('Passed screening');
    expect(translate('en', 'status.mengundurkan_diri')).toBe('Withdrawn');
  });
});

describe('t()', () => {
  it('falls back to the key when it is missing', () => {
    expect(translate('id', 'no.such.key')).toBe('no.such.key');
    expect(get(t)('no.such.key' as never)).toBe('no.such.key');
  });

  it('fills parameters and leaves unknown placeholders alone', () => {
    expect(translate('id', 'proposals.added', { code: 'P-021' })).toBe('Proposal P-021 telah ditambahkan.');
    expect(translate('en', 'proposals.added')).toBe('Proposal {code} was added.');
  });

  it('follows the language switch', () => {
    setLang('id');
    expect(get(t)('nav.home')).toBe('Beranda');
    setLang('en');
    expect(get(lang)).toBe('en');
    expect(get(t)('nav.home')).toBe('Home');
    setLang('id');
  });
});

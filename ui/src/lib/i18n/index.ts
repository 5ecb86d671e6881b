// Translation: `$t('key', {param})` in components, reactive to the language switch.
import { derived, writable } from 'svelte/store';
import type { Lang } from '../bindings/Lang';
import id from './id.json';
import en from './en.json';

export type MessageKey = keyof typeof id;
export type Params = Record<string, string | number>;

const messages: Record<Lang, Record<string, string>> = { id, en };
const STORAGE_KEY = 'juri.lang';

/** The message for `key` in `language` with `{name}` placeholders filled; an unknown key gives the key. */
export function translate(language: Lang, key: string, params?: Params): string {
  const text = messages[language][key] ?? messages.id[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function savedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export const lang = writable<Lang>(savedLang());

export function setLang(l: Lang) {
  lang.set(l);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}

export const t = derived(lang, (l) => (key: MessageKey, params?: Params) => translate(l, key, params));


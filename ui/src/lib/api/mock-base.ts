// Helpers shared by the parts of the in-browser mock: the language of its messages, refusals,
// copies, and the CSV reader (the mock reads CSV only; the backend also reads .xlsx).
import type { ApiError } from '../bindings/ApiError';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { Lang } from '../bindings/Lang';

const LANG_KEY = 'juri.mock.lang';

function storedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** The mock's "database setting": remembered across reloads like the backend remembers it. */
export const mockState = { lang: storedLang() };

export function setMockLang(l: Lang) {
  mockState.lang = l;
  try {
    globalThis.localStorage?.setItem(LANG_KEY, l);
  } catch {
    // No storage: the choice lasts for this session.
  }
}

/** Picks the Indonesian or English text by the mock's language. */
export const say = (id: string, en: string) => (mockState.lang === 'id' ? id : en);

export function fail(code: ErrorCode, id: string, en: string): never {
  const e: ApiError = { code, message: say(id, en) };
  throw e;
}

export const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** Loose text key: trimmed, inner whitespace collapsed, lower case (FORMATS.md §8). */
export const matchKey = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export function parseCsv(text: string): string[][] {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Header and body rows of a CSV file; refuses .xlsx and files without data rows. */
export function readCsv(bytes: number[]): { head: string[]; body: string[][] } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b)
    fail('file_unreadable', 'Mode pratinjau di peramban hanya membaca berkas CSV.', 'The browser preview mode reads CSV files only.');
  const text = new TextDecoder().decode(new Uint8Array(bytes)).replace(/^\uFEFF/, '');
  const [head, ...body] = parseCsv(text);
  if (!head || body.length === 0) fail('file_unreadable', 'Berkas tidak berisi baris data.', 'The file has no data rows.');
  return { head: head.map((h) => h.trim().toLowerCase()), body };
}

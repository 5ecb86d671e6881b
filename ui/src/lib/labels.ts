// Fixed value lists of the domain and the message keys that name them.
import type { ScreeningStatus } from './bindings/ScreeningStatus';
import type { Status } from './bindings/Status';
import type { MessageKey } from './i18n';

export const STATUSES: ScreeningStatus[] = [
  'terdaftar',
  'lolos_administrasi',
  'tidak_lolos_administrasi',
  'mengundurkan_diri',
  'didiskualifikasi',
];

/** Statuses that end an entry and must say why (DOMAIN.md §2). */
export const STATUSES_NEEDING_REASON: ScreeningStatus[] = ['tidak_lolos_administrasi', 'mengundurkan_diri', 'didiskualifikasi'];

export const UNIT_TYPES = ['OPD', 'Pemdes', 'BUMD', 'Lainnya'] as const;

/** Backgrounds a judge can represent (DOMAIN.md §1.2), spelled as the backend stores them. */
export const UNSUR = ['akademisi', 'LSM', 'birokrasi', 'praktisi', 'media'] as const;

/** The label of a recap status (FORMATS.md §8). */
export function recapStatusKey(s: Status): MessageKey {
  return `recap.status.${s}`;
}

/** A ';'-separated list as typed: trimmed items, empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

export function statusKey(s: ScreeningStatus): MessageKey {
  return `status.${s}`;
}

export function isStatus(v: unknown): v is ScreeningStatus {
  return typeof v === 'string' && (STATUSES as string[]).includes(v);
}

const FIELD_KEYS: Record<string, MessageKey> = {
  kode: 'field.code',
  judul: 'field.title',
  kategori: 'field.category',
  unit: 'field.unit',
  jenis_unit: 'field.unit_type',
  inovator: 'field.innovator',
  telepon: 'field.phone',
  email: 'field.email',
  ringkasan: 'field.summary',
  tahun_mulai: 'field.start_year',
  status: 'field.status',
};

/** The label key of a field named in history or import changes; unknown names are shown as they are. */
export function fieldKey(name: string): MessageKey | null {
  return FIELD_KEYS[name] ?? null;
}

const ACTION_KEYS: Record<string, MessageKey> = {
  created: 'history.action.created',
  imported: 'history.action.imported',
  updated: 'history.action.updated',
  removed: 'history.action.removed',
  status: 'history.action.status',
};

export function actionKey(action: string): MessageKey | null {
  return ACTION_KEYS[action] ?? null;
}

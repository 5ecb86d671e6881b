// Turns whatever a rejected command carries into the ApiError shape the screens rely on.
import type { ApiError } from '../bindings/ApiError';
import type { ApiRowError } from '../bindings/ApiRowError';
import type { ErrorCode } from '../bindings/ErrorCode';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** `{code, message, rows?}` as is; a plain string (Tauri's own failures) becomes a storage error. */
export function toApiError(e: unknown): ApiError {
  if (isRecord(e) && typeof e.message === 'string') {
    const code = typeof e.code === 'string' && e.code !== '' ? (e.code as ErrorCode) : 'storage';
    const rows = Array.isArray(e.rows) ? (e.rows as ApiRowError[]) : undefined;
    return rows ? { code, message: e.message, rows } : { code, message: e.message };
  }
  if (typeof e === 'string') return { code: 'storage', message: e };
  if (e === undefined || e === null) return { code: 'storage', message: 'unknown error' };
  return { code: 'storage', message: String(e) };
}

export function isApiError(e: unknown): e is ApiError {
  return isRecord(e) && typeof e.code === 'string' && typeof e.message === 'string';
}

import { afterEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  Channel: class {
    onmessage: ((m: unknown) => void) | undefined;
  },
}));

import {
  applyMerge,
  exportKit,
  getRecap,
  openKit,
  previewMerge,
  resolveConflict,
  listCompetitions,
  listProposals,
  openDemo,
  saveScore,
  setProposalStatus,
  setSheetFinal,
  toApiError,
  unlockStage,
} from '../src/lib/api';

describe('toApiError', () => {
  it('keeps a backend error as it is', () => {
    expect(toApiError({ code: 'import_refused', message: 'Impor ditolak.' })).toEqual({ code: 'import_refused', message: 'Impor ditolak.' });
  });

  it('turns a plain string into a storage error', () => {
    expect(toApiError('database is locked')).toEqual({ code: 'storage', message: 'database is locked' });
  });

  it('turns an Error and odd values into a storage error with a message', () => {
    expect(toApiError(new Error('boom'))).toEqual({ code: 'storage', message: 'boom' });
    expect(toApiError({ message: 'no code' })).toEqual({ code: 'storage', message: 'no code' });
    expect(toApiError(42)).toEqual({ code: 'storage', message: '42' });
    expect(toApiError(undefined).code).toBe('storage');
  });
});

describe('the Tauri wrapper', () => {
  afterEach(() => {
    invoke.mockReset();
    vi.unstubAllGlobals();
  });

  it('sends camelCase arguments and normalises a rejection', async () => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    invoke.mockRejectedValueOnce('kunci basis data');
    const filter = { query: '', category: null, unit_type: null, status: null, include_removed: false };
    await expect(listProposals('c1', filter)).rejects.toEqual({ code: 'storage', message: 'kunci basis data' });
    expect(invoke).toHaveBeenCalledWith('list_proposals', { competitionId: 'c1', filter });
  });

  it('passes a structured error through', async () => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    invoke.mockRejectedValueOnce({ code: 'invalid_input', message: 'Alasan wajib diisi.' });
    await expect(setProposalStatus('p1', 'didiskualifikasi', '')).rejects.toEqual({ code: 'invalid_input', message: 'Alasan wajib diisi.' });
  });

  it('names the scoring arguments in camelCase as the commands expect', async () => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    invoke.mockResolvedValue(undefined);
    await saveScore('c1', 'presentasi', 'J1', 'P-009', 'kebaruan', 8.5);
    expect(invoke).toHaveBeenLastCalledWith('save_score', {
      competitionId: 'c1',
      stage: 'presentasi',
      judge: 'J1',
      proposal: 'P-009',
      criterion: 'kebaruan',
      value: 8.5,
    });
    await setSheetFinal('c1', 'J1', 'presentasi', true);
    expect(invoke).toHaveBeenLastCalledWith('set_sheet_final', { competitionId: 'c1', judge: 'J1', stage: 'presentasi', isFinal: true });
    await unlockStage('c1', 'proposal', 'Koreksi nilai');
    expect(invoke).toHaveBeenLastCalledWith('unlock_stage', { competitionId: 'c1', stage: 'proposal', reason: 'Koreksi nilai' });
    await getRecap('c1', null);
    expect(invoke).toHaveBeenLastCalledWith('get_recap', { competitionId: 'c1', viewer: null });
  });

  it('names the offline-judging arguments in camelCase as the commands expect', async () => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    invoke.mockResolvedValue(undefined);
    await exportKit('c1', 'J1');
    expect(invoke).toHaveBeenLastCalledWith('export_kit', { competitionId: 'c1', judge: 'J1', onProgress: expect.anything() });
    await openKit([123, 125], true);
    expect(invoke).toHaveBeenLastCalledWith('open_kit', { bytes: [123, 125], overData: true });
    const files = [{ name: 'J1.jurinilai', bytes: [1, 2] }];
    await previewMerge('c1', files);
    expect(invoke).toHaveBeenLastCalledWith('preview_merge', { competitionId: 'c1', files });
    await applyMerge('c1', files);
    expect(invoke).toHaveBeenLastCalledWith('apply_merge', { competitionId: 'c1', files });
    await resolveConflict('e1', true);
    expect(invoke).toHaveBeenLastCalledWith('resolve_conflict', { eventId: 'e1', takePackage: true });
  });

  it('refuses every call outside Tauri, saying in both languages that Juri runs as the desktop app', async () => {
    const refusal = { code: 'storage', message: expect.stringMatching(/^Juri berjalan sebagai aplikasi desktop\..* \/ Juri runs as a desktop app\./) };
    await expect(listCompetitions()).rejects.toMatchObject(refusal);
    await expect(openDemo()).rejects.toMatchObject(refusal);
    await expect(setProposalStatus('p1', 'didiskualifikasi', 'Plagiat')).rejects.toMatchObject(refusal);
    expect(invoke).not.toHaveBeenCalled();
  });
});

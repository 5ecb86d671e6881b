import { afterEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  Channel: class {},
}));

import { startLanguage } from '../src/lib/app.svelte';
import { lang, setLang } from '../src/lib/i18n';

describe('the language at start', () => {
  afterEach(() => {
    invoke.mockReset();
    vi.unstubAllGlobals();
    setLang('id');
  });

  it('follows the language the backend remembers, without overwriting it', async () => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    setLang('id');
    invoke.mockResolvedValueOnce({ version: '0.1.0', db_path: '', data_dir: '', log_dir: '', lang: 'en' });
    await startLanguage();
    expect(get(lang)).toBe('en');
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('app_info', undefined);
  });

  it('keeps the saved choice and tells the backend when app_info fails', async () => {
    vi.stubGlobal('window', { __TAURI_INTERNALS__: {} });
    setLang('en');
    invoke.mockRejectedValueOnce('no state yet').mockResolvedValueOnce(undefined);
    await startLanguage();
    expect(get(lang)).toBe('en');
    expect(invoke).toHaveBeenLastCalledWith('set_language', { lang: 'en' });
  });
});

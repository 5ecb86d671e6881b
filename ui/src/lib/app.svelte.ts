// Application-wide state: the screen shown, the open competition and the message regions.
import type { ApiError } from './bindings/ApiError';
import type { Competition } from './bindings/Competition';
import { get } from 'svelte/store';
import type { LaunchFile } from './bindings/LaunchFile';
import { appInfo, appMode, getCompetition, listJudges, openCompetition, setLanguage, takeLaunchFile, toApiError } from './api';
import { lang, setLang, t } from './i18n';

export type Screen = 'home' | 'proposals' | 'judges' | 'scoring' | 'paper' | 'recap' | 'merge' | 'documents' | 'monitoring' | 'setup' | 'data';

/** Screens for the organiser only: hidden on a judge's laptop. */
export const ORGANISER_SCREENS: Screen[] = ['judges', 'paper', 'recap', 'merge', 'documents', 'monitoring', 'setup'];

class AppState {
  screen = $state<Screen>('home');
  competition = $state<Competition | null>(null);
  error = $state<ApiError | null>(null);
  notice = $state<string | null>(null);
  /** Whether the notice is a warning (something to check: stays until dismissed, amber). */
  noticeWarns = $state(false);
  /** The stage and the judge ("Penilai") chosen on the scoring screen, kept while the app runs. */
  scoringStage = $state('');
  scoringJudge = $state('');
  /** Set on a judge's laptop (opened from a kit): that judge's code. Null on the organiser's laptop. */
  judge = $state<string | null>(null);
  /** The name of that judge, once known. */
  judgeName = $state('');
  /** What the shown screen does with files dropped on the window (a kit on Beranda, packages on Gabung nilai). */
  dropHandler = $state<((files: File[]) => void) | null>(null);
  /** Files are being dragged over a screen that takes them. */
  dragging = $state(false);
  /** The kit or package Juri was started with, until its screen takes it (Beranda, Gabung nilai). */
  launched = $state<LaunchFile | null>(null);
}

export const app = new AppState();

export function showError(e: unknown) {
  app.notice = null;
  app.error = toApiError(e);
}

export function showNotice(text: string) {
  app.error = null;
  app.notice = text;
  app.noticeWarns = false;
}

/** A notice that asks the user to check something ("Kedua entri berbeda…"): amber, and it stays. */
export function showWarning(text: string) {
  app.error = null;
  app.notice = text;
  app.noticeWarns = true;
}

export function clearMessages() {
  app.error = null;
  app.notice = null;
}

export function go(screen: Screen) {
  if (app.judge !== null && ORGANISER_SCREENS.includes(screen)) screen = 'home';
  if (screen !== app.screen) clearMessages();
  app.screen = screen;
}

/** Asks the backend which kind of laptop this is, and on a judge's laptop who the judge is. */
export async function loadMode(): Promise<void> {
  try {
    app.judge = (await appMode()).judge;
  } catch (e) {
    app.judge = null;
    showError(e);
  }
  await loadJudgeName();
}

/** The judge's name for the header, from the open competition's jury. */
export async function loadJudgeName(): Promise<void> {
  const code = app.judge;
  if (code === null || !app.competition) {
    app.judgeName = '';
    return;
  }
  try {
    const judges = await listJudges(app.competition.id);
    app.judgeName = judges.find((j) => j.code.toLowerCase() === code.toLowerCase())?.name ?? '';
  } catch {
    app.judgeName = '';
  }
}

/** Opens (and marks active) a competition, then shows `screen`. False when it could not be opened. */
export async function openAndShow(id: string, screen: Screen = 'proposals'): Promise<boolean> {
  try {
    app.competition = await openCompetition(id);
    go(screen);
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** The file Juri was started with (a double-clicked .jurikit or .jurinilai): a kit goes to
 * Beranda, checked as a picked one; a package to "Gabung nilai" of its competition for a preview. */
export async function takeLaunched(): Promise<void> {
  let launched: LaunchFile | null;
  try {
    launched = await takeLaunchFile();
  } catch (e) {
    go('home');
    showError(e);
    return;
  }
  if (!launched) return;
  if (launched.kind === 'kit') {
    app.launched = launched;
    go('home');
  } else if (launched.competition_id) {
    app.launched = launched;
    if (!(await openAndShow(launched.competition_id, 'merge'))) app.launched = null;
  } else if (app.competition) {
    // Another competition's or no package at all: the preview says which.
    app.launched = launched;
    go('merge');
  } else {
    go('home');
    showError(get(t)('home.package_other_competition', { name: launched.name }));
  }
}

/** Loads the open competition again after a change made elsewhere (setup saved, data restored). */
export async function reloadCompetition() {
  if (!app.competition) return;
  try {
    app.competition = await getCompetition(app.competition.id);
  } catch {
    app.competition = null;
    app.screen = 'home';
  }
}

/** Runs `work` and shows its failure, if any, in the error region. Returns undefined on failure. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    showError(e);
    return undefined;
  }
}

/**
 * Takes the UI language from the backend, which remembers the user's choice in the database.
 * Only when the backend cannot answer does the choice saved in this browser apply (and is sent back).
 */
export async function startLanguage(): Promise<void> {
  try {
    setLang((await appInfo()).lang);
  } catch {
    const saved = get(lang);
    setLang(saved);
    try {
      await setLanguage(saved);
    } catch {
      // Messages from the backend then come in its own language; the UI still uses the saved one.
    }
  }
}

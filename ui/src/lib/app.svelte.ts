// Application-wide state: the screen shown, the open competition and the message regions.
import type { ApiError } from './bindings/ApiError';
import type { Competition } from './bindings/Competition';
import { getCompetition, openCompetition, toApiError } from './api';

export type Screen = 'home' | 'proposals' | 'setup' | 'data';

class AppState {
  screen = $state<Screen>('home');
  competition = $state<Competition | null>(null);
  error = $state<ApiError | null>(null);
  notice = $state<string | null>(null);
}

export const app = new AppState();

export function showError(e: unknown) {
  app.notice = null;
  app.error = toApiError(e);
}

export function showNotice(text: string) {
  app.error = null;
  app.notice = text;
}

export function clearMessages() {
  app.error = null;
  app.notice = null;
}

export function go(screen: Screen) {
  if (screen !== app.screen) clearMessages();
  app.screen = screen;
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

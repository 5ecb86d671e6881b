// Pure arithmetic of the venue timer, kept apart so tests can state it in one line.

export type ClockState = 'ready' | 'running' | 'paused' | 'warning' | 'over';

/** Milliseconds left of `durationMs` after `elapsedMs`; never below zero. */
export function remainingMs(durationMs: number, elapsedMs: number): number {
  return Math.max(0, durationMs - elapsedMs);
}

/** "07:00", "00:59", "00:00"; whole seconds rounded up so the display reaches 00:00 only when time is up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** The warning applies in the last minute; "over" once nothing is left. */
export function clockState(remaining: number, running: boolean, started: boolean): ClockState {
  if (started && remaining <= 0) return 'over';
  if (started && remaining <= 60_000) return 'warning';
  if (running) return 'running';
  return started ? 'paused' : 'ready';
}

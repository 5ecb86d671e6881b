// The venue timer for presentations and interviews, shared by the scoring screen and the projector view.
// It counts from the clock (not by adding ticks), so a slow tick never makes it drift.
import { clockState, formatClock, remainingMs } from './clock';

export type Phase = 'presentation' | 'interview';

export const DEFAULT_MINUTES: Record<Phase, number> = { presentation: 7, interview: 13 };

class VenueTimer {
  phase = $state<Phase>('presentation');
  minutes = $state<Record<Phase, number>>({ ...DEFAULT_MINUTES });
  running = $state(false);
  /** Time counted before the current run, in ms. */
  private banked = $state(0);
  private startedAt = $state(0);
  private now = $state(Date.now());
  private tick: ReturnType<typeof setInterval> | undefined;

  readonly elapsed = $derived(this.banked + (this.running ? Math.max(0, this.now - this.startedAt) : 0));
  readonly duration = $derived(this.minutes[this.phase] * 60_000);
  readonly remaining = $derived(remainingMs(this.duration, this.elapsed));
  readonly display = $derived(formatClock(this.remaining));
  readonly state = $derived(clockState(this.remaining, this.running, this.elapsed > 0));

  start() {
    if (this.running || this.remaining <= 0) return;
    this.startedAt = Date.now();
    this.now = this.startedAt;
    this.running = true;
    this.tick = setInterval(() => {
      this.now = Date.now();
      if (remainingMs(this.duration, this.banked + this.now - this.startedAt) <= 0) this.pause();
    }, 200);
  }

  pause() {
    if (!this.running) return;
    clearInterval(this.tick);
    this.now = Date.now();
    this.banked = Math.min(this.duration, this.banked + this.now - this.startedAt);
    this.running = false;
  }

  toggle() {
    if (this.running) this.pause();
    else this.start();
  }

  reset() {
    clearInterval(this.tick);
    this.running = false;
    this.banked = 0;
  }

  /** Switching between presentation and interview starts the new part from its full time. */
  setPhase(p: Phase) {
    if (p === this.phase) return;
    this.reset();
    this.phase = p;
  }

  setMinutes(p: Phase, m: number) {
    if (!Number.isFinite(m) || m <= 0) return;
    this.minutes[p] = m;
    if (p === this.phase && !this.running) this.banked = Math.min(this.banked, m * 60_000);
  }
}

export const venueTimer = new VenueTimer();

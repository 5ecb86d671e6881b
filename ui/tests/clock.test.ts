import { describe, expect, it } from 'vitest';
import { clockState, formatClock, remainingMs } from '../src/lib/clock';

describe('the venue clock', () => {
  it('shows minutes and seconds, rounding partial seconds up', () => {
    expect(formatClock(7 * 60_000)).toBe('07:00');
    expect(formatClock(13 * 60_000)).toBe('13:00');
    expect(formatClock(59_001)).toBe('01:00');
    expect(formatClock(59_000)).toBe('00:59');
    expect(formatClock(400)).toBe('00:01');
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(-5_000)).toBe('00:00');
  });

  it('never counts below zero', () => {
    expect(remainingMs(420_000, 30_000)).toBe(390_000);
    expect(remainingMs(420_000, 500_000)).toBe(0);
  });

  it('warns in the last minute and says when time is up', () => {
    expect(clockState(420_000, false, false)).toBe('ready');
    expect(clockState(300_000, true, true)).toBe('running');
    expect(clockState(300_000, false, true)).toBe('paused');
    expect(clockState(60_000, true, true)).toBe('warning');
    expect(clockState(1, false, true)).toBe('warning');
    expect(clockState(0, false, true)).toBe('over');
  });
});

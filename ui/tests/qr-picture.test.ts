import { describe, expect, it } from 'vitest';
import { cameraProblemKey, fitWithin, toLuma } from '../src/lib/qr-picture';

describe('pictures for the QR reader', () => {
  it('scales a large photo down to the longest side and never a small one up', () => {
    expect(fitWithin(4000, 3000, 1280)).toEqual({ width: 1280, height: 960 });
    expect(fitWithin(3000, 4000, 1280)).toEqual({ width: 960, height: 1280 });
    expect(fitWithin(640, 480, 1280)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(10000, 1, 1280)).toEqual({ width: 1280, height: 1 });
    expect(fitWithin(0, 480)).toEqual({ width: 0, height: 0 });
  });

  it('turns RGBA into one grey byte per pixel', () => {
    const rgba = [255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 0];
    expect(Array.from(toLuma(rgba))).toEqual([255, 0, 76, 150, 29]);
    expect(toLuma([1, 2, 3]).length).toBe(0);
  });

  it('says why the camera did not open: refused, busy, or none there', () => {
    expect(cameraProblemKey(new DOMException('Permission denied', 'NotAllowedError'))).toBe('venue.scan_camera_denied');
    expect(cameraProblemKey(new DOMException('insecure', 'SecurityError'))).toBe('venue.scan_camera_denied');
    expect(cameraProblemKey(new DOMException('in use', 'NotReadableError'))).toBe('venue.scan_camera_busy');
    expect(cameraProblemKey(new DOMException('aborted', 'AbortError'))).toBe('venue.scan_camera_busy');
    expect(cameraProblemKey(new DOMException('no device', 'NotFoundError'))).toBe('venue.scan_no_camera');
    expect(cameraProblemKey(new DOMException('facingMode', 'OverconstrainedError'))).toBe('venue.scan_no_camera');
    expect(cameraProblemKey('something else')).toBe('venue.scan_no_camera');
  });
});

// Pictures of the venue hub's QR code, for the core's reader: a camera frame or a photo the judge
// chose, drawn on a canvas no larger than MAX_SIDE on its longest side and turned to greyscale.
// The webview decodes the image; the core only ever sees bounded greyscale pixels.

/** The longest side a picture is scaled down to (the core reads at most 4 million pixels). */
export const MAX_SIDE = 1280;
/** A photo file larger than this is refused before it is read. */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;

/** The size of a `width`×`height` picture scaled down (never up) to fit `max` on its longest side. */
export function fitWithin(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** RGBA pixels as one grey byte each (ITU-R BT.601 weights). */
export function toLuma(rgba: ArrayLike<number>): Uint8Array {
  const n = Math.floor(rgba.length / 4);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    out[i] = (rgba[o] * 299 + rgba[o + 1] * 587 + rgba[o + 2] * 114 + 500) / 1000 | 0;
  }
  return out;
}

export interface GreyPicture {
  width: number;
  height: number;
  luma: Uint8Array;
}

/** Draws `source` (sized `width`×`height`) scaled to fit and returns its greyscale pixels. */
export function grab(source: CanvasImageSource, width: number, height: number, max = MAX_SIDE): GreyPicture | null {
  const size = fitWithin(width, height, max);
  if (size.width === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return { ...size, luma: toLuma(ctx.getImageData(0, 0, size.width, size.height).data) };
}

/** Why the camera did not open, as an i18n key, from the error getUserMedia rejected with. */
export function cameraProblemKey(
  error: unknown,
): 'venue.scan_camera_denied' | 'venue.scan_camera_busy' | 'venue.scan_no_camera' {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'venue.scan_camera_denied';
  if (name === 'NotReadableError' || name === 'AbortError') return 'venue.scan_camera_busy';
  // NotFoundError, OverconstrainedError and anything else: no camera the judge can use.
  return 'venue.scan_no_camera';
}

/**
 * TIFF Orientation tag (274), applied the way Pillow's TIFF reader applies it at load: unlike a
 * JPEG's EXIF orientation (which Keras/Pillow ignore), a TIFF opens already transposed.
 * libvips returns the stored raster, so we transpose it here.
 *
 * Orientation values (TIFF 6.0): 1 as stored, 2 mirrored left-right, 3 rotated 180°, 4 mirrored
 * top-bottom, 5 transposed (mirror along the main diagonal), 6 rotated 90° clockwise, 7
 * transversed (mirror along the anti-diagonal), 8 rotated 90° counter-clockwise.
 */
import type { PillowImage } from '../types.js';

/** Returns `img` displayed per `orientation` (a new image; the input for 1 or unknown values). */
export function applyTiffOrientation(img: PillowImage, orientation: number | undefined): PillowImage {
  if (orientation === undefined || orientation < 2 || orientation > 8) return img;
  const { width: w, height: h, channels: c, data } = img;
  const swap = orientation >= 5;
  const outW = swap ? h : w;
  const outH = swap ? w : h;
  const out = new (data.constructor as Uint8ArrayConstructor | Uint16ArrayConstructor)(data.length);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      // (sx, sy): the stored pixel shown at (x, y).
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      const s = (sy * w + sx) * c;
      const o = (y * outW + x) * c;
      for (let b = 0; b < c; b++) out[o + b] = data[s + b];
    }
  }
  return { ...img, width: outW, height: outH, data: out };
}

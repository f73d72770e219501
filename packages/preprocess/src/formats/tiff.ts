/**
 * TIFF: pixels from libvips (libtiff), or from tiff-raster.ts for the layouts libvips refuses or
 * reads differently, with Pillow's reading applied where the two differ:
 * the Orientation tag is applied (tiff-orientation.ts), big-endian 16-bit gray is Pillow's
 * I;16B, signed 8-bit samples are read as unsigned bytes, and compressions that libvips'
 * libtiff lacks (it would return a blank image without an error) or that Pillow's lacks are
 * refused instead of decoded differently.
 */
import { assertPixelCount, UnsupportedImage } from '../errors.js';
import type { PillowImage } from '../types.js';
import { decodeWithLibvips } from './libvips.js';
import { readFirstIfd, TAG, type Ifd } from './tiff-ifd.js';
import { applyTiffOrientation } from './tiff-orientation.js';
import { decodeRaster, needsOwnRaster } from './tiff-raster.js';

/** Compression codes (TIFF registry) neither decoder path can honour the way Pillow does. */
const REFUSED_COMPRESSIONS: Record<number, string> = {
  // The libtiff bundled with sharp has no LZMA codec and returns zeros for such strips.
  34925: 'unsupported: LZMA compression in TIFF (no LZMA codec in the bundled libtiff)',
  // Pillow's libtiff is built without WebP: Pillow raises "decoder error" on such files.
  50001: 'unsupported: WebP compression in TIFF (Pillow cannot decode it either)',
  // Old-style (TIFF 6.0 section 22) JPEG: the bundled libtiff is built without it.
  6: 'unsupported: old-style JPEG compression in TIFF (no decoder for it in the bundled libtiff)',
};

export async function decodeTiff(bytes: Uint8Array): Promise<PillowImage> {
  const ifd = readFirstIfd(bytes);
  const first = (tag: number): number | undefined => ifd.tags.get(tag)?.[0];
  const refused = REFUSED_COMPRESSIONS[first(TAG.Compression) ?? 1];
  if (refused !== undefined) throw new UnsupportedImage(refused);
  // CIELab: Pillow converts Lab to RGB through LittleCMS, which is not reproduced here.
  if (first(TAG.Photometric) === 8) throw new UnsupportedImage('unsupported: CIELab TIFF (Pillow converts Lab with LittleCMS)');
  checkPlanarLayout(ifd);
  if (needsOwnRaster(ifd)) {
    assertPixelCount((first(TAG.ImageWidth) ?? 0) * (first(TAG.ImageLength) ?? 0));
    return applyTiffOrientation(decodeRaster(bytes, ifd), first(TAG.Orientation));
  }
  const bits = ifd.tags.get(TAG.BitsPerSample) ?? [1];
  const samples = first(TAG.SamplesPerPixel) ?? 1;
  const photometric = first(TAG.Photometric);
  const signed = (first(TAG.SampleFormat) ?? 1) === 2;
  const img = await decodeWithLibvips(bytes, {
    bigEndianGray16: ifd.bigEndian && samples === 1 && bits[0] === 16 && !signed && (photometric === 0 || photometric === 1),
    signedBytes: signed && bits.every((b) => b === 8),
  });
  return applyTiffOrientation(img, first(TAG.Orientation));
}

/**
 * An uncompressed planar (one plane per band) TIFF whose strip or tile table holds more entries
 * than its bands need: Pillow lays the entries out plane by plane and fails past the last band
 * (libvips reads such a file as a blank image).
 */
function checkPlanarLayout(ifd: Ifd): void {
  const first = (tag: number): number | undefined => ifd.tags.get(tag)?.[0];
  if ((first(TAG.Compression) ?? 1) !== 1 || first(TAG.PlanarConfiguration) !== 2) return;
  const width = first(TAG.ImageWidth) ?? 0;
  const height = first(TAG.ImageLength) ?? 0;
  const bands = first(TAG.SamplesPerPixel) ?? 1;
  const tiled = ifd.tags.has(TAG.TileOffsets);
  const offsets = ifd.tags.get(tiled ? TAG.TileOffsets : TAG.StripOffsets)?.length ?? 0;
  const w = tiled ? first(TAG.TileWidth) ?? width : width;
  const h = tiled ? first(TAG.TileLength) ?? height : first(TAG.RowsPerStrip) ?? height;
  if (w <= 0 || h <= 0) return;
  const perPlane = Math.ceil(width / w) * Math.ceil(height / h);
  if (offsets > bands * perPlane) {
    throw new Error(`${offsets} ${tiled ? 'tiles' : 'strips'} for ${bands} planes of ${perPlane}: the layout is inconsistent`);
  }
}

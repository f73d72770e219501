/**
 * The checks Pillow's PNG reader makes on the chunk stream that libpng (used by sharp for the
 * pixels) does not, so that a file Pillow refuses is refused here too, plus the one chunk value
 * libvips does not pass on: the tRNS gray level of a 16-bit gray image.
 *
 * Facts from the PNG specification and Pillow's behaviour: before the first IDAT every chunk's
 * CRC is verified; an IHDR filter method or an iCCP/zTXt compression method other than 0 is an
 * error; compressed iCCP/zTXt/iTXt payloads may not inflate beyond 1 MiB (Pillow's
 * MAX_TEXT_CHUNK) nor all text beyond 64 MiB (MAX_TEXT_MEMORY); a chunk cut short by the end
 * of the file is truncation; APNG sequence numbers must count up from 0.
 */
import { crc32, inflateSync } from 'node:zlib';
import { TruncatedImage } from '../errors.js';

const MAX_TEXT_CHUNK = 1024 * 1024;
const MAX_TEXT_MEMORY = 64 * MAX_TEXT_CHUNK;

export interface PngFacts {
  /** tRNS gray level of a 16-bit gray image (Pillow keeps it as `info["transparency"]`), else null. */
  gray16Transparency: number | null;
}

const name = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
const u32 = (b: Uint8Array, at: number): number => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const isChunkName = (s: string): boolean => /^[A-Za-z]{4}$/.test(s);

/** Inflated size of a zlib stream, capped just above the limit; null when the stream is invalid (Pillow ignores those). */
function inflatedSize(data: Uint8Array): number | null {
  try {
    return inflateSync(data, { maxOutputLength: MAX_TEXT_CHUNK + 1 }).length;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return MAX_TEXT_CHUNK + 1;
    return null;
  }
}

/** Walks the chunks like Pillow; throws where Pillow raises. */
export function inspectPngChunks(bytes: Uint8Array): PngFacts {
  let pos = 8;
  let seenData = false;
  let animated = false;
  let sequence: number | null = null;
  let textMemory = 0;
  let bitDepth = 0;
  let colorType = 0;
  let width = 0;
  let height = 0;
  let gray16Transparency: number | null = null;
  const text = (size: number): void => {
    if (size > MAX_TEXT_CHUNK) throw new Error(`compressed text/profile chunk inflates beyond Pillow's MAX_TEXT_CHUNK (${MAX_TEXT_CHUNK} bytes)`);
    textMemory += size;
    if (textMemory > MAX_TEXT_MEMORY) throw new Error(`text chunks exceed Pillow's MAX_TEXT_MEMORY (${MAX_TEXT_MEMORY} bytes)`);
  };
  while (pos + 8 <= bytes.length) {
    const length = u32(bytes, pos);
    const id = name(bytes, pos + 4);
    if (!isChunkName(id)) {
      if (seenData) break; // after the image data Pillow stops at a broken chunk
      throw new Error(`broken PNG file (chunk ${JSON.stringify(id)})`);
    }
    if (id === 'IEND') break;
    const body = pos + 8;
    if (seenData && id === 'fcTL' && animated) break; // next animation frame: Pillow stops reading
    if (body + length > bytes.length) throw new TruncatedImage(`PNG ${id} chunk is cut short`);
    const data = bytes.subarray(body, body + length);
    switch (id) {
      case 'IHDR':
        if (length < 13) throw new Error('truncated IHDR chunk');
        width = u32(data, 0);
        height = u32(data, 4);
        bitDepth = data[8];
        colorType = data[9];
        if (data[11] !== 0) throw new Error('unknown PNG filter method');
        break;
      case 'tRNS':
        if (bitDepth === 16 && colorType === 0 && length >= 2) gray16Transparency = (data[0] << 8) | data[1];
        break;
      case 'iCCP':
      case 'zTXt': {
        const nul = data.indexOf(0);
        const method = nul < 0 ? 0 : data[nul + 1] ?? 0;
        if (method !== 0) throw new Error(`unknown compression method ${method} in ${id} chunk`);
        if (nul >= 0) {
          const size = inflatedSize(data.subarray(nul + 2));
          if (size !== null && id === 'zTXt') text(size);
          else if (size !== null && size > MAX_TEXT_CHUNK) text(size); // a profile counts only against the per-chunk limit
        }
        break;
      }
      case 'iTXt': {
        const nul = data.indexOf(0);
        if (nul >= 0 && nul + 2 < data.length && data[nul + 1] !== 0 && data[nul + 2] === 0) {
          const lang = data.indexOf(0, nul + 3);
          const key = lang < 0 ? -1 : data.indexOf(0, lang + 1);
          if (key >= 0) {
            const size = inflatedSize(data.subarray(key + 1));
            if (size !== null) text(size);
          }
        }
        break;
      }
      case 'acTL':
        if (length < 8) throw new Error('APNG contains truncated acTL chunk');
        animated = u32(data, 0) > 0;
        break;
      case 'fcTL': {
        if (length < 26) throw new Error('APNG contains truncated fcTL chunk');
        const seq = u32(data, 0);
        if ((sequence === null && seq !== 0) || (sequence !== null && sequence !== seq - 1)) throw new Error('APNG contains frame sequence errors');
        sequence = seq;
        if (u32(data, 12) + u32(data, 4) > width || u32(data, 16) + u32(data, 8) > height) throw new Error('APNG contains invalid frames');
        break;
      }
      case 'fdAT':
        if (length < 4) throw new Error('APNG contains truncated fdAT chunk');
        if (sequence === null || sequence !== u32(data, 0) - 1) throw new Error('APNG contains frame sequence errors');
        sequence = u32(data, 0);
        break;
      case 'IDAT':
        seenData = true;
        break;
      default:
        break;
    }
    // Pillow verifies the checksum after handling the chunk, and only before the image data.
    if (!seenData && id !== 'IDAT' && body + length + 4 <= bytes.length && crc32(data, crc32(id)) !== u32(bytes, body + length)) {
      throw new Error(`broken PNG file (bad checksum in ${id})`);
    }
    pos = body + length + 4;
  }
  return { gray16Transparency };
}

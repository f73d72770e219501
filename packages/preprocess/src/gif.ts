/**
 * First frame of a GIF, as Pillow's GifImagePlugin presents it to `convert()`.
 *
 * Pillow keeps a GIF frame as palette indices: `convert("RGB")` then shows every pixel in its
 * palette colour, transparent ones included, and the area of the logical screen not covered by
 * the first frame is the transparency index (or index 0). libvips instead composites the frame
 * and zeroes transparent pixels, so we decode the (small) GIF format ourselves.
 */
import { assertPixelCount } from './errors.js';
import type { PillowImage } from './types.js';

class GifReader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of GIF data');
    return this.bytes[this.pos++];
  }
  u16(): number {
    const lo = this.byte();
    return lo | (this.byte() << 8);
  }
  take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new Error('unexpected end of GIF data');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** Concatenated data sub-blocks up to the zero-length terminator. */
  subBlocks(): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let len = this.byte(); len !== 0; len = this.byte()) {
      parts.push(this.take(len));
      total += len;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/**
 * Variable-width LZW decoding of GIF image data into `pixelCount` palette indices, prefilled with
 * `fill`: when the codes end (end code, or the last data sub-block) before the last pixel, the
 * rest keeps `fill`, as Pillow keeps the canvas there. A file cut inside its sub-blocks is
 * rejected earlier, by the block reader. Code sizes up to 11 bits are accepted, as by Pillow
 * (the table tops out at 12-bit codes).
 */
function lzwDecode(data: Uint8Array, minCodeSize: number, pixelCount: number, fill: number): Uint8Array {
  if (minCodeSize < 2 || minCodeSize > 11) throw new Error(`invalid LZW code size ${minCodeSize}`);
  const out = new Uint8Array(pixelCount).fill(fill);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const firstOf = new Uint8Array(4096);
  const lengthOf = new Int32Array(4096);
  for (let i = 0; i < clear; i++) {
    suffix[i] = i;
    firstOf[i] = i;
    lengthOf[i] = 1;
  }
  let codeSize = minCodeSize + 1;
  let next = end + 1;
  let prev = -1;
  let bitBuf = 0;
  let bitCount = 0;
  let o = 0;
  for (let i = 0; i < data.length && o < pixelCount; ) {
    while (bitCount < codeSize && i < data.length) {
      bitBuf |= data[i++] << bitCount;
      bitCount += 8;
    }
    if (bitCount < codeSize) break;
    const code = bitBuf & ((1 << codeSize) - 1);
    bitBuf >>>= codeSize;
    bitCount -= codeSize;
    if (code === clear) {
      codeSize = minCodeSize + 1;
      next = end + 1;
      prev = -1;
      continue;
    }
    if (code === end) break;
    let emit: number;
    if (prev === -1) {
      if (code >= clear) throw new Error('corrupt LZW stream');
      out[o++] = code;
      prev = code;
      continue;
    } else if (code < next) {
      emit = code;
      if (next < 4096) {
        prefix[next] = prev;
        suffix[next] = firstOf[code];
        firstOf[next] = firstOf[prev];
        lengthOf[next] = lengthOf[prev] + 1;
        next++;
      }
    } else if (code === next && next < 4096) {
      prefix[next] = prev;
      suffix[next] = firstOf[prev];
      firstOf[next] = firstOf[prev];
      lengthOf[next] = lengthOf[prev] + 1;
      emit = next++;
    } else {
      throw new Error('corrupt LZW stream');
    }
    // Write the string for `emit` backwards from its end.
    const len = lengthOf[emit];
    let w = Math.min(o + len, pixelCount) - 1;
    let c = emit;
    for (let skip = o + len - 1 - w; skip > 0; skip--) c = prefix[c];
    while (w >= o) {
      out[w--] = suffix[c];
      c = prefix[c];
    }
    o = Math.min(o + len, pixelCount);
    prev = emit;
    if (next === 1 << codeSize && codeSize < 12) codeSize++;
  }
  return out;
}

/** Row order of an interlaced frame: passes starting at 0, 4, 2, 1 with steps 8, 8, 4, 2. */
function interlacedRows(height: number): Int32Array {
  const rows = new Int32Array(height);
  let i = 0;
  for (const [start, step] of [[0, 8], [4, 8], [2, 4], [1, 2]] as const) {
    for (let y = start; y < height; y += step) rows[i++] = y;
  }
  return rows;
}

/** Decodes the first frame as Pillow shows it: palette colours, RGB (or RGBA when transparent). */
export function decodeGifFirstFrame(bytes: Uint8Array): PillowImage {
  const r = new GifReader(bytes);
  r.take(6); // signature, checked by the caller
  const screenW = r.u16();
  const screenH = r.u16();
  // Pillow checks the size against its bomb limit on open, before reading any image data.
  assertPixelCount(screenW * screenH);
  const flags = r.byte();
  r.byte(); // background colour index: Pillow does not paint it on the first frame
  r.byte(); // pixel aspect ratio
  let globalPalette: Uint8Array | null = null;
  if (flags & 0x80) globalPalette = r.take(3 * (1 << ((flags & 7) + 1)));
  let transparency: number | null = null;
  for (;;) {
    const block = r.byte();
    if (block === 0x21) {
      const label = r.byte();
      const body = r.subBlocks();
      if (label === 0xf9 && body.length >= 4 && body[0] & 1) transparency = body[3];
      continue;
    }
    if (block === 0x3b) throw new Error('GIF contains no image');
    if (block !== 0x2c) throw new Error(`unexpected GIF block 0x${block.toString(16)}`);
    const left = r.u16();
    const top = r.u16();
    const fw = r.u16();
    const fh = r.u16();
    // The image is the screen grown to hold the frame; checked before any data is decoded.
    assertPixelCount(Math.max(screenW, left + fw) * Math.max(screenH, top + fh));
    const fflags = r.byte();
    const palette = fflags & 0x80 ? r.take(3 * (1 << ((fflags & 7) + 1))) : globalPalette;
    const minCodeSize = r.byte();
    const indices = lzwDecode(r.subBlocks(), minCodeSize, fw * fh, transparency ?? 0);
    const width = Math.max(screenW, left + fw);
    const height = Math.max(screenH, top + fh);
    if (width === 0 || height === 0) throw new Error('GIF has zero size');
    // Pillow fills the canvas with the transparency index (or 0) before pasting the frame.
    const canvas = new Uint8Array(width * height).fill(transparency ?? 0);
    const rows = fflags & 0x40 ? interlacedRows(fh) : null;
    for (let i = 0; i < fh; i++) {
      const y = top + (rows ? rows[i] : i);
      canvas.set(indices.subarray(i * fw, (i + 1) * fw), y * width + left);
    }
    return expandPalette(canvas, width, height, palette, transparency);
  }
}

function expandPalette(
  indices: Uint8Array,
  width: number,
  height: number,
  palette: Uint8Array | null,
  transparency: number | null,
): PillowImage {
  const n = width * height;
  const channels = transparency === null ? 3 : 4;
  const data = new Uint8Array(n * channels);
  const entries = palette ? palette.length / 3 : 0;
  for (let i = 0, o = 0; i < n; i++, o += channels) {
    const idx = indices[i];
    if (palette === null) {
      // No colour table: Pillow treats the indices as gray levels (mode L).
      data[o] = data[o + 1] = data[o + 2] = idx;
    } else if (idx < entries) {
      data[o] = palette[idx * 3];
      data[o + 1] = palette[idx * 3 + 1];
      data[o + 2] = palette[idx * 3 + 2];
    }
    if (channels === 4) data[o + 3] = idx === transparency ? 0 : 255;
  }
  return { mode: channels === 4 ? 'RGBA' : 'RGB', width, height, channels, data };
}

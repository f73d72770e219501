/**
 * Bad input: every broken or unsupported file is rejected with an ImageDecodeError that names
 * the file and the cause, never a crash and never a partial image.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage, DecompressionBombError, ImageDecodeError, loadImg } from '../src/index.js';
import { REPO_ROOT } from './helpers/keras.js';

const CORRUPT = join(REPO_ROOT, 'golden', 'corrupt');
const corruptFiles = readdirSync(CORRUPT).filter((f) => f !== 'README.md');
const scratch = mkdtempSync(join(tmpdir(), 'prepguard-errors-'));

async function decodeError(run: () => Promise<unknown>): Promise<ImageDecodeError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(ImageDecodeError);
    return err as ImageDecodeError;
  }
  throw new Error('expected an ImageDecodeError, but the image decoded');
}

test('golden/corrupt has the fixtures this suite relies on', () => {
  expect(corruptFiles).toEqual(expect.arrayContaining(['empty.png', 'garbage.jpg', 'truncated.jpg', 'truncated.png', 'unsupported.svg']));
});

describe.each(corruptFiles.map((f) => [f]))('golden/corrupt/%s', (file) => {
  const path = join(CORRUPT, file);

  test('loadImg(path) throws ImageDecodeError naming the file', async () => {
    const err = await decodeError(() => loadImg(path, { targetSize: [224, 224] }));
    expect(err.file).toBe(path);
    expect(err.message).toContain(path);
    expect(err.reason.length).toBeGreaterThan(5);
  });

  test('loadImg(bytes, { fileName }) names the given file', async () => {
    const err = await decodeError(() => loadImg(readFileSync(path), { fileName: `upload/${file}` }));
    expect(err.file).toBe(`upload/${file}`);
    expect(err.message).toContain(`upload/${file}`);
  });
});

test.each([
  ['truncated.jpg', /truncated|premature end/i],
  ['truncated.png', /truncated|end of|IDAT|read error/i],
  ['empty.png', /empty file/],
  ['garbage.jpg', /unsupported image format \(unrecognised data\)/],
  ['unsupported.svg', /unsupported image format \(SVG\)/],
])('%s: the reason says what is wrong', async (file, reason) => {
  const err = await decodeError(() => decodeImage(join(CORRUPT, file)));
  expect(err.reason).toMatch(reason);
});

/** A 1x1 24-bit BMP (blue pixel), with header fields patched by the tests below. */
function bmp1x1(patch: (b: Buffer) => void = () => {}): Buffer {
  const b = Buffer.from(
    '424d3a0000000000000036000000280000000100000001000000010018000000000004000000130b0000130b00000000000000000000ff000000',
    'hex',
  );
  patch(b);
  return b;
}

test('a BMP decodes (libvips has no BMP loader; formats/bmp.ts does)', async () => {
  const img = await loadImg(bmp1x1());
  expect([...img.data]).toEqual([0, 0, 255]);
});

test('a valid BMP of a kind Pillow opens but this package does not model says "unsupported", not "corrupt"', async () => {
  const file = join(scratch, 'jpeg-in-bmp.bmp');
  writeFileSync(file, bmp1x1((b) => b.writeUInt32LE(4, 30))); // compression 4: JPEG inside BMP
  const err = await decodeError(() => loadImg(file));
  expect(err.reason).toMatch(/^unsupported: BMP compression 4/);
  expect(err.file).toBe(file);
});

test('an image above twice Pillow\'s MAX_IMAGE_PIXELS is a DecompressionBombError, before any pixel is allocated', async () => {
  const bomb = bmp1x1((b) => {
    b.writeUInt32LE(20_000, 18);
    b.writeUInt32LE(20_000, 22);
  });
  const err = await decodeError(() => loadImg(bomb, { fileName: 'bomb.bmp' }));
  expect(err).toBeInstanceOf(DecompressionBombError);
  expect(err.reason).toMatch(/decompression bomb: 400000000 pixels exceeds 178956970, twice Pillow's Image.MAX_IMAGE_PIXELS \(89478485\)/);
  expect(err.file).toBe('bomb.bmp');
});

test('a text file is rejected as unsupported', async () => {
  const file = join(scratch, 'notes.txt');
  writeFileSync(file, 'not an image\n');
  const err = await decodeError(() => loadImg(file));
  expect(err.reason).toMatch(/unsupported image format/);
});

test('a missing file is an ImageDecodeError, not a raw ENOENT', async () => {
  const file = join(scratch, 'does-not-exist.png');
  const err = await decodeError(() => loadImg(file));
  expect(err.reason).toBe('file not found');
});

test('a GIF cut inside its image data is rejected, not returned partially decoded', async () => {
  const gif = readFileSync(join(REPO_ROOT, 'golden', 'images', 'animated.gif'));
  const file = join(scratch, 'cut.gif');
  writeFileSync(file, gif.subarray(0, 200));
  const err = await decodeError(() => loadImg(file));
  expect(err.reason).toMatch(/GIF/);
});

test('bytes without a file name are reported as <buffer>', async () => {
  const err = await decodeError(() => loadImg(new Uint8Array([1, 2, 3])));
  expect(err.file).toBe('<buffer>');
});

/** A minimal little-endian TIFF: one 2x2 8-bit gray strip, with the given compression code. */
function tinyTiff(compression: number): Buffer {
  const entries: Array<[number, number, number, number]> = [
    [256, 3, 1, 2], // width
    [257, 3, 1, 2], // height
    [258, 3, 1, 8], // bits
    [259, 3, 1, compression],
    [262, 3, 1, 1], // BlackIsZero
    [273, 4, 1, 8 + 2 + entriesBytes(8) + 4], // strip offset: after the directory
    [277, 3, 1, 1],
    [278, 3, 1, 2],
  ];
  function entriesBytes(n: number): number {
    return n * 12;
  }
  const out = Buffer.alloc(8 + 2 + entries.length * 12 + 4 + 4);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    if (type === 3) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  out.set([10, 20, 30, 40], out.length - 4);
  return out;
}

test('the tiny TIFF helper is a valid TIFF (uncompressed it decodes to its 4 pixels)', async () => {
  const img = await decodeImage(tinyTiff(1));
  expect([...img.data]).toEqual([10, 20, 30, 40]);
});

test.each([
  [34925, /^unsupported: LZMA compression in TIFF/],
  [50001, /^unsupported: WebP compression in TIFF/],
  [6, /^unsupported: old-style JPEG compression in TIFF/],
])('a TIFF with compression %i is refused as unsupported, never returned as a blank image', async (compression, reason) => {
  const err = await decodeError(() => decodeImage(tinyTiff(compression), { fileName: 'x.tif' }));
  expect(err.reason).toMatch(reason);
});

test('a GIF whose frame makes the image a decompression bomb is refused before decoding', async () => {
  // 32x32 screen, one frame placed at top 65280 of 65535x1321 pixels, no data.
  const gif = Buffer.from('474946383961' + '20002000' + '000000' + '2c' + '0000' + '00ff' + 'ffff' + '2905' + '00' + '08', 'hex');
  const err = await decodeError(() => decodeImage(gif, { fileName: 'bomb.gif' }));
  expect(err).toBeInstanceOf(DecompressionBombError);
});

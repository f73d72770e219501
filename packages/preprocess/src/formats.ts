/**
 * Container sniffing by magic bytes, so unsupported or unrecognisable input is rejected with a
 * precise reason before any decoder runs.
 */

/** Formats this package decodes (Pillow opens each of them too). */
export type SupportedFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'bmp' | 'dib' | 'pnm';

export const SUPPORTED_FORMATS: readonly SupportedFormat[] = ['jpeg', 'png', 'gif', 'webp', 'tiff', 'bmp', 'dib', 'pnm'];

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Identifies a supported format, or returns null. */
export function detectFormat(bytes: Uint8Array): SupportedFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff'; // BigTIFF
  if (startsWith(bytes, ascii('BM'))) return 'bmp';
  // Netpbm: P1-P6 (plain and raw PBM/PGM/PPM).
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] >= 0x31 && bytes[1] <= 0x36) return 'pnm';
  if (startsWith(bytes, ascii('Pf')) || startsWith(bytes, ascii('PF'))) return 'pnm'; // PFM
  // A bare DIB (no file header) is recognised, as by Pillow, by its header size alone.
  if (bytes.length >= 4 && [12, 40, 52, 56, 64, 108, 124].includes(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24))) return 'dib';
  return null;
}

/** A short name for well-known formats we deliberately do not decode, for the error message. */
export function describeUnsupported(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'SVG';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'HEIF/AVIF';
  if (startsWith(bytes, ascii('%PDF'))) return 'PDF';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'ICO';
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50])) return 'JPEG 2000';
  return 'unrecognised data';
}

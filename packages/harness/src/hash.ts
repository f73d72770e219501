import { createHash } from 'node:crypto';
import { endianness } from 'node:os';

const LITTLE_ENDIAN = endianness() === 'LE';

/** Hex SHA-256 of raw bytes (golden image files, weight shards). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes of a float32 array in little-endian order, whatever the platform's endianness. */
export function float32LeBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}

/** Hex SHA-256 of a float32 tensor's values as little-endian bytes (the reference's `input.sha256`). */
export function float32Sha256(values: Float32Array): string {
  return sha256Hex(float32LeBytes(values));
}

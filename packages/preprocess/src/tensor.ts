/**
 * The few tfjs operations `preprocessInput` needs, without a hard dependency on tfjs.
 *
 * tfjs is an optional peer: we prefer the tensor's own chained methods (registered by
 * `@tensorflow/tfjs`), so the caller's tfjs instance and backend do the work; with a bare
 * `@tensorflow/tfjs-core` we fall back to its exported ops, loaded only when a tensor arrives.
 */
import { createRequire } from 'node:module';

/** The structural part of a tfjs `Tensor` this package relies on. */
export interface TensorLike {
  readonly dataId: object;
  readonly dtype: string;
  readonly shape: number[];
  dataSync(): ArrayLike<number>;
  dispose(): void;
}

/** A scalar or a nested array of numbers, shaped to broadcast against the tensor. */
export type Operand = number | Operand[];

export interface TensorOps {
  clone(x: TensorLike): TensorLike;
  cast(x: TensorLike, dtype: 'float32'): TensorLike;
  div(x: TensorLike, y: Operand): TensorLike;
  sub(x: TensorLike, y: Operand): TensorLike;
  reverse(x: TensorLike, axis: number): TensorLike;
  gather(x: TensorLike, indices: number[], axis: number): TensorLike;
}

type Chained = TensorLike & {
  clone?: () => TensorLike;
  cast?: (d: string) => TensorLike;
  div?: (y: Operand) => TensorLike;
  sub?: (y: Operand) => TensorLike;
  reverse?: (axis: number) => TensorLike;
  gather?: (indices: number[], axis: number) => TensorLike;
};

let coreOps: TensorOps | undefined;

function loadCoreOps(): TensorOps {
  if (coreOps) return coreOps;
  let tf: Record<string, (...args: unknown[]) => TensorLike>;
  try {
    tf = createRequire(import.meta.url)('@tensorflow/tfjs-core') as typeof tf;
  } catch (err) {
    throw new Error('preprocessInput on a tensor needs @tensorflow/tfjs (or @tensorflow/tfjs-core) installed', { cause: err });
  }
  coreOps = {
    clone: (x) => tf.clone(x),
    cast: (x, d) => tf.cast(x, d),
    div: (x, y) => tf.div(x, y),
    sub: (x, y) => tf.sub(x, y),
    reverse: (x, axis) => tf.reverse(x, axis),
    gather: (x, indices, axis) => tf.gather(x, indices, axis),
  };
  return coreOps;
}

/** Operations bound to the tensor's own tfjs when possible. */
export function tensorOps(sample: TensorLike): TensorOps {
  const c = sample as Chained;
  if (typeof c.div === 'function' && typeof c.sub === 'function' && typeof c.reverse === 'function' && typeof c.gather === 'function') {
    return {
      clone: (x) => (x as Chained).clone!(),
      cast: (x, d) => (x as Chained).cast!(d),
      div: (x, y) => (x as Chained).div!(y),
      sub: (x, y) => (x as Chained).sub!(y),
      reverse: (x, axis) => (x as Chained).reverse!(axis),
      gather: (x, indices, axis) => (x as Chained).gather!(indices, axis),
    };
  }
  return loadCoreOps();
}

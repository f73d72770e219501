/** What the page and Node send each other (plain JSON; pixel data as base64). */

/** How the pipeline gets each golden image, as a page would get it. */
export const INPUT_KINDS = ['image', 'bitmap', 'canvas', 'blob', 'bytes'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export interface BrowserDecodeOptions {
  /** Colour-manage through the embedded ICC profile (the browser's default). */
  icc: boolean;
  /** Round-trip through a 2D canvas, which stores premultiplied alpha. */
  premultiply: boolean;
  /** Draw onto a canvas of this size with the browser's smoothing. */
  resize: { width: number; height: number; quality: 'low' | 'medium' | 'high' } | null;
}

export interface PageDecoded {
  width: number;
  height: number;
  /** RGB, 8 bits per channel. */
  base64: string;
}

export type PageOutput =
  | { kind: 'tensor'; dtype: string; shape: number[]; base64: string }
  | { kind: 'pixels'; dtype: string; numeric: boolean; shape: number[]; base64: string }
  | { kind: 'other'; type: string };

export interface PageRunResult {
  output?: PageOutput;
  inputKind?: InputKind;
  error?: { name: string; message: string };
  /** Tensors the pipeline left in the page's tfjs. */
  leaked: number;
  ms: number;
}

/** Full-size (or resized) RGB pixels of a golden image as the browser decodes it. */
export interface BrowserDecoded {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The browser's decoder, asked from Node by the diagnosis (the page stays open for it). */
export interface BrowserDecoder {
  decode(image: Uint8Array, file: string, options: BrowserDecodeOptions): Promise<BrowserDecoded>;
}

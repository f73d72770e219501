/// <reference lib="dom" />
/**
 * The decoded pixels exactly as stored in the file, in the browser. A 2D canvas premultiplies
 * alpha (getImageData then loses the colour of transparent pixels), so the bitmap is read through
 * WebGL with premultiplication and colour conversion off.
 */
export interface RgbPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Which of the browser's default conversions to keep (the correct pipeline keeps none). */
export interface DecodeSettings {
  colorSpaceConversion: 'none' | 'default';
  imageOrientation?: 'none' | 'from-image';
}

export async function exactPixels(blob: Blob, settings: DecodeSettings = { colorSpaceConversion: 'none' }): Promise<RgbPixels> {
  const bitmap = await createImageBitmap(blob, { ...settings, premultiplyAlpha: 'none' } as ImageBitmapOptions);
  const { width, height } = bitmap;
  const gl = new OffscreenCanvas(width, height).getContext('webgl2', { premultipliedAlpha: false });
  if (!gl) throw new Error('this browser has no WebGL2');
  gl.bindTexture(gl.TEXTURE_2D, gl.createTexture());
  gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, settings.colorSpaceConversion === 'none' ? gl.NONE : gl.BROWSER_DEFAULT_WEBGL);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
  gl.bindFramebuffer(gl.FRAMEBUFFER, gl.createFramebuffer());
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, gl.getParameter(gl.TEXTURE_BINDING_2D), 0);
  const rgba = new Uint8Array(width * height * 4);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  bitmap.close();
  return { data: dropAlpha(rgba), width, height };
}

/** RGBA → RGB without compositing, as Pillow's convert('RGB') does. */
export function dropAlpha(rgba: ArrayLike<number>): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return rgb;
}

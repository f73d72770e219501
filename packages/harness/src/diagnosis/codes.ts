/** The fixed diagnosis codes, used in messages, JSON reports and the HTML report. */
export const DIAGNOSIS_CODES = [
  'unit-scaling',
  'symmetric-scaling',
  'torch-normalization',
  'raw-pixels',
  'caffe-without-bgr',
  'channel-order',
  'double-preprocessing',
  'scaled-then-mean',
  'resize-crop',
  'resize-filter',
  'icc-conversion',
  'exif-orientation',
  'alpha-composited',
  'layout',
  'unknown',
] as const;

export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

/** Where in the Keras pipeline (load_img decode → resize → img_to_array/preprocess_input) a mistake acts. */
export type Stage = 'decode' | 'resize' | 'normalize';

export interface CodeInfo {
  stage: Stage;
  /** One line: what the pipeline does wrong. */
  title: string;
  /** How to fix it. */
  fix: string;
}

const PORT = '@prepguard/preprocess';

/** What each code means and how to fix it (`mode` is the reference's preprocess_input mode). */
export function codeInfo(code: DiagnosisCode, mode: string, interpolation = 'nearest'): CodeInfo {
  const keras = `use preprocessInput(x, { mode: '${mode}' }) from ${PORT}`;
  switch (code) {
    case 'unit-scaling':
      return { stage: 'normalize', title: 'pixels were divided by 255 ([0, 1]) instead of the model\'s preprocessing', fix: `remove the /255 and ${keras}` };
    case 'symmetric-scaling':
      return { stage: 'normalize', title: 'pixels were scaled to [-1, 1] (Keras \'tf\' mode) instead of the model\'s preprocessing', fix: `remove the x / 127.5 - 1 and ${keras}` };
    case 'torch-normalization':
      return { stage: 'normalize', title: 'pixels were normalized with ImageNet mean/std after /255 (Keras \'torch\' mode)', fix: `remove the mean/std normalization and ${keras}` };
    case 'raw-pixels':
      return { stage: 'normalize', title: 'raw 0..255 pixels reached the model: no preprocess_input was applied', fix: keras };
    case 'caffe-without-bgr':
      return { stage: 'normalize', title: 'the ImageNet means were subtracted but the channels were not flipped RGB→BGR', fix: `caffe mode flips RGB to BGR before subtracting [103.939, 116.779, 123.68]: ${keras}` };
    case 'channel-order':
      // In caffe mode, unflipped channels are caffe-without-bgr whatever the order of the means
      // ("caffe, then reversed" is the same tensor as "RGB minus RGB-ordered means"); what is left is
      // BGR channels with the means in the other order.
      return mode === 'caffe'
        ? { stage: 'normalize', title: 'the channels are BGR but the ImageNet means were subtracted in RGB order (blue got the red mean)', fix: `subtract [103.939, 116.779, 123.68] from B, G, R, in that order: ${keras}` }
        : { stage: 'normalize', title: 'the channels are in the wrong order (RGB vs BGR)', fix: `feed RGB pixels to preprocessing and let it reorder: ${keras}; do not reverse the channels yourself` };
    case 'double-preprocessing':
      return { stage: 'normalize', title: 'preprocess_input was applied twice', fix: 'apply the model\'s preprocessing exactly once (check for a preprocessing layer or a second call)' };
    case 'scaled-then-mean':
      return { stage: 'normalize', title: 'pixels were scaled to [-1, 1] and then the ImageNet means were subtracted', fix: `do not scale before mean subtraction: ${keras}` };
    case 'resize-crop':
      return {
        stage: 'resize',
        title: 'the image was cropped to the target aspect ratio instead of squashed (sharp\'s default fit: \'cover\')',
        fix: `Keras squashes: sharp: .resize(w, h, { fit: 'fill', kernel: '${interpolation === 'nearest' ? 'nearest' : 'lanczos3'}' }), or use loadImg from ${PORT}`,
      };
    case 'resize-filter':
      return {
        stage: 'resize',
        title: `the image was resized with a different filter than Keras' '${interpolation}' (Pillow)`,
        fix: `use loadImg(bytes, { targetSize, interpolation: '${interpolation}' }) from ${PORT} (sharp's kernels never match Pillow's filters exactly; sharp: .resize(w, h, { fit: 'fill', kernel: 'nearest' }) matches Pillow 'nearest' only for some sizes)`,
      };
    case 'icc-conversion':
      return { stage: 'decode', title: 'the embedded ICC profile was applied (sharp\'s default); Keras/Pillow ignores it', fix: 'sharp(buf, { ignoreIcc: true }), or decode with loadImg from ' + PORT };
    case 'exif-orientation':
      return { stage: 'decode', title: 'the image was rotated by its EXIF orientation; Keras/Pillow does not auto-orient', fix: 'remove .rotate() / autoOrient from the sharp pipeline, or decode with loadImg from ' + PORT };
    case 'alpha-composited':
      return { stage: 'decode', title: 'the alpha channel was composited onto a background; Keras/Pillow drops alpha without compositing', fix: 'sharp: .removeAlpha() instead of .flatten(), or decode with loadImg from ' + PORT };
    case 'layout':
      return { stage: 'normalize', title: 'the tensor is channels-first (C, H, W); the model expects channels-last (H, W, C)', fix: 'keep channels-last: imgToArray(img, { dataFormat: \'channels_last\' }); do not transpose to [C, H, W]' };
    case 'unknown':
      return { stage: 'normalize', title: 'the input differs from the Keras input in a way no known mistake explains', fix: `compare your pipeline step by step with loadImg → imgToArray → preprocessInput from ${PORT}` };
  }
}

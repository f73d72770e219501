import bgrChannelOrder from './bgr-channel-order.js';
import kerasCompatibleResize from './keras-compatible-resize.js';
import noDoublePreprocessing from './no-double-preprocessing.js';
import noNaiveScaling from './no-naive-scaling.js';
import preprocessModeMismatch from './preprocess-mode-mismatch.js';

export const rules = {
  'no-naive-scaling': noNaiveScaling,
  'preprocess-mode-mismatch': preprocessModeMismatch,
  'bgr-channel-order': bgrChannelOrder,
  'no-double-preprocessing': noDoublePreprocessing,
  'keras-compatible-resize': kerasCompatibleResize,
};

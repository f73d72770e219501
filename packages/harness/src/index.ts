/**
 * @prepguard/harness: golden-image regression checks for TF.js preprocessing pipelines against a
 * reference recorded by Keras, with a diagnosis of the preprocessing mistake behind any drift.
 */
export type { Pipeline, PixelArray, CandidateInput } from './pipeline/types.js';
export { runCheck } from './check/run-check.js';
export { CheckSession, DEFAULT_TIMEOUT_MS, defaultImagesDir } from './check/session.js';
export type { CheckOptions, CheckReport, ImageResult, ImageStatus, InputParity, Timings } from './check/types.js';
export { recordReference, listImages, type RecordOptions } from './record.js';
export { readReference, validateReference } from './reference/validate.js';
export { writeReference, isCI } from './reference/write.js';
export { referenceSchemaV1 } from './reference/schema.js';
export {
  REFERENCE_FORMAT,
  REFERENCE_VERSION,
  type Reference,
  type ReferenceImage,
  type ReferencePreprocessing,
  type PreprocessMode,
  type Interpolation,
} from './reference/types.js';
export { loadModel, describeModel, weightsSha256, type LoadedModel } from './model/load.js';
export { fileSystemLoader, fileSystemSaver } from './model/io.js';
export { InferenceRunner, UnknownLayerError } from './model/inference.js';
export { selectBackend, chooseBackend, type BackendInfo, type BackendOptions } from './backend.js';
export { NativeBackendError } from './native-backend.js';
export { loadPipeline, parsePipelineSpec } from './pipeline/resolve.js';
export { runPipeline, nodeRunner, type PipelineRunner, type PipelineRun } from './pipeline/run.js';
export { BrowserPipelineRunner, type BrowserRunnerOptions } from './browser/runner.js';
export { launchChromium, findChromium, browserUnavailableReason, CHROMIUM_FLAGS, type RunningBrowser } from './browser/chromium.js';
export { INPUT_KINDS, type InputKind } from './browser/protocol.js';
export { DEFAULT_TOLERANCE, resolveTolerance, type Tolerance } from './compare/tolerance.js';
export { diagnose, diagnoseCandidate, type Diagnosis, type Finding } from './diagnosis/diagnose.js';
export { DIAGNOSIS_CODES, codeInfo, type DiagnosisCode, type Stage } from './diagnosis/codes.js';
export { explainImage, summarize } from './report/explain.js';
export { writeHtmlReport, renderHtmlReport, type HtmlReportOptions } from './report/html.js';
export { layerStats, channelStats, type LayerStats, type ChannelStats } from './stats.js';
export { describeGolden, type DescribeGoldenOptions } from './jest/describe-golden.js';
export { goldenGroup } from './jest/golden-groups.js';
export { matchers, toMatchKerasInput, type KerasInputExpectation } from './jest/matchers.js';
export * from './errors.js';

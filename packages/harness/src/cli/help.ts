/** The `prepguard` command's help texts and exit codes: one place, shown by `--help` and kept in the README. */
import { DEFAULT_TOLERANCE, type Tolerance } from '../compare/tolerance.js';
import { DEFAULT_TIMEOUT_MS } from '../check/session.js';

/** What the process exit code means; CI tells drift from a broken setup by it. */
export const EXIT = {
  /** Every image passed (warnings allowed), or the reference was recorded. */
  ok: 0,
  /** The check ran and found drift: an image failed or could not be checked. */
  drift: 1,
  /** Nothing was checked: bad usage, or a model, reference, pipeline or images folder that cannot be loaded. */
  cannotRun: 2,
} as const;

const EXIT_CODES = `Exit codes:
  0  every image passes (warnings allowed)
  1  drift: at least one image failed, or could not be checked (its pipeline threw, timed out,
     returned nothing usable, or its golden file changed)
  2  nothing was checked: bad usage, or a model, reference, pipeline or images folder that
     cannot be loaded (the message names the file and the cause)
`;

/** Unit and meaning of each tolerance, for `prepguard check --help`. */
const TOLERANCE_HELP: Record<keyof Tolerance, string> = {
  topK: 'k: how many of the reference top-k classes to compare (integer)',
  minTopKOverlap: 'fraction 0..1 of the reference top-k classes that must be in yours (0.6 = 3 of 5)',
  top1TieMargin: 'probability: best two reference classes closer than this count as a tie (raised to the backend precision)',
  layerRelError: 'fraction: relative error allowed on each layer mean, std and L2 norm (0.05 = 5%)',
  layerAbsError: 'layer units: an absolute error below this always passes (guards near-zero statistics)',
  layerMinCosine: '-1..1: minimum cosine similarity of each layer channel-mean vector',
  inputMaxAbsError: 'model-input units (after normalization): max abs error vs the Keras input',
  inputMeanAbsError: 'model-input units: mean abs error vs the Keras input',
};

function toleranceLines(): string {
  const keys = Object.keys(DEFAULT_TOLERANCE) as (keyof Tolerance)[];
  const width = Math.max(...keys.map((k) => `${k}=${DEFAULT_TOLERANCE[k]}`.length));
  return keys.map((k) => `    ${`${k}=${DEFAULT_TOLERANCE[k]}`.padEnd(width)}  ${TOLERANCE_HELP[k]}`).join('\n');
}

export const MAIN_HELP = `Usage: prepguard <command> [options]

Commands:
  check    Run golden images through your pipeline and model; compare with the reference
  record   Record a reference with the Keras-exact TypeScript port (no Python needed)
  audit    Lint preprocessing code (ESLint with @prepguard/eslint-plugin)

Run "prepguard <command> --help" for the options of each command.

Options:
  -h, --help     Show this help
  -v, --version  Show the version
  --debug        Print the stack trace of an error (any command)

${EXIT_CODES}`;

export const CHECK_HELP = `Usage: prepguard check --pipeline <module>[#export] --model <model.json> --reference <ref.json> [options]

Runs every golden image of the reference through your pipeline and model and compares the model
input, the predictions and the recorded layer statistics with the reference. A drift gets a
diagnosis (the preprocessing mistake that reproduces it) and a fix.

Required:
  --pipeline <module>[#export]  Your preprocessing: a .ts/.mjs/.cjs/.js module; the export defaults
                                to "default", then "pipeline". It gets one image file's bytes and
                                returns the float32 model input ([1,H,W,C] or [H,W,C]).
  --model <model.json>          The TF.js model (LayersModel or GraphModel, detected); it must be
                                the model the reference was recorded with (checked by weights hash).
  --reference <ref.json>        The reference (scripts/record_reference.py or prepguard record).

Options:
  --images <dir>                Golden images folder. Default: images/ next to the reference when
                                it exists, else the reference's own folder.
  --layers <a,b>                Layers whose statistics are compared. Default: every recorded layer.
  --tolerance <name=value>      Override one tolerance; repeat for several. Names, defaults, units:
${toleranceLines()}
  --input-parity <error|warn|off>
                                What a model input that differs from Keras' does when predictions
                                and layers still match: warn (default) passes with a warning,
                                error fails the image, off ignores it.
  --timeout-ms <n>              Limit per image for your pipeline, in ms. Default ${DEFAULT_TIMEOUT_MS}; a
                                pipeline using more than half of it gets a pipeline-slow note.
  --browser                     Run the pipeline in headless Chromium, as a web page runs it: the
                                module is bundled (esbuild) and each image reaches it as an <img>
                                (or the ImageBitmap, canvas, Blob or bytes its \`input\` export asks
                                for). The model still runs here in Node. Chromium comes from
                                PREPGUARD_CHROMIUM, CHROME_PATH or /usr/bin/chromium; without one the
                                check is skipped (exit 0) with a message, except under CI (exit 2).
  --json <file|->               Write the JSON report to a file, or to stdout with "-".
  --html <file>                 Write a self-contained HTML report (pictures, histograms, diagnosis).
  --debug                       Print stack traces of errors.
  -h, --help                    Show this help.

Notes beside the verdict: a tensor leak, a non-float32 output or a slow pipeline is reported next
to the comparison and turns a pass into a warn; only a pipeline that produced nothing usable makes
an image "error".

${EXIT_CODES}`;

export const RECORD_HELP = `Usage: prepguard record --model <model.json> --preprocess <name> --images <dir> --out <ref.json> [options]

Records a reference with the Keras-exact TypeScript port of load_img / img_to_array /
preprocess_input (producer "prepguard"). A reference recorded by real Keras
(scripts/record_reference.py) is the stronger baseline; this one needs no Python.

Required:
  --model <model.json>          The TF.js model to record predictions and layer statistics with.
  --preprocess <name>           A Keras application (vgg16, vgg19, resnet50, mobilenet_v2,
                                inception_v3, densenet121, efficientnet_b0, ...) or a
                                preprocess_input mode: caffe, tf, torch, raw.
  --images <dir>                Folder of golden images (.jpg .jpeg .png .webp .gif .tif .tiff).
  --out <ref.json>              Where to write the reference.

Options:
  --layers <a,b>                Layers whose statistics are recorded. Default: none.
  --target-size <HxW>           Resize target, e.g. 224x224. Default: the model's input size.
  --interpolation <name>        nearest (Keras' default), bilinear, bicubic, lanczos, box, hamming.
  --keep-aspect-ratio           Crop to the target aspect ratio before resizing (Keras' keep_aspect_ratio).
  --top-k <n>                   How many top classes to record. Default 5.
  --model-name <name>           Model name stored in the reference. Default: the application name.
  --force                       Replace an existing reference (never under --ci or CI=true).
  --ci                          Behave as in CI: never replace an existing reference.
  --debug                       Print stack traces of errors.
  -h, --help                    Show this help.

Every readable image is recorded. An unreadable one (empty, not an image) is named with its cause,
the reference is written with the others, and the exit code is 2.

Exit codes:
  0  the reference was written with every image
  2  nothing or not everything was recorded: bad usage, a model or images folder that cannot be
     loaded, an existing reference without --force, or unreadable images (each one named)
`;

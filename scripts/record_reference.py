#!/usr/bin/env python3
"""Records a prepguard reference with real Keras: what the model sees and predicts for each golden image.

    .venv/bin/python scripts/record_reference.py --model vgg16 --weights none --seed 0 \\
        --images golden/images --layers block5_pool --out vgg16.reference.json [--export-tfjs models/vgg16]

--model      a Keras application name (vgg16, vgg19, resnet50, mobilenet_v2, ...) or a saved model
             (path.keras / path.h5; then --preprocess names its application or mode).
--weights    none      seeded test weights (no download; see scripts/seeded_model.py): the application's
                       convolutional base + GlobalAveragePooling2D + Dense(1000, softmax) "predictions";
             imagenet  Keras' ImageNet weights (downloads them; needs network access);
             <file>    a Keras weights file for the full application (include_top=True).
--export-tfjs DIR  also writes the very same model and weights in TF.js layers format (model.json + shards).

Each image goes through keras.utils.load_img -> img_to_array -> the application's preprocess_input,
exactly as a Keras user would run it, then through model.predict. The reference keeps, per image: the
SHA-256 of the file, the SHA-256 and per-channel statistics of the model input, the top-k classes and
statistics of the requested layers. Format: docs/reference-format.md (version 1).

Exit status: 0 written; 1 an image or the model could not be processed (message names it); 2 bad arguments.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from prepguard_py import quiet  # noqa: E402,F401  (before anything imports keras)
from prepguard_py.arrays import buffer_sha256, channel_stats, file_sha256  # noqa: E402
from prepguard_py.keras_cases import CaseError, LoadImgCache, keras_array  # noqa: E402
from prepguard_py.models import DEFAULT_SIZES, MODEL_MODULES  # noqa: E402
from prepguard_py.versions import producer_versions  # noqa: E402

import numpy as np  # noqa: E402

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff"}  # as the TypeScript harness lists them
PREPROCESS_MODES = ("caffe", "tf", "torch", "raw")
INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "lanczos", "box", "hamming")

# keras.applications module -> the preprocess_input mode it implements ('raw': the model rescales itself).
MODE_BY_MODULE = {
    "vgg16": "caffe", "vgg19": "caffe", "resnet": "caffe",
    "resnet_v2": "tf", "inception_v3": "tf", "inception_resnet_v2": "tf", "xception": "tf",
    "mobilenet": "tf", "mobilenet_v2": "tf", "nasnet": "tf",
    "densenet": "torch",
    "mobilenet_v3": "raw", "efficientnet": "raw", "efficientnet_v2": "raw", "convnext": "raw",
}


class RecordError(Exception):
    """A problem that stops the recording; the message names the file or model and the cause."""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Record a prepguard reference (and optionally a TF.js export) with real Keras.",
    )
    parser.add_argument("--model", required=True, help="application name (vgg16, ...) or path.keras / path.h5")
    parser.add_argument("--weights", default="none", help="none (seeded) | imagenet | path to a weights file")
    parser.add_argument("--seed", type=int, default=0, help="seed for --weights none (default 0)")
    parser.add_argument("--images", required=True, help="folder of golden images")
    parser.add_argument("--layers", action="append", default=[],
                        help="layer whose output statistics to record (repeatable or comma-separated)")
    parser.add_argument("--out", required=True, help="reference JSON to write")
    parser.add_argument("--export-tfjs", metavar="DIR", help="also write the model in TF.js layers format to DIR")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--preprocess", help="application name or mode (caffe|tf|torch|raw); "
                                             "required for a saved model, defaults to --model's own")
    parser.add_argument("--target-size", help="HEIGHTxWIDTH (default: the model's input size)")
    parser.add_argument("--interpolation", default="nearest", choices=INTERPOLATIONS)
    parser.add_argument("--model-name", help="name recorded in the reference (default: --model's name)")
    parser.add_argument("--labels", help="JSON file with the list of class names (index -> label)")
    args = parser.parse_args(argv)
    args.layers = [name for entry in args.layers for name in entry.split(",") if name]
    if args.top_k < 1:
        parser.error("--top-k must be at least 1")
    if args.target_size is not None:
        try:
            height, width = (int(v) for v in args.target_size.lower().split("x"))
        except ValueError:
            parser.error(f"--target-size must look like 224x224, got {args.target_size!r}")
        args.target_size = (height, width)
    is_application = args.model in MODEL_MODULES
    if not is_application and not os.path.isfile(args.model):
        parser.error(f"--model {args.model!r} is neither a known application ({', '.join(sorted(MODEL_MODULES))}) "
                     "nor an existing .keras/.h5 file")
    if not is_application and args.preprocess is None:
        parser.error("--preprocess is required with a saved model (an application name or caffe|tf|torch|raw)")
    if args.preprocess is not None and args.preprocess not in MODEL_MODULES and args.preprocess not in PREPROCESS_MODES:
        parser.error(f"--preprocess {args.preprocess!r} is neither an application name nor one of {PREPROCESS_MODES}")
    return args


def load_model(args):
    """The Keras model described by --model/--weights/--seed."""
    import keras

    from seeded_model import application_constructor, build_seeded_classifier
    from tfjs_export import as_functional

    if args.model not in MODEL_MODULES:
        try:
            model = keras.models.load_model(args.model, compile=False)
        except Exception as error:  # noqa: BLE001
            raise RecordError(f"cannot load model {args.model}: {type(error).__name__}: {error}") from error
        return as_functional(model)
    height, width = args.target_size or DEFAULT_SIZES[args.model]
    if args.weights == "none":
        return build_seeded_classifier(args.model, args.seed, (height, width, 3))
    constructor = application_constructor(args.model)
    if args.weights == "imagenet":
        try:
            return constructor(weights="imagenet")
        except Exception as error:  # noqa: BLE001  (urllib, HTTP and SSL errors all mean "no download")
            raise RecordError(
                f"could not download the ImageNet weights for {args.model} ({type(error).__name__}: {error}). "
                "This needs network access to storage.googleapis.com. Use --weights none for a seeded test "
                "model, or download the weights file elsewhere and pass --weights <file>."
            ) from error
    if not os.path.isfile(args.weights):
        raise RecordError(f"--weights {args.weights!r} is not none, imagenet or an existing weights file")
    try:
        return constructor(weights=args.weights)
    except Exception as error:  # noqa: BLE001
        raise RecordError(f"cannot load weights {args.weights} into {args.model}: {error}") from error


def preprocessing_config(args, model):
    preprocess = args.preprocess or args.model
    application = preprocess if preprocess in MODEL_MODULES else None
    mode = MODE_BY_MODULE[MODEL_MODULES[application]] if application else preprocess
    input_shape = model.input_shape[1:]
    target_size = args.target_size or (tuple(input_shape[:2]) if None not in input_shape[:2] else None)
    if target_size is None:
        raise RecordError(f"model {args.model} accepts any image size; pass --target-size HEIGHTxWIDTH")
    return {
        "mode": mode,
        "application": application,
        "targetSize": list(target_size),
        "interpolation": args.interpolation,
        "keepAspectRatio": False,
        "colorMode": "rgb",
        "dataFormat": "channels_last",
    }


def weights_sha256(model):
    """SHA-256 over every weight, layer by layer in model order, each layer's weights in its own order,
    as float32 little-endian bytes (the TypeScript harness computes the same over the TF.js model)."""
    digest = hashlib.sha256()
    for layer in model.layers:
        for variable in layer.weights:
            digest.update(np.ascontiguousarray(np.asarray(variable.numpy(), dtype="<f4")).tobytes())
    return digest.hexdigest()


def list_images(folder):
    if not os.path.isdir(folder):
        raise RecordError(f"--images {folder!r} is not a folder")
    files = sorted(name for name in os.listdir(folder) if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS)
    if not files:
        raise RecordError(f"no images ({', '.join(sorted(IMAGE_EXTENSIONS))}) in {folder}")
    return files


def keras_inputs(folder, files, preprocessing):
    """The Keras-preprocessed input of every image; all unreadable images are reported together."""
    cache = LoadImgCache()
    inputs, failures = [], []
    for name in files:
        case = {
            "id": name,
            "image": os.path.join(folder, name),
            "targetSize": preprocessing["targetSize"],
            "interpolation": preprocessing["interpolation"],
            "keepAspectRatio": preprocessing["keepAspectRatio"],
            "colorMode": preprocessing["colorMode"],
            "model": preprocessing["application"],
            "mode": None if preprocessing["application"] or preprocessing["mode"] == "raw" else preprocessing["mode"],
            "dataFormat": preprocessing["dataFormat"],
        }
        try:
            inputs.append(np.asarray(keras_array(case, cache), dtype="float32"))
        except CaseError as error:
            failures.append(f"{case['image']}: {error}")
    if failures:
        raise RecordError("Keras could not preprocess these golden images:\n  " + "\n  ".join(failures))
    return inputs


def layer_stats(values):
    """Statistics of one layer output (no batch axis), float64 over the float32 values."""
    x = np.asarray(values, dtype=np.float64)
    return {
        "shape": list(values.shape),
        "mean": float(x.mean()),
        "std": float(x.std()),
        "min": float(x.min()),
        "max": float(x.max()),
        "l2": float(np.sqrt(np.square(x).sum())),
        "zeroFraction": float(np.count_nonzero(values == 0) / values.size),
        "channelMean": [float(v) for v in x.reshape(-1, x.shape[-1]).mean(axis=0)],
    }


def top_k(probabilities, k, labels):
    order = np.argsort(-probabilities, kind="stable")[:k]
    return [
        {"index": int(i), "label": labels[i] if labels else None, "probability": float(probabilities[i])}
        for i in order
    ]


def probe_model(model, layer_names):
    """One model returning the requested layer outputs and then the predictions."""
    import keras

    known = {layer.name for layer in model.layers}
    missing = [name for name in layer_names if name not in known]
    if missing:
        raise RecordError(f"model has no layer(s) {', '.join(missing)}; layers: {', '.join(sorted(known))}")
    outputs = [model.get_layer(name).output for name in layer_names] + [model.output]
    return keras.Model(model.input, outputs)


def read_labels(path):
    if path is None:
        return None
    with open(path, encoding="utf-8") as handle:
        labels = json.load(handle)
    if not isinstance(labels, list) or not all(isinstance(v, str) for v in labels):
        raise RecordError(f"--labels {path} must be a JSON list of strings")
    return labels


def record(args):
    import keras

    files = list_images(args.images)
    labels = read_labels(args.labels)
    model = load_model(args)
    preprocessing = preprocessing_config(args, model)
    inputs = keras_inputs(args.images, files, preprocessing)
    probe = probe_model(model, args.layers)
    images = []
    for name, x in zip(files, inputs):
        results = probe.predict(x[np.newaxis], verbose=0)
        *layer_outputs, probabilities = results if isinstance(results, (list, tuple)) else [results]
        probabilities = probabilities[0]
        if labels is not None and len(labels) != probabilities.shape[-1]:
            raise RecordError(f"--labels has {len(labels)} names but the model has {probabilities.shape[-1]} classes")
        images.append({
            "file": name,
            "sha256": file_sha256(os.path.join(args.images, name)),
            "input": {"shape": list(x.shape), "sha256": buffer_sha256(x), "channels": channel_stats(x)},
            "topK": top_k(probabilities, args.top_k, labels),
            "layers": {layer: layer_stats(output[0]) for layer, output in zip(args.layers, layer_outputs)},
        })
    reference = {
        "format": "prepguard-reference",
        "version": 1,
        "producer": {
            "name": "keras",
            "versions": producer_versions(),
            "createdAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        },
        "model": {
            "name": args.model_name or (args.model if args.model in MODEL_MODULES else
                                        os.path.splitext(os.path.basename(args.model))[0]),
            "weightsSha256": weights_sha256(model),
            "inputShape": [int(v) for v in model.input_shape[1:]],
            "outputClasses": int(model.output_shape[-1]),
        },
        "preprocessing": preprocessing,
        "labels": labels,
        "images": images,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(reference, handle, indent=1)
        handle.write("\n")
    if args.export_tfjs:
        from tfjs_export import TfjsExportError, export_layers_model

        try:
            export_layers_model(model, args.export_tfjs, keras_version=keras.__version__,
                                generated_by=f"keras v{keras.__version__}")
        except TfjsExportError as error:
            raise RecordError(f"cannot export {args.model} to TF.js: {error}") from error
    return reference


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        reference = record(args)
    except RecordError as error:
        print(f"record_reference: {error}", file=sys.stderr)
        return 1
    print(f"record_reference: {len(reference['images'])} images -> {args.out}"
          + (f"; TF.js model -> {args.export_tfjs}" if args.export_tfjs else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The golden case matrix and its recording into golden/keras/.

``golden_cases(image_name)`` is the single definition of which cases are recorded for an image;
``record_golden`` runs them through real Keras (``keras_cases.run_case``) and writes
``manifest.json`` plus one ``<image file name>.json`` per image. The files carry no timestamps,
so re-recording with the same versions reproduces them byte for byte.
"""
import json
import os
import sys
import time

from .arrays import file_sha256
from .keras_cases import LoadImgCache, normalize_case, run_case
from .models import DEFAULT_SIZES, MODEL_MODULES
from .versions import codec_versions, producer_versions

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp")

INTERPOLATIONS = ["nearest", "bilinear", "bicubic", "lanczos", "box", "hamming"]
KEEP_ASPECT_RATIO = [False, True]
MODES = ["caffe", "tf", "torch"]
TARGET_SIZES = [[224, 224], [299, 299], [180, 320]]

# colorMode grayscale / rgba (no preprocess_input) on images whose conversion is interesting.
COLOR_MODE_IMAGES = [
    "camera.png", "chelsea.png", "cmyk.jpg", "gray-alpha.png", "gray16.png", "lossless-alpha.webp",
    "palette-trns.png", "palette.png", "rgb16.png", "rgba-alpha-ramp.png",
]
COLOR_MODES = ["grayscale", "rgba"]
COLOR_MODE_SIZES = [[224, 224], [180, 320]]

# Every application's own preprocess_input, once, at the model's default input size.
MODEL_IMAGE = "chelsea.png"
MODEL_INTERPOLATION = "bilinear"

CHANNELS_FIRST_IMAGES = ["camera.png", "chelsea.png", "rgba-alpha-ramp.png"]
CHANNELS_FIRST_MODELS = ["vgg16", "resnet50v2", "densenet121", "efficientnet_b0"]

MATRIX = {
    "main": {
        "images": "all",
        "targetSize": TARGET_SIZES,
        "interpolation": INTERPOLATIONS,
        "keepAspectRatio": KEEP_ASPECT_RATIO,
        "colorMode": ["rgb"],
        "mode": MODES,
        "dataFormat": ["channels_last"],
    },
    "colorModes": {
        "images": COLOR_MODE_IMAGES,
        "targetSize": COLOR_MODE_SIZES + [None],
        "interpolation": INTERPOLATIONS,
        "keepAspectRatio": KEEP_ASPECT_RATIO,
        "colorMode": COLOR_MODES,
        "mode": [None],
        "dataFormat": ["channels_last"],
        "note": "targetSize null is recorded once per colour mode (nearest, no aspect ratio)",
    },
    "native": {
        "images": "all",
        "targetSize": [None],
        "colorMode": ["rgb"],
        "mode": [None],
        "dataFormat": ["channels_last"],
    },
    "models": {
        "images": [MODEL_IMAGE],
        "model": sorted(MODEL_MODULES),
        "targetSize": "the model's default input size",
        "interpolation": [MODEL_INTERPOLATION],
        "keepAspectRatio": [False],
        "colorMode": ["rgb"],
        "dataFormat": ["channels_last"],
    },
    "channelsFirst": {
        "images": CHANNELS_FIRST_IMAGES,
        "targetSize": [[224, 224]],
        "interpolation": ["bilinear"],
        "keepAspectRatio": [False],
        "colorMode": ["rgb"],
        "mode": [None] + MODES,
        "model": CHANNELS_FIRST_MODELS,
        "dataFormat": ["channels_first"],
        "note": "models only on chelsea.png; camera.png also in grayscale with mode null",
    },
}


def case_id(target_size, interpolation, keep, color_mode, mode=None, model=None, data_format="channels_last"):
    """Readable, stable id: "<h>x<w>|native / interpolation / keep|stretch / colorMode / mode|model:x|none"."""
    size = "native" if target_size is None else f"{target_size[0]}x{target_size[1]}"
    preprocessing = f"model:{model}" if model else (mode or "none")
    parts = [size, interpolation, "keep" if keep else "stretch", color_mode, preprocessing]
    if data_format == "channels_first":
        parts.append("channels_first")
    return "/".join(parts)


def _case(target_size, interpolation, keep, color_mode, mode=None, model=None, data_format="channels_last"):
    return {
        "id": case_id(target_size, interpolation, keep, color_mode, mode, model, data_format),
        "targetSize": target_size,
        "interpolation": interpolation,
        "keepAspectRatio": keep,
        "colorMode": color_mode,
        "mode": mode,
        "model": model,
        "dataFormat": data_format,
    }


def golden_cases(image_name):
    """The case specs (without the image path) recorded for one golden image, in a fixed order
    that keeps cases sharing a load_img call together (so each resize runs once)."""
    cases = []
    for size in TARGET_SIZES:
        for interpolation in INTERPOLATIONS:
            for keep in KEEP_ASPECT_RATIO:
                for mode in MODES:
                    cases.append(_case(size, interpolation, keep, "rgb", mode))
    cases.append(_case(None, "nearest", False, "rgb"))
    if image_name in COLOR_MODE_IMAGES:
        for color_mode in COLOR_MODES:
            for size in COLOR_MODE_SIZES:
                for interpolation in INTERPOLATIONS:
                    for keep in KEEP_ASPECT_RATIO:
                        cases.append(_case(size, interpolation, keep, color_mode))
            cases.append(_case(None, "nearest", False, color_mode))
    if image_name == MODEL_IMAGE:
        for model in sorted(MODEL_MODULES):
            cases.append(_case(list(DEFAULT_SIZES[model]), MODEL_INTERPOLATION, False, "rgb", model=model))
    if image_name in CHANNELS_FIRST_IMAGES:
        for mode in [None] + MODES:
            cases.append(_case([224, 224], "bilinear", False, "rgb", mode, data_format="channels_first"))
        if image_name == "camera.png":
            cases.append(_case([224, 224], "bilinear", False, "grayscale", data_format="channels_first"))
        if image_name == MODEL_IMAGE:
            for model in CHANNELS_FIRST_MODELS:
                cases.append(_case([224, 224], "bilinear", False, "rgb", model=model, data_format="channels_first"))
    return cases


def golden_image_names(images_dir):
    names = sorted(n for n in os.listdir(images_dir) if n.lower().endswith(IMAGE_EXTENSIONS))
    if not names:
        raise FileNotFoundError(f"no images in {images_dir}")
    return names


def record_golden(images_dir, out_dir):
    """Run the matrix for every image in ``images_dir`` and write ``out_dir``'s JSON files."""
    from PIL import Image

    started = time.monotonic()
    producer = producer_versions()
    os.makedirs(out_dir, exist_ok=True)
    for stale in os.listdir(out_dir):
        if stale.endswith(".json"):
            os.remove(os.path.join(out_dir, stale))

    images = []
    total = errors = 0
    for name in golden_image_names(images_dir):
        path = os.path.join(images_dir, name)
        cache = LoadImgCache()
        entries = []
        for spec in golden_cases(name):
            case = normalize_case({**spec, "image": path}, len(entries))
            result = run_case(case, cache)
            if result["error"] is None and result["dtype"] != "float32":
                raise RuntimeError(f"{name} {spec['id']}: Keras returned {result['dtype']}, expected float32")
            entries.append({
                **spec,
                "shape": result["shape"],
                "sha256": result["sha256"],
                "stats": result["stats"],
                "error": result["error"],
            })
        image_errors = sum(1 for e in entries if e["error"] is not None)
        with Image.open(path) as im:
            info = {"format": im.format, "mode": im.mode, "width": im.size[0], "height": im.size[1]}
        digest = file_sha256(path)
        _write(os.path.join(out_dir, f"{name}.json"), {
            "image": name,
            "imageSha256": digest,
            "producer": producer,
            "cases": entries,
        })
        images.append({"file": name, "sha256": digest, **info, "cases": len(entries), "errors": image_errors})
        total += len(entries)
        errors += image_errors
        print(f"record-golden: {name}: {len(entries)} cases, {image_errors} errors", file=sys.stderr)

    _write(os.path.join(out_dir, "manifest.json"), {
        "description": "What real Keras produces for the golden images. Recorded by "
                       "`scripts/keras_inputs.py --record-golden golden/images --out-dir golden/keras`; "
                       "never edit by hand.",
        "producer": producer,
        "codecs": codec_versions(),
        "pipeline": "keras.utils.load_img(path, color_mode, target_size, interpolation, keep_aspect_ratio) -> "
                    "keras.utils.img_to_array(img, data_format) -> "
                    "keras.applications.imagenet_utils.preprocess_input(x, data_format, mode) when mode is set, "
                    "or keras.applications.<module>.preprocess_input(x, data_format) when model is set",
        "buffer": {"dtype": "float32", "byteOrder": "little", "layout": "C-contiguous (HWC or CHW)",
                   "sha256": "of the whole buffer; stats mean/std are float64 and only for diagnosis"},
        "caseId": "<h>x<w>|native / <interpolation> / keep|stretch / <colorMode> / <mode>|model:<name>|none [/ channels_first]",
        "models": MODEL_MODULES,
        "matrix": MATRIX,
        "counts": {"images": len(images), "cases": total, "errors": errors},
        "images": images,
    })
    print(f"record-golden: {len(images)} images, {total} cases ({errors} errors) in "
          f"{time.monotonic() - started:.1f}s -> {out_dir}", file=sys.stderr)
    return total


def _write(path, document):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
        f.write("\n")

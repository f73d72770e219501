#!/usr/bin/env python3
"""What real Keras produces for image-preprocessing cases: SHA-256, statistics and raw buffers.

Run cases:
    .venv/bin/python scripts/keras_inputs.py --cases cases.json --out result.json [--buffers DIR]

cases.json:
    {"cases": [{"id": "...", "image": "path/to/img.png", "targetSize": [h, w] | null,
                "interpolation": "nearest"|"bilinear"|"bicubic"|"lanczos"|"box"|"hamming",
                "keepAspectRatio": bool, "colorMode": "rgb"|"rgba"|"grayscale",
                "mode": "caffe"|"tf"|"torch"|null, "model": "vgg16"|...|null,
                "dataFormat": "channels_last"|"channels_first"}]}
    Omitted fields take Keras' defaults (no resize, nearest, no aspect ratio, rgb, no
    preprocess_input, channels_last). Relative image paths are relative to the working directory.

result.json:
    {"producer": {"keras", "tensorflow", "pillow", "numpy", "python"},
     "cases": [{"id", "shape", "dtype", "sha256", "stats": {"min","max","mean","std"},
                "buffer" (with --buffers: file name in DIR, raw little-endian float32), "error"}]}
    sha256 is over the C-contiguous little-endian buffer; a case Keras rejects has
    "error": "<stage>: <exception>: <message>" and null results, and the run goes on.

Either file may be "-" (stdin / stdout); the summary line always goes to stderr.

Record the golden references (never edit them by hand):
    .venv/bin/python scripts/keras_inputs.py --record-golden golden/images --out-dir golden/keras

List the application names accepted as "model":
    .venv/bin/python scripts/keras_inputs.py --list-models

Exit status: 0 when every case ran (even if some report an error), 2 for an unusable cases
file or arguments.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from prepguard_py import quiet  # noqa: E402,F401  (before anything imports keras)
from prepguard_py.keras_cases import (  # noqa: E402
    CaseFileError,
    LoadImgCache,
    normalize_case,
    run_case,
)
from prepguard_py.models import MODEL_MODULES  # noqa: E402


def read_cases(path):
    try:
        if path == "-":
            document = json.load(sys.stdin)
        else:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
    except FileNotFoundError:
        raise CaseFileError(f"cases file not found: {path}") from None
    except json.JSONDecodeError as e:
        raise CaseFileError(f"cases file {path} is not valid JSON: {e}") from None
    if not isinstance(document, dict) or not isinstance(document.get("cases"), list):
        raise CaseFileError(f'cases file {path} must be an object with a "cases" array')
    cases = [normalize_case(raw, i) for i, raw in enumerate(document["cases"])]
    seen = set()
    for case in cases:
        if case["id"] in seen:
            raise CaseFileError(f"duplicate case id {case['id']!r} in {path}")
        seen.add(case["id"])
    return cases


def write_json(path, document):
    if path == "-":
        json.dump(document, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    # Write then rename, so a reader never sees half a file.
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def run_cases_command(args):
    from prepguard_py.versions import producer_versions

    cases = read_cases(args.cases)
    if args.buffers:
        os.makedirs(args.buffers, exist_ok=True)
    started = time.monotonic()
    cache = LoadImgCache()
    results = [run_case(case, cache, args.buffers) for case in cases]
    write_json(args.out, {"producer": producer_versions(), "cases": results})
    failed = sum(1 for r in results if r["error"] is not None)
    print(
        f"keras_inputs: {len(results)} case(s), {failed} with an error, "
        f"{time.monotonic() - started:.1f}s -> {args.out}",
        file=sys.stderr,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run image-preprocessing cases through real Keras and fingerprint the results.",
    )
    parser.add_argument("--cases", help="cases JSON file ('-' for stdin)")
    parser.add_argument("--out", help="result JSON file to write ('-' for stdout)")
    parser.add_argument("--buffers", help="folder for raw float32 buffers (one file per distinct result)")
    parser.add_argument("--record-golden", metavar="IMAGES_DIR", help="record the golden matrix for every image in IMAGES_DIR")
    parser.add_argument("--out-dir", help="with --record-golden: folder for manifest.json and per-image files")
    parser.add_argument("--list-models", action="store_true", help="print the accepted model names as JSON")
    args = parser.parse_args(argv)

    try:
        if args.list_models:
            json.dump(MODEL_MODULES, sys.stdout, indent=1)
            print()
        elif args.record_golden:
            if not args.out_dir:
                parser.error("--record-golden needs --out-dir")
            from prepguard_py.golden import record_golden

            record_golden(args.record_golden, args.out_dir)
        else:
            if not args.cases or not args.out:
                parser.error("give --cases and --out (or --record-golden, or --list-models)")
            run_cases_command(args)
    except CaseFileError as e:
        print(f"keras_inputs: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

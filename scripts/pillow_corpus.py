#!/usr/bin/env python3
"""Keras' load_img on every file of Pillow's own test corpus, as a conformance reference.

Fetch the corpus (Pillow's sdist at the pinned version, from PyPI, into the cache) and print
the folder holding Tests/images:
    .venv/bin/python scripts/pillow_corpus.py fetch

Record what real Keras returns for every file and every option set (only needed when a pin in
requirements.txt changes; the result is committed):
    .venv/bin/python scripts/pillow_corpus.py record [--out golden/pillow-corpus/keras-cases.json.gz]

The recorded file (gzip JSON):
    {"pins": {...requirements.txt pins}, "producer": {...versions actually run},
     "options": [{"colorMode", "targetSize", "interpolation", "keepAspectRatio"}, ...],
     "files": {"<path under Tests/images>": {"sha256": "<first 16 hex of the file's digest>",
                                             "format": "<Image.open(path).format>" | null,
                                             "results": ["<sha256 of float32 array>" | "!<ExceptionClass>", ...]}}}
    results[i] belongs to options[i]; the array digest is over img_to_array's C-contiguous
    little-endian float32 buffer (HWC), as everywhere else in the project.
"""
import argparse
import gzip
import json
import os
import signal
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from prepguard_py import quiet  # noqa: E402,F401  (before anything imports keras)
from prepguard_py.pillow_corpus import (  # noqa: E402
    OPTION_MATRIX,
    REPO_ROOT,
    corpus_files,
    fetch,
    file_digest,
    pins,
)

DEFAULT_OUT = os.path.join(REPO_ROOT, "golden", "pillow-corpus", "keras-cases.json.gz")
CASE_SECONDS = 60  # a case that hangs is recorded as "!Timeout" instead of stalling the run


class CaseTimeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise CaseTimeout()


def run_case(path, option):
    from keras.utils import img_to_array, load_img

    color_mode, target_size, interpolation, keep = option
    signal.alarm(CASE_SECONDS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning etc.: Keras goes on
            img = load_img(path, color_mode=color_mode, target_size=target_size,
                           interpolation=interpolation, keep_aspect_ratio=keep)
            x = img_to_array(img)
        from prepguard_py.arrays import buffer_sha256

        return buffer_sha256(x)
    except CaseTimeout:
        return "!Timeout"
    except Exception as e:  # noqa: BLE001 - recording which exception Keras raises is the point
        return "!" + type(e).__name__
    finally:
        signal.alarm(0)


def pillow_format(path):
    """The format name Pillow identifies the file as (``Image.open(path).format``), or None."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as img:
                return img.format
    except Exception:  # noqa: BLE001 - unidentifiable files are part of the corpus
        return None


def record(out):
    from prepguard_py.versions import producer_versions

    pinned = pins()
    images = fetch(pinned["pillow"])
    signal.signal(signal.SIGALRM, _alarm)
    started = time.monotonic()
    files = {}
    names = corpus_files(images)
    for n, name in enumerate(names):
        path = os.path.join(images, name)
        files[name] = {
            "sha256": file_digest(path),
            "format": pillow_format(path),
            "results": [run_case(path, o) for o in OPTION_MATRIX],
        }
        if n % 100 == 0:
            print(f"pillow-corpus: {n}/{len(names)} files, {time.monotonic() - started:.0f}s", file=sys.stderr)
    document = {
        "pins": pinned,
        "producer": producer_versions(),
        "options": [
            {"colorMode": c, "targetSize": list(t) if t else None, "interpolation": i, "keepAspectRatio": k}
            for c, t, i, k in OPTION_MATRIX
        ],
        "files": files,
    }
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = f"{out}.tmp-{os.getpid()}"
    # mtime=0 and sorted keys: the same inputs give byte-identical output.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(json.dumps(document, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    os.replace(tmp, out)
    results = [r for f in files.values() for r in f["results"]]
    raised = sum(1 for r in results if r.startswith("!"))
    print(
        f"pillow-corpus: {len(files)} files x {len(OPTION_MATRIX)} option sets = {len(results)} cases, "
        f"{raised} raise, {time.monotonic() - started:.0f}s -> {out}",
        file=sys.stderr,
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description="Keras load_img over Pillow's Tests/images.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fetch", help="download/extract the corpus (cached) and print its folder")
    rec = sub.add_parser("record", help="record Keras' results for every file and option set")
    rec.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if args.command == "fetch":
        print(fetch(pins()["pillow"]))
    else:
        record(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Times keras.utils.load_img (Pillow decode + convert + resize) on a list of images.

Usage: python pillow_load_img.py --images a.jpg b.png ... --size 224 224 --rounds 3
Prints JSON: {"producer": {...}, "seconds": {"<filter>": [round totals...]}}
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
try:  # silence TF start-up noise the same way the project's scripts do
    from prepguard_py import quiet  # noqa: F401
except ImportError:
    pass

import keras  # noqa: E402
import PIL  # noqa: E402

FILTERS = ["nearest", "bilinear", "bicubic", "lanczos", "box", "hamming"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", nargs="+", required=True)
    parser.add_argument("--size", nargs=2, type=int, default=[224, 224])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--filters", nargs="+", default=FILTERS)
    args = parser.parse_args()
    seconds = {}
    for name in args.filters:
        totals = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            for path in args.images:
                keras.utils.load_img(path, target_size=tuple(args.size), interpolation=name)
            totals.append(time.perf_counter() - start)
        seconds[name] = totals
    producer = {"keras": keras.__version__, "pillow": PIL.__version__, "python": sys.version.split()[0]}
    print(json.dumps({"producer": producer, "seconds": seconds}))


if __name__ == "__main__":
    main()

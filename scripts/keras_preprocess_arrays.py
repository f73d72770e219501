#!/usr/bin/env python3
"""Real Keras `imagenet_utils.preprocess_input` on small arrays and tensors of any shape.

    .venv/bin/python scripts/keras_preprocess_arrays.py --cases cases.json --out result.json

cases.json: {"cases": [{"id", "kind": "numpy" | "tensor", "dtype": "float32" | "uint8" | "int64" | ...,
                        "shape": [...], "data": [numbers, C order], "mode": "caffe" | "tf" | "torch",
                        "dataFormat": "channels_last" | "channels_first"}]}
result.json: {"producer": {...versions}, "cases": [{"id", "shape", "sha256", "error"}]}
    sha256 is over the float32 result as a C-contiguous little-endian buffer; a case Keras rejects
    has "error": "<ExceptionClass>" and null results.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from prepguard_py import quiet  # noqa: E402,F401  (before anything imports keras)


def run_case(case):
    import numpy as np
    import tensorflow as tf
    from keras.applications import imagenet_utils

    from prepguard_py.arrays import buffer_sha256

    x = np.array(case["data"], dtype=case["dtype"]).reshape(case["shape"])
    if case["kind"] == "tensor":
        x = tf.constant(x)
    try:
        y = imagenet_utils.preprocess_input(x, data_format=case["dataFormat"], mode=case["mode"])
        y = np.asarray(y)
        return {"id": case["id"], "shape": list(y.shape), "sha256": buffer_sha256(y), "error": None}
    except Exception as e:  # noqa: BLE001 - which exception Keras raises is the result
        return {"id": case["id"], "shape": None, "sha256": None, "error": type(e).__name__}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    from prepguard_py.versions import producer_versions

    results = [run_case(c) for c in cases]
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"producer": producer_versions(), "cases": results}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())

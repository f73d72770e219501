"""Fingerprints of preprocessed arrays: SHA-256 of the float32 buffer and per-channel statistics.

Both are defined on the array as a C-contiguous little-endian buffer, so a TypeScript
Float32Array holding the same values in HWC (or CHW) order hashes to the same digest.
"""
import hashlib

import numpy as np


def little_endian_contiguous(x):
    """A C-contiguous, little-endian copy of ``x`` (a no-op when it already is one).

    Keras' caffe mode returns a reversed-channel *view*, whose memory is not in the logical
    order; hashing ``x.data`` directly would give the wrong digest.
    """
    return np.ascontiguousarray(x, dtype=x.dtype.newbyteorder("<"))


def array_bytes(x):
    """The raw little-endian bytes of ``x`` in logical (C) order."""
    return little_endian_contiguous(x).tobytes()


def buffer_sha256(x):
    """Hex SHA-256 of ``x``'s C-contiguous little-endian buffer."""
    return hashlib.sha256(array_bytes(x)).hexdigest()


def channel_axis(x, data_format):
    """Index of the channel axis of a 3-D (HWC / CHW) or 4-D (NHWC / NCHW) array."""
    if data_format == "channels_first":
        return 0 if x.ndim == 3 else 1
    return x.ndim - 1


def channel_stats(x, data_format="channels_last"):
    """Per-channel min, max, mean and (population) std, as lists of Python floats.

    min/max are exact float32 values; mean and std are computed in float64, so they are
    for diagnosis (how far apart two results are), not for bit-exact comparison.
    """
    axis = channel_axis(x, data_format)
    # One contiguous float64 row per channel: reductions along rows are fast and exact enough.
    rows = np.ascontiguousarray(np.moveaxis(x, axis, 0), dtype=np.float64)
    rows = rows.reshape(rows.shape[0], -1)
    means = rows.mean(axis=1)
    deviations = rows - means[:, None]
    return {
        "min": [float(v) for v in rows.min(axis=1)],
        "max": [float(v) for v in rows.max(axis=1)],
        "mean": [float(v) for v in means],
        "std": [float(v) for v in np.sqrt(np.einsum("ij,ij->i", deviations, deviations) / rows.shape[1])],
    }


def file_sha256(path):
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

"""Runs preprocessing cases through the real Keras functions and fingerprints the results.

A case is one call chain, exactly as a user would write it:
``keras.utils.load_img`` -> ``keras.utils.img_to_array`` -> ``preprocess_input`` (the generic
``imagenet_utils`` one for a ``mode``, or an application's own for a ``model``). Nothing here
computes pixels itself; values the caller sends are passed to Keras unchanged, so an option
Keras rejects is reported with Keras' own message.
"""
import os
import re
import warnings
from collections import OrderedDict

from . import quiet  # noqa: F401  (must run before keras is imported)
from .arrays import array_bytes, buffer_sha256, channel_stats
from .models import preprocess_function

# Pillow suggests converting such palettes to RGBA; load_img converts them the way it does
# regardless, and the advice would otherwise be printed once per run in the middle of results.
warnings.filterwarnings("ignore", message="Palette images with Transparency expressed in bytes", category=UserWarning)

# Keras' defaults for load_img / img_to_array, used when a case leaves a field out.
CASE_DEFAULTS = {
    "targetSize": None,
    "interpolation": "nearest",
    "keepAspectRatio": False,
    "colorMode": "rgb",
    "mode": None,
    "model": None,
    "dataFormat": "channels_last",
}
CASE_FIELDS = ("id", "image", *CASE_DEFAULTS)


class CaseFileError(ValueError):
    """The cases file itself is unusable (not a per-case problem)."""


class CaseError(ValueError):
    """One case is malformed; reported in that case's ``error`` without stopping the run."""


def normalize_case(raw, index):
    """Fill Keras' defaults into a case dict and check its shape (not its values: Keras does)."""
    if not isinstance(raw, dict):
        raise CaseFileError(f"case #{index} is not an object")
    case_id = raw.get("id")
    if not isinstance(case_id, str) or not case_id:
        raise CaseFileError(f"case #{index} has no string 'id'")
    image = raw.get("image")
    if not isinstance(image, str) or not image:
        raise CaseFileError(f"case {case_id!r} has no string 'image' path")
    unknown = sorted(set(raw) - set(CASE_FIELDS))
    if unknown:
        raise CaseFileError(f"case {case_id!r} has unknown field(s): {', '.join(unknown)}")
    return {**CASE_DEFAULTS, **raw}


def check_case(case):
    """Structural checks Keras itself would not make clearly; raises CaseError."""
    size = case["targetSize"]
    if size is not None:
        if (
            not isinstance(size, (list, tuple))
            or len(size) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in size)
        ):
            raise CaseError(f"targetSize must be [height, width] (positive integers) or null, got {size!r}")
    if not isinstance(case["keepAspectRatio"], bool):
        raise CaseError(f"keepAspectRatio must be true or false, got {case['keepAspectRatio']!r}")
    if case["mode"] is not None and case["model"] is not None:
        raise CaseError("set either 'mode' or 'model', not both")
    if not os.path.isfile(case["image"]):
        raise CaseError(f"image not found: {case['image']} (looked for {os.path.abspath(case['image'])})")


class LoadImgCache:
    """Memoizes ``keras.utils.load_img`` per identical call (it is a pure function of its arguments
    and the file), so thousands of cases over a few images decode and resize each only once.
    Failures are remembered too, so a corrupt file is not decoded again for every case."""

    def __init__(self, capacity=48):
        self._capacity = capacity
        self._entries = OrderedDict()

    def load(self, case):
        import keras

        size = case["targetSize"]
        key = (
            os.path.abspath(case["image"]),
            case["colorMode"],
            None if size is None else tuple(size),
            case["interpolation"],
            case["keepAspectRatio"],
        )
        if key in self._entries:
            self._entries.move_to_end(key)
            img, error = self._entries[key]
        else:
            try:
                img = keras.utils.load_img(
                    case["image"],
                    color_mode=case["colorMode"],
                    target_size=None if size is None else tuple(size),
                    interpolation=case["interpolation"],
                    keep_aspect_ratio=case["keepAspectRatio"],
                )
                # Decode now rather than lazily inside img_to_array, so a broken file is reported
                # as a load_img failure and a cached image is decoded once.
                img.load()
                error = None
            except Exception as e:  # noqa: BLE001  (any Keras/Pillow failure is a case result)
                img, error = None, e
            self._entries[key] = (img, error)
            if len(self._entries) > self._capacity:
                self._entries.popitem(last=False)
        if error is not None:
            raise error
        return img


def describe(stage, error, image=None):
    message = str(error)
    if image is not None:
        # Pillow names the in-memory stream load_img opened, e.g. "<_io.BytesIO object at 0x7f..>";
        # the file name is what a reader needs (and keeps messages identical between runs).
        message = re.sub(r"<_io\.BytesIO object at 0x[0-9a-fA-F]+>", image, message)
    return f"{stage}: {type(error).__name__}: {message}"


def keras_array(case, cache):
    """The array Keras produces for a normalized case; raises CaseError with the failing stage."""
    import keras
    from keras.applications import imagenet_utils

    check_case(case)
    try:
        img = cache.load(case)
    except Exception as e:  # noqa: BLE001
        raise CaseError(describe("load_img", e, case["image"])) from e
    try:
        x = keras.utils.img_to_array(img, data_format=case["dataFormat"])
    except Exception as e:  # noqa: BLE001
        raise CaseError(describe("img_to_array", e, case["image"])) from e
    try:
        if case["model"] is not None:
            x = preprocess_function(case["model"])(x, data_format=case["dataFormat"])
        elif case["mode"] is not None:
            x = imagenet_utils.preprocess_input(x, data_format=case["dataFormat"], mode=case["mode"])
    except Exception as e:  # noqa: BLE001
        raise CaseError(describe("preprocess_input", e)) from e
    return x


def run_case(case, cache, buffers_dir=None):
    """Result record for one normalized case: shape, dtype, sha256, stats[, buffer], error."""
    result = {"id": case["id"]}
    try:
        x = keras_array(case, cache)
        result.update(
            shape=list(x.shape),
            dtype=str(x.dtype),
            sha256=buffer_sha256(x),
            stats=channel_stats(x, case["dataFormat"]),
        )
        if buffers_dir is not None:
            # Named by content: identical outputs share one file, and names are always safe.
            name = f"{result['sha256']}.f32"
            path = os.path.join(buffers_dir, name)
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(array_bytes(x))
            result["buffer"] = name
        result["error"] = None
    except CaseError as e:
        result.update(shape=None, dtype=None, sha256=None, stats=None, error=str(e))
        if buffers_dir is not None:
            result["buffer"] = None
    return result

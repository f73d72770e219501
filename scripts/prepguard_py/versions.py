"""Versions of everything that produced a reference, recorded in every file we write."""
import platform


def producer_versions():
    """Return {"keras", "tensorflow", "pillow", "numpy", "python"} version strings.

    Imports keras/tensorflow lazily so that callers control when TensorFlow starts
    (import ``prepguard_py.quiet`` first to keep its logging quiet).
    """
    import keras
    import numpy
    import PIL
    import tensorflow

    return {
        "keras": keras.__version__,
        "tensorflow": tensorflow.__version__,
        "pillow": PIL.__version__,
        "numpy": numpy.__version__,
        "python": platform.python_version(),
    }


def codec_versions():
    """Versions of the image libraries Pillow decodes with (JPEG output depends on libjpeg's).

    Keys are Pillow feature names (e.g. "libjpeg_turbo", "zlib", "libtiff", "webp"); a library
    Pillow was built without is left out.
    """
    from PIL import features

    names = ["libjpeg_turbo", "jpg", "zlib", "libpng", "libtiff", "webp", "littlecms2"]
    found = {}
    for name in names:
        try:
            version = features.version(name)
        except ValueError:  # not a feature name this Pillow knows
            continue
        if version is not None:
            found[name] = version
    return found

"""Pillow's own test images (``Tests/images`` of its source distribution) as a conformance corpus.

The corpus is fetched with pip from PyPI, at the Pillow version pinned in requirements.txt, into
``~/.cache/prepguard/pillow-sdist-<version>/`` and never committed. Every file is loaded by real
``keras.utils.load_img`` + ``img_to_array`` under a small option matrix; each case is recorded as
the SHA-256 of the float32 array, or the class of the exception Keras/Pillow raised.
"""
import hashlib
import os
import re
import subprocess
import sys
import tarfile

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REQUIREMENTS = os.path.join(REPO_ROOT, "scripts", "requirements.txt")

# One option set per entry: (color_mode, target_size (h, w) or None, interpolation, keep_aspect_ratio).
# Every colour mode unresized (the decoder and the conversions), then each mode resized with a
# different filter, to a square and to an odd non-square size, one of them with the aspect-ratio box.
OPTION_MATRIX = [
    ("rgb", None, "nearest", False),
    ("grayscale", None, "nearest", False),
    ("rgba", None, "nearest", False),
    ("rgb", (224, 224), "nearest", False),
    ("rgb", (61, 47), "bilinear", False),
    ("grayscale", (61, 47), "bicubic", False),
    ("rgba", (224, 224), "lanczos", False),
    ("rgb", (61, 47), "hamming", True),
]

PINNED = ("pillow", "keras", "tensorflow-cpu", "numpy")


def pins():
    """The versions pinned in requirements.txt that decide every recorded result."""
    found = {}
    with open(REQUIREMENTS, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\s*([A-Za-z0-9_.-]+)==([^\s#]+)", line)
            if m and m.group(1).lower() in PINNED:
                found[m.group(1).lower()] = m.group(2)
    return found


def cache_root():
    return os.environ.get("PREPGUARD_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "prepguard"
    )


def corpus_dir(version):
    return os.path.join(cache_root(), f"pillow-sdist-{version}", "Tests", "images")


def fetch(version, log=sys.stderr):
    """Downloads Pillow's sdist with pip (once) and extracts Tests/images; returns that folder."""
    images = corpus_dir(version)
    home = os.path.dirname(os.path.dirname(images))
    marker = os.path.join(home, ".complete")
    if os.path.exists(marker):
        return images
    os.makedirs(home, exist_ok=True)
    archive = os.path.join(home, f"pillow-{version}.tar.gz")
    if not os.path.exists(archive):
        print(f"pillow-corpus: downloading Pillow {version} sdist from PyPI into {home}", file=log)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-binary", ":all:", "--no-deps", f"pillow=={version}", "-d", home],
            check=True,
        )
    prefix = f"pillow-{version}/Tests/images/"
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(prefix) and (m.isfile() or m.isdir())]
        for m in members:
            m.name = "Tests/images/" + m.name[len(prefix):]
        tar.extractall(home, members=members, filter="data")
    with open(marker, "w") as f:
        f.write(version + "\n")
    return images


def corpus_files(images):
    """Every regular file under ``images``, as sorted POSIX paths relative to it."""
    out = []
    for root, _dirs, files in os.walk(images):
        for name in files:
            full = os.path.join(root, name)
            if os.path.isfile(full) and not os.path.islink(full):
                out.append(os.path.relpath(full, images).replace(os.sep, "/"))
    return sorted(out)


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]

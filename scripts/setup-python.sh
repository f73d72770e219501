#!/usr/bin/env bash
# Creates (once) the Python environment with the pinned Keras/TensorFlow/Pillow that record
# and check the references, and links it as .venv in the repository root.
#
# The venv lives outside the repository, in a cache keyed by a hash of requirements.txt and the
# Python version, so a fresh clone (CI) reuses it and a changed pin builds a new one.
# Idempotent: a second run with nothing changed only re-links.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$repo_root/scripts/requirements.txt"
python_bin="${PREPGUARD_PYTHON:-python3}"
cache_root="${PREPGUARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/prepguard}"

if ! command -v "$python_bin" >/dev/null 2>&1; then
  echo "setup-python: '$python_bin' not found; install Python 3.10-3.12 (e.g. apt-get install python3 python3-venv)" >&2
  exit 1
fi

python_version="$("$python_bin" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
key="$( { cat "$requirements"; echo "python=$python_version"; } | sha256sum | cut -c1-16)"
venv="$cache_root/venv-$key"

# TensorFlow's C++ start-up lines (absl, oneDNN, CUDA probing) are not progress; keep errors only.
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"

if [ ! -f "$venv/.complete" ]; then
  started=$SECONDS
  echo "setup-python: creating the Python environment $venv (Python $python_version)" >&2
  echo "setup-python: this happens once; it downloads TensorFlow, Keras and Pillow from PyPI (~1.6 GB on disk, a few minutes)" >&2
  echo "setup-python: [1/4] python3 -m venv" >&2
  rm -rf "$venv"
  mkdir -p "$cache_root"
  if ! "$python_bin" -m venv "$venv" 2>/dev/null; then
    # Debian's python3 lacks ensurepip until python3-venv is installed.
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      "$python_bin" -m venv "$venv"
    else
      echo "setup-python: 'python3 -m venv' failed; install python3-venv" >&2
      exit 1
    fi
  fi
  echo "setup-python: [2/4] upgrading pip" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  # pip's own progress: a bar per download on a terminal, one "Downloading … (N MB)" line per file elsewhere.
  echo "setup-python: [3/4] pip install -r scripts/requirements.txt (TensorFlow alone is several hundred MB)" >&2
  "$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar on -r "$requirements" >&2
  echo "setup-python: [4/4] checking the installed versions" >&2
  "$venv/bin/python" - <<'PY'
import keras, tensorflow, PIL, numpy
print(f"setup-python: keras {keras.__version__}, tensorflow {tensorflow.__version__}, pillow {PIL.__version__}, numpy {numpy.__version__}")
PY
  touch "$venv/.complete"
  echo "setup-python: done in $((SECONDS - started)) s ($(du -sh "$venv" 2>/dev/null | cut -f1) in $venv)" >&2
fi

ln -sfn "$venv" "$repo_root/.venv"

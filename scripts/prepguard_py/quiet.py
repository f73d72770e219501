"""Silences TensorFlow's start-up logging. Import this module before keras/tensorflow.

TensorFlow reads TF_CPP_MIN_LOG_LEVEL once, when its C++ runtime loads, so the variable must be
set before the first ``import keras``; ``setdefault`` lets a user who wants the logs override it.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# oneDNN prints a notice about floating-point round-off on every start; references are recorded
# from numpy/Pillow code paths that never touch oneDNN, so the notice is only noise.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# Keras picks its backend from this variable; the references are recorded with TensorFlow's.
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

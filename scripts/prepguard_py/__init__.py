"""Helpers shared by prepguard's Python scripts (recording and checking Keras references).

Import from a script in ``scripts/`` with ``from prepguard_py import ...`` (the scripts put their
own folder on ``sys.path``). Import ``prepguard_py.quiet`` *before* anything that imports
TensorFlow, so its log noise is switched off in time.
"""

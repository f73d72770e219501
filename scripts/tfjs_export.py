"""Writes a Keras 3 model in the TensorFlow.js *layers* format (model.json + binary weight shards).

TensorFlow.js (tfjs-layers 4.x) deserializes Keras 2-style topologies. Keras 3 changed that JSON in
ways tfjs cannot read, so the topology is converted deliberately rather than copied:

- InputLayer ``batch_shape`` becomes ``batch_input_shape``;
- dtype policy objects (``{"class_name": "DTypePolicy", ...}``) become the plain dtype string;
- nested Keras objects (initializers, ...) lose the Keras 3-only ``module``/``registered_name`` keys;
- ``inbound_nodes`` (Keras 3: ``{"args": [keras tensors], "kwargs": {}}``) become Keras 2 node lists
  ``[[layer_name, node_index, tensor_index, kwargs], ...]``;
- ``input_layers``/``output_layers`` are always lists of ``[name, node, tensor]`` triples.

Only layer classes whose semantics are identical in tfjs-layers are accepted; anything else is a clear
error naming the layer, never a model that loads and computes something else.

Weights are written in layer order (each layer's own weight order: kernel before bias, BatchNorm gamma,
beta, moving mean, moving variance), named ``<layer>/<weight>`` as tfjs-layers expects, as float32
little-endian bytes split into shards of at most 4 MiB.
"""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np

SHARD_BYTES = 4 * 1024 * 1024

# Keras class name -> config keys that tfjs-layers reads for that class (plus the common ones below).
# Keys outside these lists are Keras 3 additions (e.g. quantization_config, lora_rank) that tfjs ignores
# at best; they are dropped so the topology stays a clean Keras 2 document.
_COMMON_KEYS = ["name", "trainable", "dtype"]
_SUPPORTED_LAYERS: dict[str, list[str]] = {
    "InputLayer": ["batch_input_shape", "sparse"],
    "Conv2D": [
        "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
        "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
        "activity_regularizer", "kernel_constraint", "bias_constraint",
    ],
    "DepthwiseConv2D": [
        "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation", "use_bias",
        "depth_multiplier", "depthwise_initializer", "bias_initializer", "depthwise_regularizer",
        "bias_regularizer", "activity_regularizer", "depthwise_constraint", "bias_constraint",
    ],
    "Dense": [
        "units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
        "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint",
    ],
    "BatchNormalization": [
        "axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
        "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer",
        "beta_constraint", "gamma_constraint",
    ],
    "MaxPooling2D": ["pool_size", "strides", "padding", "data_format"],
    "AveragePooling2D": ["pool_size", "strides", "padding", "data_format"],
    "GlobalAveragePooling2D": ["data_format", "keepdims"],
    "GlobalMaxPooling2D": ["data_format", "keepdims"],
    "ZeroPadding2D": ["padding", "data_format"],
    "Flatten": ["data_format"],
    "Dropout": ["rate", "noise_shape", "seed"],
    "Activation": ["activation"],
    "ReLU": ["max_value", "negative_slope", "threshold"],
    "Add": [],
    "Multiply": [],
    "Concatenate": ["axis"],
}

# Activations tfjs-layers implements with the same formula as Keras.
_SUPPORTED_ACTIVATIONS = {
    "linear", "relu", "relu6", "softmax", "sigmoid", "tanh", "elu", "selu", "softplus", "softsign",
    "hard_sigmoid", "swish", "gelu",
}


# Where tfjs-layers names a weight differently from Keras 3.
_TFJS_WEIGHT_NAMES = {("DepthwiseConv2D", "kernel"): "depthwise_kernel"}


class TfjsExportError(ValueError):
    """The model uses something the TF.js layers format cannot express faithfully."""


def export_layers_model(model: Any, out_dir: str, *, keras_version: str, generated_by: str) -> dict:
    """Writes ``model.json`` and ``group1-shardNofM.bin`` files into ``out_dir``; returns the model.json dict."""
    model = as_functional(model)
    topology = {
        "class_name": "Functional",
        "config": convert_functional_config(model.get_config()),
        "keras_version": keras_version,
        "backend": "tensorflow",
    }
    names, arrays = _named_weights(model)
    os.makedirs(out_dir, exist_ok=True)
    paths = _write_shards(arrays, out_dir)
    manifest = [{
        "paths": paths,
        "weights": [
            {"name": name, "shape": list(array.shape), "dtype": "float32"}
            for name, array in zip(names, arrays)
        ],
    }]
    model_json = {
        "format": "layers-model",
        "generatedBy": generated_by,
        "convertedBy": "prepguard scripts/tfjs_export.py",
        "modelTopology": topology,
        "weightsManifest": manifest,
    }
    with open(os.path.join(out_dir, "model.json"), "w", encoding="utf-8") as handle:
        json.dump(model_json, handle)
    return model_json


def as_functional(model: Any) -> Any:
    """A Sequential model re-expressed as its functional graph (the same layer objects, so the same
    names and weights); a functional model is returned as is."""
    import keras

    if isinstance(model, keras.Sequential):
        if not model.built or not model.inputs:
            raise TfjsExportError(f"Sequential model {model.name!r} has no defined input shape; add a keras.Input first")
        single = lambda tensors: tensors[0] if len(tensors) == 1 else tensors  # noqa: E731
        return keras.Model(single(model.inputs), single(model.outputs), name=model.name)
    if not isinstance(model, keras.Model) or not hasattr(model, "get_config"):
        raise TfjsExportError(f"only functional and Sequential Keras models can be exported, got {type(model).__name__}")
    return model


def convert_functional_config(config: dict) -> dict:
    """Keras 3 functional-model config -> Keras 2 functional-model config as tfjs-layers reads it."""
    return {
        "name": config["name"],
        "layers": [_convert_layer(layer) for layer in config["layers"]],
        "input_layers": _node_refs(config["input_layers"]),
        "output_layers": _node_refs(config["output_layers"]),
    }


def _convert_layer(layer: dict) -> dict:
    class_name = layer["class_name"]
    name = layer["config"].get("name", layer.get("name"))
    if class_name not in _SUPPORTED_LAYERS:
        raise TfjsExportError(
            f"layer '{name}' is a {class_name}, which this exporter does not convert "
            f"(supported: {', '.join(sorted(_SUPPORTED_LAYERS))})"
        )
    source = dict(layer["config"])
    if class_name == "InputLayer":
        source["batch_input_shape"] = source.get("batch_shape") or source.get("batch_input_shape")
    if class_name == "Conv2D" and source.get("groups", 1) != 1:
        raise TfjsExportError(f"layer '{name}' is a grouped Conv2D (groups={source['groups']}); tfjs has no grouped convolution")
    activation = source.get("activation")
    if activation is not None and _plain(activation) not in _SUPPORTED_ACTIVATIONS:
        raise TfjsExportError(f"layer '{name}' uses activation {activation!r}, which tfjs-layers does not implement")

    converted = {key: _plain(source[key]) for key in _COMMON_KEYS + _SUPPORTED_LAYERS[class_name] if key in source}
    return {
        "class_name": class_name,
        "config": converted,
        "name": layer.get("name", name),
        "inbound_nodes": [_convert_node(node, name) for node in layer.get("inbound_nodes", [])],
    }


def _plain(value: Any) -> Any:
    """Strips Keras 3 serialization wrappers from a config value, recursively."""
    if isinstance(value, dict):
        if value.get("class_name") == "DTypePolicy" or value.get("class_name") == "FloatDTypePolicy":
            return value["config"]["name"]
        if "class_name" in value and "config" in value:
            return {"class_name": value["class_name"], "config": _plain(value["config"])}
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _convert_node(node: Any, layer_name: str) -> list:
    """One Keras 3 call node -> the Keras 2 list of ``[inbound_layer, node_index, tensor_index, kwargs]``."""
    if isinstance(node, list):  # already Keras 2 style
        return node
    refs: list = []
    for arg in node.get("args", []):
        _collect_tensor_refs(arg, refs, layer_name)
    kwargs = {key: value for key, value in node.get("kwargs", {}).items() if value is not None}
    if kwargs:
        raise TfjsExportError(f"layer '{layer_name}' is called with arguments {sorted(kwargs)} that tfjs cannot replay")
    return refs


def _collect_tensor_refs(arg: Any, refs: list, layer_name: str) -> None:
    if isinstance(arg, dict) and arg.get("class_name") == "__keras_tensor__":
        inbound, node_index, tensor_index = arg["config"]["keras_history"]
        refs.append([inbound, node_index, tensor_index, {}])
    elif isinstance(arg, (list, tuple)):
        for item in arg:
            _collect_tensor_refs(item, refs, layer_name)
    else:
        raise TfjsExportError(f"layer '{layer_name}' has a non-tensor call argument {arg!r}")


def _node_refs(refs: list) -> list:
    """``["x", 0, 0]`` (Keras 3, single input) or ``[["x", 0, 0], ...]`` -> always the list form."""
    if refs and isinstance(refs[0], str):
        return [list(refs)]
    return [list(ref) for ref in refs]


def _named_weights(model: Any) -> tuple[list[str], list[np.ndarray]]:
    names: list[str] = []
    arrays: list[np.ndarray] = []
    for layer in model.layers:
        for variable in layer.weights:
            # tfjs-layers matches weights by "<layer name>/<weight name>" (its originalName).
            weight_name = _TFJS_WEIGHT_NAMES.get((layer.__class__.__name__, variable.name), variable.name)
            names.append(f"{layer.name}/{weight_name}")
            arrays.append(np.ascontiguousarray(np.asarray(variable.numpy(), dtype="<f4")))
    return names, arrays


def _write_shards(arrays: list[np.ndarray], out_dir: str) -> list[str]:
    """Concatenates all weights and cuts the bytes into shards of at most SHARD_BYTES (tfjs joins them back)."""
    blob = b"".join(array.tobytes() for array in arrays)
    count = max(1, -(-len(blob) // SHARD_BYTES))
    paths = []
    for index in range(count):
        path = f"group1-shard{index + 1}of{count}.bin"
        with open(os.path.join(out_dir, path), "wb") as handle:
            handle.write(blob[index * SHARD_BYTES:(index + 1) * SHARD_BYTES])
        paths.append(path)
    return paths

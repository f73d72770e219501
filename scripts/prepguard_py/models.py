"""Keras application names and the module whose ``preprocess_input`` each one uses.

The names are the snake_case spellings @prepguard/preprocess uses for ``KerasApplication``;
the modules are the public ``keras.applications.<module>`` ones. ``DEFAULT_SIZES`` holds each
model's default input size (height, width) from its Keras docstring, used only to pick
realistic target sizes when recording the golden cases.
"""
import importlib

MODEL_MODULES = {
    "vgg16": "vgg16",
    "vgg19": "vgg19",
    "resnet50": "resnet",
    "resnet101": "resnet",
    "resnet152": "resnet",
    "resnet50v2": "resnet_v2",
    "resnet101v2": "resnet_v2",
    "resnet152v2": "resnet_v2",
    "inception_v3": "inception_v3",
    "inception_resnet_v2": "inception_resnet_v2",
    "xception": "xception",
    "mobilenet": "mobilenet",
    "mobilenet_v2": "mobilenet_v2",
    "mobilenet_v3_small": "mobilenet_v3",
    "mobilenet_v3_large": "mobilenet_v3",
    "densenet121": "densenet",
    "densenet169": "densenet",
    "densenet201": "densenet",
    "nasnet_mobile": "nasnet",
    "nasnet_large": "nasnet",
    **{f"efficientnet_b{i}": "efficientnet" for i in range(8)},
    **{f"efficientnet_v2_b{i}": "efficientnet_v2" for i in range(4)},
    "efficientnet_v2_s": "efficientnet_v2",
    "efficientnet_v2_m": "efficientnet_v2",
    "efficientnet_v2_l": "efficientnet_v2",
    "convnext_tiny": "convnext",
    "convnext_small": "convnext",
    "convnext_base": "convnext",
    "convnext_large": "convnext",
    "convnext_xlarge": "convnext",
}

_EFFICIENTNET_SIZES = [224, 240, 260, 300, 380, 456, 528, 600]
_EFFICIENTNET_V2_SIZES = {"b0": 224, "b1": 240, "b2": 260, "b3": 300, "s": 384, "m": 480, "l": 480}

DEFAULT_SIZES = {
    **{name: (224, 224) for name in MODEL_MODULES},
    "inception_v3": (299, 299),
    "inception_resnet_v2": (299, 299),
    "xception": (299, 299),
    "nasnet_large": (331, 331),
    **{f"efficientnet_b{i}": (s, s) for i, s in enumerate(_EFFICIENTNET_SIZES)},
    **{f"efficientnet_v2_{k}": (s, s) for k, s in _EFFICIENTNET_V2_SIZES.items()},
}


class UnknownModelError(ValueError):
    pass


def preprocess_function(model):
    """Keras' own ``keras.applications.<module>.preprocess_input`` for an application name."""
    module_name = MODEL_MODULES.get(model)
    if module_name is None:
        known = ", ".join(sorted(MODEL_MODULES))
        raise UnknownModelError(f"unknown model {model!r}; known models: {known}")
    module = importlib.import_module(f"keras.applications.{module_name}")
    return module.preprocess_input

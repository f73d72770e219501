"""Keras application architectures with seeded, data-independent weights, for testing without downloads.

ImageNet weights cannot be fetched everywhere (CI sandboxes, air-gapped machines), yet a preprocessing
harness needs a model that *reacts to preprocessing the way a trained one does*. Plain random
initialisation does not: with zero biases a ReLU network is positively homogeneous (x/255 only rescales
every logit, so top-1 never moves), and through 13 conv layers activations vanish or explode, so every
image lands on the same class. So the weights are set layer by layer, LSUV-style, on seeded synthetic
calibration images pushed through the application's own ``preprocess_input``:

1. each Conv2D/Dense kernel is drawn He-normal, then rescaled so its pre-activations have unit std;
2. its bias recentres each channel and adds a seeded offset, so about half the units fire and a change
   of input scale or offset changes *which* units fire (as in a trained network);
3. the classification head is centred per class and scaled to a softmax temperature that gives
   confident but image-dependent predictions.

Everything is a pure function of (architecture, seed): the same seed gives bit-identical weights.
"""

from __future__ import annotations

import numpy as np

from prepguard_py.models import MODEL_MODULES, preprocess_function

# Application name (prepguard spelling) -> keras.applications constructor.
CONSTRUCTORS = {
    "vgg16": "VGG16", "vgg19": "VGG19",
    "resnet50": "ResNet50", "resnet101": "ResNet101", "resnet152": "ResNet152",
    "resnet50v2": "ResNet50V2", "resnet101v2": "ResNet101V2", "resnet152v2": "ResNet152V2",
    "inception_v3": "InceptionV3", "inception_resnet_v2": "InceptionResNetV2", "xception": "Xception",
    "mobilenet": "MobileNet", "mobilenet_v2": "MobileNetV2",
    "mobilenet_v3_small": "MobileNetV3Small", "mobilenet_v3_large": "MobileNetV3Large",
    "densenet121": "DenseNet121", "densenet169": "DenseNet169", "densenet201": "DenseNet201",
    "nasnet_mobile": "NASNetMobile", "nasnet_large": "NASNetLarge",
    **{f"efficientnet_b{i}": f"EfficientNetB{i}" for i in range(8)},
    **{f"efficientnet_v2_b{i}": f"EfficientNetV2B{i}" for i in range(4)},
    "efficientnet_v2_s": "EfficientNetV2S", "efficientnet_v2_m": "EfficientNetV2M",
    "efficientnet_v2_l": "EfficientNetV2L",
    "convnext_tiny": "ConvNeXtTiny", "convnext_small": "ConvNeXtSmall", "convnext_base": "ConvNeXtBase",
    "convnext_large": "ConvNeXtLarge", "convnext_xlarge": "ConvNeXtXLarge",
}
assert set(CONSTRUCTORS) == set(MODEL_MODULES), "every application needs a constructor"

CALIBRATION_IMAGES = 8
BIAS_OFFSET_STD = 0.5       # in units of the pre-activation std
HEAD_LOGIT_STD = 4.0        # softmax temperature of the seeded head
CLASSES = 1000


def application_constructor(name: str):
    import keras

    if name not in CONSTRUCTORS:
        raise ValueError(f"unknown application {name!r}; known: {', '.join(sorted(CONSTRUCTORS))}")
    return getattr(keras.applications, CONSTRUCTORS[name])


def build_seeded_classifier(name: str, seed: int, input_shape: tuple[int, int, int]):
    """The application's convolutional base (Keras layer names) + GlobalAveragePooling2D + Dense(1000,
    softmax) named ``predictions``, with seeded weights as described in the module docstring."""
    import keras

    keras.utils.set_random_seed(seed)
    base = application_constructor(name)(include_top=False, weights=None, input_shape=input_shape)
    features = keras.layers.GlobalAveragePooling2D(name="avg_pool")(base.output)
    outputs = keras.layers.Dense(CLASSES, activation="softmax", name="predictions")(features)
    model = keras.Model(base.input, outputs, name=name)
    calibration = calibration_batch(name, seed, input_shape)
    seed_weights(model, calibration, np.random.default_rng(seed))
    return model


def calibration_batch(name: str, seed: int, input_shape: tuple[int, int, int]) -> np.ndarray:
    """Seeded smooth random colour fields with fine noise (uint8-valued, like decoded photos), through
    the application's own ``preprocess_input``."""
    import tensorflow as tf

    rng = np.random.default_rng([seed, 1])
    height, width, _ = input_shape
    images = []
    for index in range(CALIBRATION_IMAGES):
        cells = 2 + index % 6
        coarse = rng.uniform(0, 255, size=(1, cells, cells, 3)).astype("float32")
        smooth = tf.image.resize(coarse, (height, width), method="bilinear").numpy()[0]
        noisy = smooth + rng.normal(0, 12, size=smooth.shape)
        images.append(np.clip(np.round(noisy), 0, 255).astype("float32"))
    return preprocess_function(name)(np.stack(images))


def seed_weights(model, calibration: np.ndarray, rng: np.random.Generator) -> None:
    """Sets every Conv2D/Dense layer in order (see module docstring); other layers keep Keras' init."""
    import keras

    weighted = [layer for layer in model.layers if isinstance(layer, (keras.layers.Conv2D, keras.layers.Dense))]
    for layer in weighted:
        kernel = layer.kernel
        fan_in = int(np.prod(kernel.shape[:-1]))
        layer.kernel.assign(rng.normal(0.0, np.sqrt(2.0 / fan_in), size=kernel.shape).astype("float32"))
        if layer.use_bias:
            layer.bias.assign(np.zeros(layer.bias.shape, dtype="float32"))
        pre_activation = _pre_activation(model, layer, calibration)
        axes = tuple(range(pre_activation.ndim - 1))
        scale = float(pre_activation.std()) or 1.0
        channel_mean = pre_activation.mean(axis=axes) / scale
        if layer.name == "predictions":
            layer.kernel.assign((layer.kernel.numpy() * (HEAD_LOGIT_STD / scale)).astype("float32"))
            layer.bias.assign((-channel_mean * HEAD_LOGIT_STD).astype("float32"))
            continue
        layer.kernel.assign((layer.kernel.numpy() / scale).astype("float32"))
        if layer.use_bias:
            offset = rng.normal(0.0, BIAS_OFFSET_STD, size=layer.bias.shape)
            layer.bias.assign((offset - channel_mean).astype("float32"))


def _pre_activation(model, layer, calibration: np.ndarray) -> np.ndarray:
    """The layer's output with its activation switched off, on the calibration batch."""
    import keras

    activation = layer.activation
    layer.activation = keras.activations.linear
    try:
        probe = keras.Model(model.input, layer.output)
        return np.asarray(probe(calibration, training=False))
    finally:
        layer.activation = activation


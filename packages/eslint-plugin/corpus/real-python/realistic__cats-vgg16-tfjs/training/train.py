"""Fine-tunes an ImageNet VGG16 on cats vs dogs and exports it for the browser."""
import tensorflowjs as tfjs
from tensorflow.keras import layers, models
from tensorflow.keras.applications import VGG16
from tensorflow.keras.applications.vgg16 import preprocess_input
from tensorflow.keras.preprocessing.image import ImageDataGenerator

IMAGE_SIZE = (224, 224)

base = VGG16(weights="imagenet", include_top=False, input_shape=IMAGE_SIZE + (3,))
base.trainable = False

model = models.Sequential([
    base,
    layers.GlobalAveragePooling2D(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

augment = ImageDataGenerator(preprocessing_function=preprocess_input, horizontal_flip=True)
train = augment.flow_from_directory("data/train", target_size=IMAGE_SIZE, class_mode="binary")
valid = ImageDataGenerator(preprocessing_function=preprocess_input).flow_from_directory(
    "data/valid", target_size=IMAGE_SIZE, class_mode="binary")

model.fit(train, validation_data=valid, epochs=5)
tfjs.converters.save_keras_model(model, "../web/public/models/cats_vgg16")

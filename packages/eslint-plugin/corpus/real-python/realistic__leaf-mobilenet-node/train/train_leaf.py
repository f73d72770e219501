"""Leaf disease classifier: MobileNetV2 with its [-1, 1] scaling built into the model."""
import tensorflow as tf
import tensorflowjs as tfjs

IMAGE_SIZE = (224, 224)

train_ds = tf.keras.utils.image_dataset_from_directory("leaves/train", image_size=IMAGE_SIZE)
valid_ds = tf.keras.utils.image_dataset_from_directory("leaves/valid", image_size=IMAGE_SIZE)

base = tf.keras.applications.MobileNetV2(input_shape=IMAGE_SIZE + (3,), include_top=False, weights="imagenet")
base.trainable = False

inputs = tf.keras.Input(shape=IMAGE_SIZE + (3,))
x = tf.keras.layers.Rescaling(1.0 / 127.5, offset=-1)(inputs)
x = base(x, training=False)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
outputs = tf.keras.layers.Dense(4, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=valid_ds, epochs=10)
tfjs.converters.save_keras_model(model, "../server/models/leaf_mobilenet")

import { recognizeFromIdentifier, recognizeFromJsDoc, recognizeFromLocation, recognizeFromSettings } from '../src/engine/model-families.js';

const modeOf = (r: ReturnType<typeof recognizeFromIdentifier>) => (r?.kind === 'family' ? `${r.info.name}:${r.info.mode}` : r?.kind);

describe('model family recognition', () => {
  it.each([
    ['vgg16', 'VGG16:caffe'],
    ['vggModel', 'VGG16:caffe'],
    ['myVgg19', 'VGG19:caffe'],
    ['resnet50', 'ResNet50:caffe'],
    ['resnet152Model', 'ResNet50:caffe'],
    ['resnet50v2', 'ResNetV2:tf'],
    ['inceptionV3', 'InceptionV3:tf'],
    ['xception', 'Xception:tf'],
    ['mobilenetV2', 'MobileNetV2:tf'],
    ['mobilenetV3Large', 'MobileNetV3:raw'],
    ['densenet121', 'DenseNet:torch'],
    ['effnet', 'EfficientNet:raw'],
    ['efficientNetB0', 'EfficientNet:raw'],
    ['convnextTiny', 'ConvNeXt:raw'],
  ])('identifier %s -> %s', (name, expected) => {
    expect(modeOf(recognizeFromIdentifier(name))).toBe(expected);
  });

  it.each(['mobilenet', 'mobilenetModel', 'model', 'resnet', 'convggish', 'classifier'])('identifier %s is not recognized', (name) => {
    expect(recognizeFromIdentifier(name)).toBeUndefined();
  });

  it.each(['posenetResnet50', 'bodyPixNet', 'movenetThunder', 'ssdMobilenetV2'])('identifier %s is explicitly not Keras', (name) => {
    expect(recognizeFromIdentifier(name)?.kind).toBe('notKeras');
  });

  it.each([
    ['https://example.com/models/vgg16/model.json', 'VGG16:caffe'],
    ['file://./models/resnet50_v2/model.json', 'ResNetV2:tf'],
    ['/m/mobilenet_v2_1.0_224/model.json', 'MobileNetV2:tf'],
    ['https://storage.googleapis.com/tfjs-models/savedmodel/posenet/resnet50/float/model-stride32.json', 'notKeras'],
    // TF Hub image classifiers follow TF Hub's common image signature: [0, 1].
    ['https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v2_100_224/classification/3/default/1', 'TF Hub image model:unit'],
    ['https://tfhub.dev/tensorflow/tfjs-model/ssd_mobilenet_v2/1/default/1', 'notKeras'],
    // The bucket's tfjs/ folder: Keras applications converted by the TF.js team.
    ['https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json', 'MobileNet:tf'],
    // A project folder called tfjs-models/ is not the @tensorflow-models packages.
    ['static/tfjs-models/OCT_VGG16_final_tfjs/model.json', 'VGG16:caffe'],
    // A converted Keras MobileNet without a version: v1 and v2 share tf mode.
    ['mobile_net/model.json', 'MobileNet:tf'],
  ])('location %s -> %s', (location, expected) => {
    expect(modeOf(recognizeFromLocation(location))).toBe(expected);
  });

  it('uses only the last path segments of a location', () => {
    expect(recognizeFromLocation('https://vgg-demo.example.com/app/models/classifier/model.json')).toBeUndefined();
  });

  it('matches user settings case-insensitively and reads JSDoc tags', () => {
    expect(recognizeFromSettings('/models/CatDog/model.json', [{ pattern: 'catdog', mode: 'unit' }])?.mode).toBe('unit');
    expect(recognizeFromSettings('/models/other/model.json', [{ pattern: 'catdog', mode: 'unit' }])).toBeUndefined();
    expect(recognizeFromJsDoc('* @preprocess torch ')?.mode).toBe('torch');
    expect(recognizeFromJsDoc('* @preprocess bgr ')).toBeUndefined();
  });
});

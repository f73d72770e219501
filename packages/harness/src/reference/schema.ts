/** JSON Schema (draft-07) of reference format version 1; see docs/reference-format.md. */
const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const finite = { type: 'number' } as const;
const numberArray = { type: 'array', items: finite } as const;
const shape = { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1 } as const;

const channelStats = {
  type: 'object',
  required: ['mean', 'std', 'min', 'max'],
  additionalProperties: false,
  properties: { mean: numberArray, std: numberArray, min: numberArray, max: numberArray },
} as const;

const layerStats = {
  type: 'object',
  required: ['shape', 'mean', 'std', 'min', 'max', 'l2', 'zeroFraction', 'channelMean'],
  additionalProperties: false,
  properties: {
    shape,
    mean: finite,
    std: { type: 'number', minimum: 0 },
    min: finite,
    max: finite,
    l2: { type: 'number', minimum: 0 },
    zeroFraction: { type: 'number', minimum: 0, maximum: 1 },
    channelMean: numberArray,
  },
} as const;

export const referenceSchemaV1 = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://prepguard.dev/schemas/reference-v1.json',
  title: 'prepguard reference, version 1',
  type: 'object',
  required: ['format', 'version', 'producer', 'model', 'preprocessing', 'labels', 'images'],
  additionalProperties: false,
  properties: {
    format: { const: 'prepguard-reference' },
    version: { const: 1 },
    producer: {
      type: 'object',
      required: ['name', 'versions', 'createdAt'],
      additionalProperties: false,
      properties: {
        name: { enum: ['keras', 'prepguard'] },
        versions: { type: 'object', additionalProperties: { type: 'string' } },
        createdAt: { type: 'string', minLength: 10 },
      },
    },
    model: {
      type: 'object',
      required: ['name', 'weightsSha256', 'inputShape', 'outputClasses'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        weightsSha256: hex64,
        inputShape: shape,
        outputClasses: { type: 'integer', minimum: 1 },
      },
    },
    preprocessing: {
      type: 'object',
      required: ['mode', 'application', 'targetSize', 'interpolation', 'keepAspectRatio', 'colorMode', 'dataFormat'],
      additionalProperties: false,
      properties: {
        mode: { enum: ['caffe', 'tf', 'torch', 'raw'] },
        application: { type: ['string', 'null'] },
        targetSize: {
          oneOf: [{ type: 'null' }, { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 2, maxItems: 2 }],
        },
        interpolation: { enum: ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'] },
        keepAspectRatio: { type: 'boolean' },
        colorMode: { enum: ['rgb', 'rgba', 'grayscale'] },
        dataFormat: { enum: ['channels_last', 'channels_first'] },
      },
    },
    labels: { oneOf: [{ type: 'null' }, { type: 'array', items: { type: 'string' } }] },
    images: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['file', 'sha256', 'input', 'topK', 'layers'],
        additionalProperties: false,
        properties: {
          file: { type: 'string', minLength: 1 },
          sha256: hex64,
          input: {
            type: 'object',
            required: ['shape', 'sha256', 'channels'],
            additionalProperties: false,
            properties: { shape, sha256: hex64, channels: channelStats },
          },
          topK: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['index', 'label', 'probability'],
              additionalProperties: false,
              properties: {
                index: { type: 'integer', minimum: 0 },
                label: { type: ['string', 'null'] },
                probability: finite,
              },
            },
          },
          layers: { type: 'object', additionalProperties: layerStats },
        },
      },
    },
  },
} as const;

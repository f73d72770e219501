/**
 * jest's node environment, with Node's own typed-array constructors.
 *
 * jest runs each test file in a separate realm, whose Float32Array is not Node's. tfjs-node's
 * native addon returns Node-realm typed arrays, and tfjs-core's `instanceof Float32Array` checks
 * (saving a model, weight encoding) then reject them ("Unsupported TypedArray subtype"). jest
 * already shares ArrayBuffer and Uint8Array with Node for the same reason; this shares the rest.
 */
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'Int8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'DataView',
];

module.exports = class NodeRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
};

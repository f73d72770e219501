// jest setup for every package: tfjs prints a "Hi, looks like you are running TensorFlow.js in
// Node.js" banner (and other development warnings) through its logger the first time a test file
// uses the CPU backend. Production mode is tfjs' own switch for those warnings (in tfjs 4 it gates
// nothing but logging), so test output keeps only what the tests print.
require('@tensorflow/tfjs-core').enableProdMode();

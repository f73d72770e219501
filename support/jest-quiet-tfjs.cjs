// jest setup for every package: tfjs prints a "Hi, looks like you are running TensorFlow.js in
// Node.js" banner (and other development warnings) through its logger the first time a test file
// uses the CPU backend. Production mode is tfjs' own switch for those warnings (in tfjs 4 it gates
// nothing but logging), so test output keeps only what the tests print.
require('@tensorflow/tfjs-core').enableProdMode();
// libtensorflow under tfjs-node logs oneDNN/CPU-feature INFO lines to stderr unless told otherwise;
// set before any test loads it (a user's own setting wins).
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';

'use strict';
// Lets @tensorflow/tfjs-tflite (written for browsers and web workers) run real TFLite under Node, offline:
// the package thinks it is in a web worker (`self`, `self.location`, `importScripts`), loads the single-threaded
// SIMD (or plain) wasm client into this context instead of the threaded one it asks for, and hands that client
// the .wasm bytes so it never fetches anything.

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm');

function simdSupported() {
  // The smallest module using a v128 instruction (the feature test emscripten clients use).
  const probe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0,
    65, 0, 253, 15, 253, 98, 11]);
  try {
    return WebAssembly.validate(probe);
  } catch {
    return false;
  }
}

function install() {
  if (globalThis.__tinymlTfliteShim) return globalThis.__tinymlTfliteShim;
  const flavour = process.env.TFLITE_ORACLE_PLAIN ? 'tflite_web_api_cc' : (simdSupported() ? 'tflite_web_api_cc_simd' : 'tflite_web_api_cc');
  const clientJs = path.join(wasmDir, `${flavour}.js`);
  const wasmBinary = fs.readFileSync(path.join(wasmDir, `${flavour}.wasm`));

  globalThis.self = globalThis;
  globalThis.self.location = { href: `file://${wasmDir}/`, origin: 'file://', protocol: 'file:' };
  globalThis.importScripts = () => {
    // Whatever client the package asked for, define the single-threaded one's factory instead.
    vm.runInThisContext(fs.readFileSync(clientJs, 'utf8'), { filename: clientJs });
    const factory = globalThis.tflite_web_api_ModuleFactory;
    if (typeof factory !== 'function') throw new Error(`${clientJs} did not define tflite_web_api_ModuleFactory`);
    globalThis.tflite_web_api_ModuleFactory = (options) => factory({ ...options, wasmBinary });
  };
  globalThis.__tinymlTfliteShim = { flavour };
  return globalThis.__tinymlTfliteShim;
}

module.exports = { install };

'use strict';
// Real TFLite as an oracle: runs a .tflite model on raw inputs, like build/bin/tinyml-run but for many inputs.
//
//   node run.js MODEL.tflite IN.bin OUT.bin [--count N]
//
// IN.bin holds N records, each the raw little-endian bytes of every input tensor in order; OUT.bin receives N
// records, each the raw bytes of every output tensor in order (int8 stays int8: one byte per value). N defaults to
// the whole of IN.bin. Prints one JSON line describing the model's inputs and outputs and the wasm flavour used.
// On error: a one-line reason on stderr and exit code 1.

const fs = require('fs');
const { install } = require('./shim');

const ELEMENT_BYTES = { int8: 1, uint8: 1, bool: 1, int16: 2, int32: 4, uint32: 4, float32: 4, float64: 8 };

function parseArgs(argv) {
  const positional = [];
  let count = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--count') count = Number(argv[++i]);
    else positional.push(argv[i]);
  }
  if (positional.length !== 3 || (count !== null && !(Number.isInteger(count) && count >= 0)))
    throw new Error('usage: node run.js MODEL.tflite IN.bin OUT.bin [--count N]');
  return { model: positional[0], input: positional[1], output: positional[2], count };
}

function describe(info) {
  const shape = info.shape === '' ? [] : info.shape.split(',').map(Number);
  const elements = shape.reduce((a, b) => a * b, 1);
  return { name: info.name, type: info.dataType, shape, bytes: elements * ELEMENT_BYTES[info.dataType] };
}

function bytesOf(typed) {
  return Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { flavour } = install();
  require('@tensorflow/tfjs-backend-cpu');
  const tflite = require('@tensorflow/tfjs-tflite');

  const modelBytes = fs.readFileSync(args.model);
  const model = await tflite.loadTFLiteModel(
    modelBytes.buffer.slice(modelBytes.byteOffset, modelBytes.byteOffset + modelBytes.byteLength), { numThreads: 1 });
  const runner = model.modelRunner;
  const inputs = runner.getInputs();
  const outputs = runner.getOutputs();
  const inDesc = inputs.map(describe);
  const outDesc = outputs.map(describe);
  const recordIn = inDesc.reduce((a, d) => a + d.bytes, 0);
  const recordOut = outDesc.reduce((a, d) => a + d.bytes, 0);

  const data = fs.readFileSync(args.input);
  if (recordIn === 0 || data.length % recordIn !== 0)
    throw new Error(`${args.input}: ${data.length} bytes is not a whole number of ${recordIn}-byte input records`);
  const count = args.count === null ? data.length / recordIn : args.count;
  if (count * recordIn > data.length) throw new Error(`${args.input}: fewer than ${count} input records`);

  const result = Buffer.alloc(count * recordOut);
  for (let r = 0; r < count; r++) {
    let at = r * recordIn;
    inputs.forEach((t, i) => {
      const target = t.data();
      bytesOf(target).set(data.subarray(at, at + inDesc[i].bytes));
      at += inDesc[i].bytes;
    });
    if (!runner.infer()) throw new Error(`inference failed on record ${r}`);
    let out = r * recordOut;
    outputs.forEach((t, i) => {
      bytesOf(t.data()).copy(result, out, 0, outDesc[i].bytes);
      out += outDesc[i].bytes;
    });
  }
  fs.writeFileSync(args.output, result);
  console.log(JSON.stringify({ flavour, records: count, inputs: inDesc, outputs: outDesc }));
}

main().catch((e) => {
  console.error(String(e && e.message ? e.message : e).split('\n')[0]);
  process.exit(1);
});

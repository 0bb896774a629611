/**
 * Directus 11 installed with --ignore-scripts (bench/peer.bench.ts) has no build of isolated-vm, the native sandbox
 * only its Flows' "run script" operation and sandboxed extensions use; the benchmark uses neither. Preloaded with
 * --require, this answers isolated-vm's native part with an empty stand-in, so Directus starts.
 */
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === './out/isolated_vm' && parent && /isolated-vm/.test(parent.filename)) return __filename;
  return resolve.call(this, request, parent, ...rest);
};
module.exports.ivm = {};

// Copies what the in-browser VAD loads at run time into public/vad/, so the builder serves it
// itself (no CDN: Parley must work offline): the Silero model and the VAD's AudioWorklet from
// @ricky0123/vad-web, and onnxruntime-web's WebAssembly runtime. Run before `next build` and
// `next dev` (package.json); the copies are git-ignored.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const appDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const target = path.join(appDir, 'public', 'vad');

/** The dist/ folder of an installed package, searched where Node would (its exports hide package.json). */
function distOf(pkg) {
  const roots = require.resolve.paths(pkg) ?? [];
  const root = [path.join(appDir, 'node_modules'), ...roots].find((dir) => fs.existsSync(path.join(dir, pkg, 'package.json')));
  if (!root) {
    console.error(`copy-vad-assets: ${pkg} is not installed`);
    process.exit(1);
  }
  return path.join(root, pkg, 'dist');
}

const files = [
  [distOf('@ricky0123/vad-web'), ['silero_vad_v5.onnx', 'vad.worklet.bundle.min.js']],
  // The wasm backend onnxruntime-web picks in browsers without WebGPU (threads only when the page is cross-origin isolated).
  [distOf('onnxruntime-web'), ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs']],
];

fs.mkdirSync(target, { recursive: true });
let bytes = 0;
for (const [dir, names] of files) {
  for (const name of names) {
    const from = path.join(dir, name);
    if (!fs.existsSync(from)) {
      console.error(`copy-vad-assets: ${from} is missing (is the package installed?)`);
      process.exit(1);
    }
    fs.copyFileSync(from, path.join(target, name));
    bytes += fs.statSync(from).size;
  }
}
console.log(`copy-vad-assets: ${files.flatMap(([, n]) => n).length} files (${(bytes / 1e6).toFixed(1)} MB) → public/vad/`);

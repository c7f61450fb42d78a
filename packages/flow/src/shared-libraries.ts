/**
 * The third-party libraries of the workflow runtime that one worker evaluates once and shares
 * between all its conversations (the worker bundles this file as Temporal's `preloadModules`;
 * see apps/worker/src/workflow-bundle.ts). Every other module of the workflow bundle is evaluated
 * again for each new conversation: re2js (258 KB) and jsep were about half of that CPU.
 *
 * Temporal deep-freezes shared modules' exports, and a shared module must keep no per-conversation
 * state. Both hold: re2js's exported classes read their static fields only (its lazily filled
 * Unicode tables and compiled-program caches live on classes it does not export and in Maps,
 * which freezing leaves alone; they hold the same constant tables whichever conversation fills
 * them); jsep is configured only by its own module (the ternary plugin), and
 * `./expressions/jsep-offsets` subclasses its parser without touching its global operators or hooks. Our own modules stay per
 * conversation (e.g. `patterns.ts` keeps its compiled-pattern cache per conversation).
 *
 * Re-exported rather than imported for effect: re2js declares `sideEffects: false`, and this
 * file's imports must resolve as the runtime's do (the ESM builds), so both are the same module.
 */
export { RE2JS } from 're2js';
export { default as jsep } from 'jsep';

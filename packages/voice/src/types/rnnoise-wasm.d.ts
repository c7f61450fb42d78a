/** @jitsi/rnnoise-wasm ships Emscripten glue without types; only what we call is declared. */
declare module "@jitsi/rnnoise-wasm/dist/rnnoise-sync.js" {
  export interface RnnoiseModule {
    _malloc(bytes: number): number;
    _free(ptr: number): void;
    _rnnoise_create(model: number): number;
    _rnnoise_destroy(state: number): void;
    /** Denoises 480 float samples (16-bit scale) in place-capable buffers; returns the frame's voice probability. */
    _rnnoise_process_frame(state: number, out: number, input: number): number;
    HEAPF32: Float32Array;
  }
  /** Emscripten's old MODULARIZE factory: returns the module at once, usable after `ready`. */
  const createRNNWasmModuleSync: (overrides?: object) => RnnoiseModule & { ready: Promise<RnnoiseModule> };
  export default createRNNWasmModuleSync;
}

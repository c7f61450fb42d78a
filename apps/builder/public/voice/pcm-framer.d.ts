/** Types of pcm-framer.js (plain JavaScript so the capture worklet can import it by URL). */
export declare class PcmFramer {
  constructor(inputRate: number, outputRate?: number, frameMs?: number);
  readonly ratio: number;
  readonly frameSamples: number;
  push(input: Float32Array): ArrayBuffer[];
}
export declare function floatToPcm16(sample: number): number;

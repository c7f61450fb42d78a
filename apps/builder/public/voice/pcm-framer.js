// @ts-check
/**
 * Turns the microphone's float samples (any rate ≥ 16 kHz) into the voice gateway's wire format:
 * little-endian 16-bit mono PCM frames of a fixed duration (20 ms at 16 kHz = 320 samples).
 *
 * Plain JavaScript because the capture AudioWorklet (pcm-capture.worklet.js, beside this file)
 * imports it as-is: worklets are loaded by URL, outside the app's bundle. Typed by
 * pcm-framer.d.ts and unit-tested from src/components/call/pcm-framer.test.ts.
 *
 * Downsampling averages the input samples that fall into each output sample's slot (a box
 * filter): cheap enough for the audio thread, flat in the speech band, and it attenuates (does
 * not remove) what would alias; the browser's own capture filtering does the rest.
 */
export class PcmFramer {
  /**
   * @param {number} inputRate the AudioContext's sample rate
   * @param {number} outputRate the wire rate (16000)
   * @param {number} frameMs frame duration in milliseconds (20)
   */
  constructor(inputRate, outputRate = 16000, frameMs = 20) {
    if (!(inputRate >= outputRate)) throw new RangeError(`cannot upsample ${inputRate} Hz to ${outputRate} Hz`);
    this.ratio = inputRate / outputRate;
    this.frameSamples = Math.round((outputRate * frameMs) / 1000);
    this.frame = new Int16Array(this.frameSamples);
    this.filled = 0;
    this.inputIndex = 0;
    this.slot = 0;
    this.sum = 0;
    this.count = 0;
  }

  /**
   * Feeds input samples; returns the frames completed by them (each its own ArrayBuffer, so it
   * can be transferred to the main thread without copying).
   * @param {Float32Array} input
   * @returns {ArrayBuffer[]}
   */
  push(input) {
    /** @type {ArrayBuffer[]} */
    const done = [];
    for (let i = 0; i < input.length; i++) {
      const slot = Math.floor(this.inputIndex / this.ratio);
      if (slot !== this.slot && this.count > 0) {
        this.emit(this.sum / this.count, done);
        this.sum = 0;
        this.count = 0;
      }
      this.slot = slot;
      this.sum += input[i] ?? 0;
      this.count++;
      this.inputIndex++;
    }
    return done;
  }

  /**
   * @param {number} sample
   * @param {ArrayBuffer[]} done
   */
  emit(sample, done) {
    this.frame[this.filled++] = floatToPcm16(sample);
    if (this.filled === this.frameSamples) {
      done.push(this.frame.buffer);
      this.frame = new Int16Array(this.frameSamples);
      this.filled = 0;
    }
  }
}

/**
 * One float sample in [-1, 1] as a signed 16-bit integer (clamped; asymmetric range).
 * Int16Array stores little-endian on every platform browsers run on.
 * @param {number} sample
 * @returns {number}
 */
export function floatToPcm16(sample) {
  const s = sample > 1 ? 1 : sample < -1 ? -1 : sample;
  return Math.round(s < 0 ? s * 0x8000 : s * 0x7fff);
}

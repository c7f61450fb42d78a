/* global AudioWorkletProcessor, sampleRate, registerProcessor -- the AudioWorkletGlobalScope */
// The caller's microphone, on the audio thread: 16 kHz PCM16 frames of 20 ms posted to the page
// (which decides whether to send them: mute, push-to-talk, voice activity).
import { PcmFramer } from './pcm-framer.js';

const WIRE_RATE = 16000;
const FRAME_MS = 20;

class PcmCaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    // `sampleRate` is the AudioContext's rate, a global of the worklet scope.
    this.framer = new PcmFramer(sampleRate, WIRE_RATE, FRAME_MS);
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (channel) {
      for (const frame of this.framer.push(channel)) this.port.postMessage(frame, [frame]);
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCaptureProcessor);

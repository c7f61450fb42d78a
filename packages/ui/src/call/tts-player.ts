import { pcm16ToFloat32 } from './pcm';

/** Audio scheduled this far ahead of "now" when playback (re)starts: absorbs network jitter. */
const START_LEAD_S = 0.08;

/**
 * Plays the gateway's text-to-speech: PCM16 chunks scheduled back to back on the AudioContext's
 * clock (gap-free, whatever size the chunks are), and stopped at once on barge-in.
 */
export class TtsPlayer {
  private readonly sources = new Set<AudioBufferSourceNode>();
  private sampleRate = 16000;
  private nextTime = 0;
  /** The gateway said `tts-end`: when the last source ends, playback is over. */
  private finished = true;

  constructor(
    private readonly context: AudioContext,
    private readonly output: AudioNode,
    private readonly onPlaying: (playing: boolean) => void,
  ) {}

  begin(sampleRate: number): void {
    this.sampleRate = sampleRate;
    this.finished = false;
  }

  enqueue(chunk: ArrayBuffer): void {
    const samples = pcm16ToFloat32(chunk);
    if (samples.length === 0) return;
    const buffer = this.context.createBuffer(1, samples.length, this.sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    // Back to back with the previous chunk, unless playback ran dry (then restart with a lead).
    const at = Math.max(this.nextTime, this.context.currentTime + (this.sources.size === 0 ? START_LEAD_S : 0));
    source.start(at);
    this.nextTime = at + buffer.duration;
    if (this.sources.size === 0) this.onPlaying(true);
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      source.disconnect();
      if (this.sources.size === 0 && this.finished) this.onPlaying(false);
    };
  }

  /** The gateway sent all audio of this message. */
  end(): void {
    this.finished = true;
    if (this.sources.size === 0) this.onPlaying(false);
  }

  /** Barge-in or hang-up: silence now, drop everything queued. */
  flush(): void {
    for (const source of this.sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // never started: nothing to stop
      }
      source.disconnect();
    }
    const wasPlaying = this.sources.size > 0;
    this.sources.clear();
    this.nextTime = 0;
    this.finished = true;
    if (wasPlaying) this.onPlaying(false);
  }

  get active(): boolean {
    return this.sources.size > 0;
  }
}

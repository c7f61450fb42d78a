/**
 * The fallback voice activity detector, used when the Silero model cannot load (old browser, no
 * WebAssembly, assets missing): speech is a level well above the tracked noise floor for a few
 * frames in a row; it ends after a stretch below it. Crude next to Silero (any loud noise is
 * "speech"), but it keeps barge-in and hands-free turns working.
 */
export interface EnergyDetectorOptions {
  /** dB above the noise floor that counts as speech. */
  marginDb: number;
  /** Consecutive loud frames before speech starts. */
  startFrames: number;
  /** Consecutive quiet frames before speech ends. */
  endFrames: number;
  /** Never treat anything quieter than this as speech, dBFS. */
  minSpeechDbfs: number;
}

const defaults: EnergyDetectorOptions = { marginDb: 12, startFrames: 3, endFrames: 40, minSpeechDbfs: -50 };

export class EnergyDetector {
  private readonly options: EnergyDetectorOptions;
  /** The noise floor, dBFS: starts at the first frame's level (a call opens before anyone speaks). */
  private floorDb: number | null = null;
  private loud = 0;
  private quiet = 0;
  speaking = false;

  constructor(options: Partial<EnergyDetectorOptions> = {}) {
    this.options = { ...defaults, ...options };
  }

  /** Feeds one frame's level; returns 'start' or 'end' when the speaking state changes. */
  push(levelDb: number): 'start' | 'end' | null {
    const level = Number.isFinite(levelDb) ? levelDb : -100;
    // The floor follows quiet frames quickly and loud ones slowly, so speech does not raise it.
    let floor = this.floorDb ?? level;
    floor += (level - floor) * (level < floor ? 0.5 : 0.01);
    this.floorDb = floor;
    const isLoud = level > Math.max(floor + this.options.marginDb, this.options.minSpeechDbfs);
    this.loud = isLoud ? this.loud + 1 : 0;
    this.quiet = isLoud ? 0 : this.quiet + 1;
    if (!this.speaking && this.loud >= this.options.startFrames) {
      this.speaking = true;
      return 'start';
    }
    if (this.speaking && this.quiet >= this.options.endFrames) {
      this.speaking = false;
      return 'end';
    }
    return null;
  }
}

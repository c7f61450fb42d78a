/**
 * Decides which microphone frames go to the gateway. Hands-free ("auto") calls send only while
 * the caller speaks — plus a pre-roll, so the first syllable (heard before the detector fired) is
 * not clipped, and a tail, so the gateway's own end-of-turn detection hears the silence after the
 * words. Push-to-talk sends while the key is held. Muted sends nothing.
 */
export interface GateInput {
  mode: 'auto' | 'push-to-talk';
  muted: boolean;
  pttHeld: boolean;
  /** The local detector hears speech. */
  speaking: boolean;
  /** A local detector runs; until then every frame is sent (the gateway has its own VAD). */
  detectorReady: boolean;
}

export class SendGate {
  private readonly preRoll: ArrayBuffer[] = [];
  private tailLeft = 0;

  /**
   * @param preRollFrames frames kept while quiet and sent when speech starts (10 × 20 ms = 200 ms)
   * @param tailFrames frames still sent after speech stops (50 × 20 ms = 1 s): with the local
   *   VAD's own 0.8 s wait that is well over the gateway's end-of-turn silence (0.6 s)
   */
  constructor(
    private readonly preRollFrames = 10,
    private readonly tailFrames = 50,
  ) {}

  /** The frames to send now, given one new frame (possibly none, or the pre-roll first). */
  push(frame: ArrayBuffer, input: GateInput): ArrayBuffer[] {
    if (input.muted) {
      this.reset();
      return [];
    }
    const open =
      input.pttHeld || (input.mode === 'auto' && (!input.detectorReady || input.speaking || this.tailLeft > 0));
    if (!open) {
      this.preRoll.push(frame);
      if (this.preRoll.length > this.preRollFrames) this.preRoll.shift();
      return [];
    }
    if (input.speaking || input.pttHeld) this.tailLeft = this.tailFrames;
    else if (this.tailLeft > 0) this.tailLeft--;
    const out = [...this.preRoll, frame];
    this.preRoll.length = 0;
    return out;
  }

  reset(): void {
    this.preRoll.length = 0;
    this.tailLeft = 0;
  }
}

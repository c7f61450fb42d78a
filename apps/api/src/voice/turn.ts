/**
 * One caller utterance and its recognition session. Starting a recognizer takes a while (a
 * process, a connection) and the caller does not wait for it, so the turn holds its audio until
 * the recognizer is there; the pre-roll keeps the audio from just before the VAD noticed speech,
 * so the first syllable is not lost either.
 */
import { OUTPUT_SAMPLE_RATE } from "@parley/voice";
import { speechProviderError } from "./call-error";
import type { RecognitionSession } from "./engines";

/** Audio kept from before the VAD's speech-start so the first syllable reaches the recognizer. */
const PRE_ROLL_MS = 300;

/** One utterance: audio goes to the recognizer, held back until the recognizer has started. */
export class Turn {
  private samples = 0;
  /** Set once the final is out: a partial decoded late must not follow it. */
  private done = false;
  private session: RecognitionSession | null = null;
  private held: Int16Array[] = [];
  private closed = false;
  private readonly ready: Promise<RecognitionSession>;

  /** `onPartial` hears the recognizer's non-empty partials until the final is out. */
  constructor(starting: Promise<RecognitionSession>, onPartial: (text: string) => void) {
    this.ready = starting.then((session) => {
      if (this.closed) {
        session.close();
        return session;
      }
      session.onPartial((text) => {
        if (!this.done && text) onPartial(text);
      });
      for (const chunk of this.held) session.write(chunk);
      this.held = [];
      this.session = session;
      return session;
    });
    // A recognizer that fails to start is reported when the turn is finished.
    this.ready.catch(() => undefined);
  }

  /** How much the caller has said in this turn (the pipeline's output is 16 kHz). */
  get durationMs(): number {
    return (this.samples / OUTPUT_SAMPLE_RATE) * 1000;
  }

  write(samples: Int16Array): void {
    this.samples += samples.length;
    if (this.session) this.session.write(samples);
    else this.held.push(samples);
  }

  /** The final transcript; either way the turn is over afterwards and its recognizer closed. */
  async finish() {
    try {
      return await (await this.ready).finish();
    } catch (err) {
      throw speechProviderError("speech recognition", err);
    } finally {
      this.done = true;
      this.close();
    }
  }

  close(): void {
    this.closed = true;
    this.session?.close();
  }
}

/** The last PRE_ROLL_MS of audio heard while no turn was open. */
export class PreRoll {
  private chunks: Int16Array[] = [];
  private samples = 0;

  push(audio: Int16Array): void {
    if (audio.length === 0) return;
    this.chunks.push(audio);
    this.samples += audio.length;
    while (this.samples - this.chunks[0]!.length >= (PRE_ROLL_MS * OUTPUT_SAMPLE_RATE) / 1000) {
      this.samples -= this.chunks.shift()!.length;
    }
  }

  /** The kept audio, for a turn that just started; the pre-roll starts afresh. */
  take(): Int16Array[] {
    const chunks = this.chunks;
    this.chunks = [];
    this.samples = 0;
    return chunks;
  }
}

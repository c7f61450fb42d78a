import {
  SpeechProviderError,
  type RecognitionOptions,
  type RecognitionSession,
  type SpeechErrorKind,
  type SpeechToText,
  type SynthesisRequest,
  type TextToSpeech,
  type Transcript,
} from "./types";

/** Why and when the primary engine was set aside. */
export interface FallbackEvent {
  from: string;
  to: string;
  error: SpeechProviderError;
  /** The primary is skipped until then (ms since epoch). */
  primaryDownUntil: number;
}

export interface FallbackOptions {
  /** How long the primary is skipped after a failure of each kind. */
  cooldownMs?: Partial<Record<SpeechErrorKind, number>>;
  onFallback?: (event: FallbackEvent) => void;
  /** Injectable clock for tests. */
  now?: () => number;
}

/**
 * A wrong key does not fix itself: skip Azure for a while. A quota resets within a minute; a
 * network failure already had its retry. A bad request is about that request only.
 */
const defaultCooldownMs = {
  auth: 10 * 60_000,
  quota: 60_000,
  network: 30_000,
  "bad-request": 0,
  engine: 30_000,
} as const satisfies Record<SpeechErrorKind, number>;

/** Shared bookkeeping: is the primary usable now, and tell whoever listens when it is not. */
class PrimaryHealth {
  private downUntil = 0;
  constructor(
    private readonly primary: string,
    private readonly fallback: string,
    private readonly options: FallbackOptions,
  ) {}

  get up(): boolean {
    return (this.options.now ?? Date.now)() >= this.downUntil;
  }

  failed(error: unknown): SpeechProviderError {
    const failure =
      error instanceof SpeechProviderError
        ? error
        : new SpeechProviderError("engine", error instanceof Error ? error.message : String(error), { engine: this.primary, cause: error });
    const cooldown = this.options.cooldownMs?.[failure.kind] ?? defaultCooldownMs[failure.kind];
    this.downUntil = Math.max(this.downUntil, (this.options.now ?? Date.now)() + cooldown);
    this.options.onFallback?.({ from: this.primary, to: this.fallback, error: failure, primaryDownUntil: this.downUntil });
    return failure;
  }
}

/**
 * Recognition on the primary engine (Azure) with the offline engine behind it. The utterance's
 * audio is kept, so a network failure is retried once on a new connection and any other failure
 * (or a second one) replays the utterance into the fallback: the caller still gets its transcript,
 * and Transcript.engine says who produced it.
 */
export class FallbackSpeechToText implements SpeechToText {
  readonly name: string;
  private readonly health: PrimaryHealth;

  constructor(
    private readonly primary: SpeechToText,
    private readonly fallback: SpeechToText,
    options: FallbackOptions = {},
  ) {
    this.name = `${primary.name}+${fallback.name}`;
    this.health = new PrimaryHealth(primary.name, fallback.name, options);
  }

  /** False while the primary is in its cool-down after a failure. */
  get primaryAvailable(): boolean {
    return this.health.up;
  }

  async start(options: RecognitionOptions = {}): Promise<RecognitionSession> {
    const session = new FallbackSession(this.primary, this.fallback, this.health, options);
    await session.begin();
    return session;
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close?.(), this.fallback.close?.()]);
  }
}

class FallbackSession implements RecognitionSession {
  private readonly audio: Int16Array[] = [];
  private active: RecognitionSession | undefined;
  private activeIsPrimary = false;
  private retried = false;
  private switching: Promise<void> | undefined;
  private readonly partialListeners: Array<(text: string) => void> = [];
  private done = false;
  /** close() was called: a switch still under way must not leave a session open. */
  private closed = false;

  constructor(
    private readonly primary: SpeechToText,
    private readonly fallback: SpeechToText,
    private readonly health: PrimaryHealth,
    private readonly options: RecognitionOptions,
  ) {}

  async begin(): Promise<void> {
    if (!this.health.up) return this.attach(await this.fallback.start(this.options), false);
    try {
      this.attach(await this.primary.start(this.options), true);
    } catch (error) {
      await this.recover(error);
    }
  }

  write(samples: Int16Array): void {
    if (!(samples instanceof Int16Array)) throw new TypeError("write() takes 16 kHz mono PCM16 as an Int16Array");
    if (this.done) throw new Error("write() after finish() or close()");
    const copy = samples.slice();
    this.audio.push(copy);
    if (!this.switching) this.active?.write(copy); // during a switch the replay carries it
  }

  onPartial(listener: (text: string) => void): void {
    this.partialListeners.push(listener);
  }

  async finish(): Promise<Transcript> {
    if (this.done) throw new Error("finish() called twice or after close()");
    this.done = true;
    for (;;) {
      await this.switching;
      const session = this.active!;
      const fromPrimary = this.activeIsPrimary;
      try {
        return await session.finish();
      } catch (error) {
        if (!fromPrimary) throw error;
        // Its onError may already be switching (or have switched): then finish the new session.
        if (session === this.active && !this.switching) await this.recover(error);
      }
    }
  }

  close(): void {
    this.done = true;
    this.closed = true;
    this.active?.close();
  }

  private attach(session: RecognitionSession, isPrimary: boolean): void {
    if (this.closed) {
      session.close();
      return;
    }
    // From here on writes go straight to the new session (the replay below has all before it).
    this.switching = undefined;
    this.active = session;
    this.activeIsPrimary = isPrimary;
    session.onPartial((text) => {
      if (this.active === session) for (const listener of this.partialListeners) listener(text);
    });
    session.onError?.((error) => {
      // Switch now so partials keep flowing; finish() waits for the switch.
      if (this.active === session && !this.switching) void this.recover(error).catch(() => {});
    });
    for (const chunk of this.audio) session.write(chunk);
  }

  /** Retry the primary once for a network failure, else (or then) move to the fallback. */
  private recover(error: unknown): Promise<void> {
    const failed = this.active;
    this.switching = (async () => {
      failed?.close();
      const retry = error instanceof SpeechProviderError && error.kind === "network" && !this.retried && this.health.up;
      if (retry) {
        this.retried = true;
        try {
          this.attach(await this.primary.start(this.options), true);
          return;
        } catch (again) {
          error = again;
        }
      }
      this.health.failed(error);
      this.attach(await this.fallback.start(this.options), false);
    })();
    return this.switching;
  }
}

/**
 * Synthesis on the primary engine with the offline engine behind it. A failure before the first
 * chunk (bad key, quota, no network) is invisible to the listener: the fallback speaks instead. A
 * failure after audio started is thrown (repeating the start would be worse); the next request
 * goes to the fallback while the primary cools down.
 */
export class FallbackTextToSpeech implements TextToSpeech {
  readonly name: string;
  readonly sampleRate: number;
  /** The engine that served the last request. */
  lastServedBy: string | undefined;
  private readonly health: PrimaryHealth;

  constructor(
    private readonly primary: TextToSpeech,
    private readonly fallback: TextToSpeech,
    options: FallbackOptions = {},
  ) {
    if (primary.sampleRate !== fallback.sampleRate) {
      throw new Error(`fallback TTS must match the primary's rate (${fallback.sampleRate} vs ${primary.sampleRate} Hz)`);
    }
    this.name = `${primary.name}+${fallback.name}`;
    this.sampleRate = primary.sampleRate;
    this.health = new PrimaryHealth(primary.name, fallback.name, options);
  }

  get primaryAvailable(): boolean {
    return this.health.up;
  }

  async *synthesize(request: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Int16Array> {
    for (let attempt = 0; this.health.up && attempt < 2; attempt++) {
      let started = false;
      try {
        this.lastServedBy = this.primary.name;
        for await (const chunk of this.primary.synthesize(request, signal)) {
          started = true;
          yield chunk;
        }
        return;
      } catch (error) {
        if (started) {
          this.health.failed(error);
          throw error;
        }
        if (error instanceof SpeechProviderError && error.kind === "network" && attempt === 0) continue;
        this.health.failed(error); // a bad request too: the fallback may accept it (another voice) or say why not

      }
    }
    this.lastServedBy = this.fallback.name;
    yield* this.fallback.synthesize(request, signal);
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.close?.(), this.fallback.close?.()]);
  }
}

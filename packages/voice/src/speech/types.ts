/**
 * The one interface behind which every speech engine sits: Azure Speech in production, the
 * offline engines (Whisper tiny.en for recognition, espeak-ng for synthesis) when no key is set
 * or when Azure fails. Audio is always 16-bit mono PCM in Int16Array.
 */

export interface WordTiming {
  word: string;
  startMs: number;
  endMs: number;
  /** 0..1 when the engine reports one. */
  confidence?: number;
}

export interface Transcript {
  text: string;
  /** 0..1. */
  confidence: number;
  words: WordTiming[];
  /** Which engine produced it ("azure", "whisper-tiny.en", ...): the fallback wrapper says who served. */
  engine: string;
}

export interface RecognitionOptions {
  /** BCP-47, e.g. "en-US". */
  language?: string;
  /** Words and phrases the engine should prefer (product names, order ids, the flow's choices). */
  phrases?: readonly string[];
}

export interface RecognitionSession {
  /** 16 kHz mono PCM16. */
  write(samples: Int16Array): void;
  onPartial(listener: (text: string) => void): void;
  /** End of the utterance: resolves with the final result. */
  finish(): Promise<Transcript>;
  close(): void;
  /**
   * An engine failure seen before finish() (e.g. the connection dropped): lets a wrapper switch
   * engines mid-utterance instead of at the end. Engines that cannot fail early omit it.
   */
  onError?(listener: (error: SpeechProviderError) => void): void;
}

export interface SpeechToText {
  readonly name: string;
  start(options?: RecognitionOptions): Promise<RecognitionSession>;
  /** Releases processes and connections; the provider must not be used afterwards. */
  close?(): Promise<void>;
}

export interface SynthesisRequest {
  text: string;
  /** Full SSML document; when set it wins over `text` (engines drop what they cannot render). */
  ssml?: string;
  /** Engine-specific voice name ("en-US-JennyNeural", "en-us"). */
  voice?: string;
}

export interface TextToSpeech {
  readonly name: string;
  /** Of the chunks it yields (PCM16 mono). */
  readonly sampleRate: number;
  /**
   * Streams audio as the engine produces it. Aborting the signal stops the engine and ends the
   * iteration quietly (barge-in is not an error).
   */
  synthesize(request: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Int16Array>;
  close?(): Promise<void>;
}

export const speechErrorKinds = ["auth", "quota", "network", "bad-request", "engine"] as const;
export type SpeechErrorKind = (typeof speechErrorKinds)[number];

/** Whether trying again (same engine, new connection) can help, per kind. */
const retryableByKind = {
  auth: false,
  quota: false,
  network: true,
  "bad-request": false,
  engine: true,
} as const satisfies Record<SpeechErrorKind, boolean>;

export class SpeechProviderError extends Error {
  readonly kind: SpeechErrorKind;
  readonly retryable: boolean;
  /** The engine that failed. */
  readonly engine: string;

  constructor(kind: SpeechErrorKind, message: string, options: { engine: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SpeechProviderError";
    this.kind = kind;
    this.retryable = retryableByKind[kind];
    this.engine = options.engine;
  }
}

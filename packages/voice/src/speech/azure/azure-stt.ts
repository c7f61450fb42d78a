import sdk from "microsoft-cognitiveservices-speech-sdk";
import { SpeechProviderError, type RecognitionOptions, type RecognitionSession, type SpeechToText, type Transcript, type WordTiming } from "../types";
import { AZURE_ENGINE, classifyCancellation, classifyThrown } from "./classify";
import { createSpeechConfig, ticksToMs, type AzureSpeechOptions } from "./config";

const DEFAULT_LANGUAGE = "en-US";

export interface AzureSpeechToTextOptions extends AzureSpeechOptions {
  /**
   * How long finish() waits for the service's last phrase after the end of audio. Default 15 s.
   * The SDK reconnects a dropped socket only when it next sends audio: a connection lost after the
   * last audio would otherwise leave the turn waiting forever.
   */
  resultTimeoutMs?: number;
  /** Open the next utterance's connection after each successful one. Default true. */
  preconnect?: boolean;
}

/**
 * Azure continuous recognition fed from a push stream: `recognizing` events become partials,
 * each `recognized` phrase (detailed format: NBest confidence and word offsets) is kept, and
 * finish() closes the stream and joins the phrases. The SDK itself reconnects a dropped socket
 * and replays unacknowledged audio; what it gives up on arrives as a classified error. After a
 * turn that worked, the next turn's recognizer is made and its connection opened in advance.
 */
export class AzureSpeechToText implements SpeechToText {
  readonly name = AZURE_ENGINE;
  private readonly configs = new Map<string, sdk.SpeechConfig>();
  /** Per language, a recognizer whose connection is already open, for the next utterance. */
  private readonly spares = new Map<string, Recognition>();
  private closed = false;

  constructor(private readonly options: AzureSpeechToTextOptions) {}

  async start(options: RecognitionOptions = {}): Promise<RecognitionSession> {
    if (this.closed) throw new Error("AzureSpeechToText was closed");
    const language = options.language ?? DEFAULT_LANGUAGE;
    const recognition = this.takeSpare(language) ?? this.recognition(language);
    const phrases = (options.phrases ?? []).map((p) => p.trim()).filter(Boolean);
    // Sent in speech.context when recognition starts, so a pre-opened connection still gets them.
    if (phrases.length > 0) sdk.PhraseListGrammar.fromRecognizer(recognition.recognizer).addPhrases(phrases);
    const session = new AzureRecognitionSession(recognition.recognizer, recognition.stream, this.options.resultTimeoutMs ?? 15_000, () =>
      this.prepareSpare(language),
    );
    await session.begin();
    return session;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const spare of this.spares.values()) spare.recognizer.close();
    this.spares.clear();
    for (const config of this.configs.values()) config.close();
    this.configs.clear();
  }

  private recognition(language: string): Recognition {
    const stream = sdk.AudioInputStream.createPushStream(sdk.AudioStreamFormat.getWaveFormatPCM(16_000, 16, 1));
    return { stream, recognizer: new sdk.SpeechRecognizer(this.configFor(language), sdk.AudioConfig.fromStreamInput(stream)) };
  }

  private takeSpare(language: string): Recognition | undefined {
    const spare = this.spares.get(language);
    this.spares.delete(language);
    return spare;
  }

  /**
   * After a turn that worked, open the next turn's connection now: a caller's next utterance then
   * starts streaming without a TLS and WebSocket handshake. Only after success, so a bad key or
   * an outage does not keep dialling.
   */
  private prepareSpare(language: string): void {
    if (this.closed || this.options.preconnect === false || this.spares.has(language)) return;
    const spare = this.recognition(language);
    this.spares.set(language, spare);
    sdk.Connection.fromRecognizer(spare.recognizer).openConnection(undefined, () => {
      if (this.spares.get(language) === spare) this.spares.delete(language);
      spare.recognizer.close();
    });
  }

  private configFor(language: string): sdk.SpeechConfig {
    let config = this.configs.get(language);
    if (!config) {
      config = createSpeechConfig(this.options);
      config.speechRecognitionLanguage = language;
      config.outputFormat = sdk.OutputFormat.Detailed;
      config.requestWordLevelTimestamps();
      this.configs.set(language, config);
    }
    return config;
  }
}

interface Recognition {
  recognizer: sdk.SpeechRecognizer;
  stream: sdk.PushAudioInputStream;
}

interface Phrase {
  text: string;
  confidence: number;
  words: WordTiming[];
}

class AzureRecognitionSession implements RecognitionSession {
  private readonly phrases: Phrase[] = [];
  private readonly partialListeners: Array<(text: string) => void> = [];
  private readonly errorListeners: Array<(error: SpeechProviderError) => void> = [];
  private error: SpeechProviderError | undefined;
  private closed = false;
  private hasStopped = false;
  private readonly stopped: Promise<void>;
  private readonly markStopped: () => void;

  constructor(
    private readonly recognizer: sdk.SpeechRecognizer,
    private readonly stream: sdk.PushAudioInputStream,
    private readonly resultTimeoutMs: number,
    private readonly onSucceeded: () => void,
  ) {
    let markStopped!: () => void;
    this.stopped = new Promise((resolve) => (markStopped = resolve));
    this.markStopped = () => {
      this.hasStopped = true;
      markStopped();
    };
    sdk.Connection.fromRecognizer(recognizer).disconnected = () => {
      // Mid-utterance the SDK reconnects on its next write; after the last audio nothing will.
      if (this.closed && !this.hasStopped) this.giveUp("Azure Speech closed the connection before the final result");
    };
    recognizer.recognizing = (_r, event) => {
      const text = [...this.phrases.map((p) => p.text), event.result.text].filter(Boolean).join(" ");
      for (const listener of this.partialListeners) listener(text);
    };
    recognizer.recognized = (_r, event) => {
      if (event.result.reason === sdk.ResultReason.RecognizedSpeech) this.phrases.push(phraseOf(event.result));
    };
    recognizer.canceled = (_r, event) => {
      if (event.reason === sdk.CancellationReason.Error) this.fail(classifyCancellation(event.errorCode, event.errorDetails));
      this.markStopped();
    };
    recognizer.sessionStopped = () => this.markStopped();
  }

  begin(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.recognizer.startContinuousRecognitionAsync(resolve, (error) => reject(classifyThrown(error))),
    );
  }

  write(samples: Int16Array): void {
    if (!(samples instanceof Int16Array)) throw new TypeError("write() takes 16 kHz mono PCM16 as an Int16Array");
    if (this.closed) throw new Error("write() after finish() or close()");
    if (samples.length === 0 || this.error) return;
    // The SDK keeps the buffer it is given: hand it a copy the caller cannot reuse.
    this.stream.write(samples.slice().buffer);
  }

  onPartial(listener: (text: string) => void): void {
    this.partialListeners.push(listener);
  }

  onError(listener: (error: SpeechProviderError) => void): void {
    this.errorListeners.push(listener);
    if (this.error) listener(this.error);
  }

  async finish(): Promise<Transcript> {
    if (this.closed) throw new Error("finish() called twice or after close()");
    this.closed = true;
    this.stream.close(); // end of audio: the service answers the last phrase, then ends the turn
    const timer = setTimeout(() => this.giveUp(`Azure Speech sent no final result within ${this.resultTimeoutMs} ms`), this.resultTimeoutMs);
    await this.stopped;
    clearTimeout(timer);
    const error = this.error; // what happened before the turn ended, not while closing
    await new Promise<void>((resolve) => this.recognizer.stopContinuousRecognitionAsync(resolve, () => resolve()));
    this.recognizer.close();
    if (error) throw error;
    this.onSucceeded();
    const words = this.phrases.flatMap((p) => p.words);
    const confidence = this.phrases.length === 0 ? 0 : this.phrases.reduce((sum, p) => sum + p.confidence, 0) / this.phrases.length;
    return { text: this.phrases.map((p) => p.text).join(" "), confidence, words, engine: AZURE_ENGINE };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.close();
    this.recognizer.stopContinuousRecognitionAsync(
      () => this.recognizer.close(),
      () => this.recognizer.close(),
    );
  }

  private giveUp(message: string): void {
    this.fail(new SpeechProviderError("network", message, { engine: AZURE_ENGINE }));
    this.markStopped();
  }

  private fail(error: SpeechProviderError): void {
    if (this.error) return;
    this.error = error;
    for (const listener of this.errorListeners) listener(error);
  }
}

/** The detailed JSON of a recognized phrase: best alternative, its confidence and word offsets. */
interface DetailedJson {
  DisplayText?: string;
  NBest?: Array<{ Confidence?: number; Display?: string; Words?: Array<{ Word: string; Offset: number; Duration: number; Confidence?: number }> }>;
}

function phraseOf(result: sdk.SpeechRecognitionResult): Phrase {
  let detailed: DetailedJson = {};
  try {
    detailed = JSON.parse(result.json) as DetailedJson;
  } catch {
    // Simple format or no JSON: the text alone.
  }
  const best = detailed.NBest?.[0];
  return {
    text: result.text ?? best?.Display ?? "",
    confidence: best?.Confidence ?? 0,
    words: (best?.Words ?? []).map((w) => ({
      word: w.Word,
      startMs: ticksToMs(w.Offset),
      endMs: ticksToMs(w.Offset + w.Duration),
      ...(w.Confidence === undefined ? {} : { confidence: w.Confidence }),
    })),
  };
}

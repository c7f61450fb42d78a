import sdk from "microsoft-cognitiveservices-speech-sdk";
import { SpeechProviderError, type SynthesisRequest, type TextToSpeech } from "../types";
import { AZURE_ENGINE, classifyCancellation } from "./classify";
import { createSpeechConfig, type AzureSpeechOptions } from "./config";
import { buildSsml } from "./ssml";

export interface AzureTextToSpeechOptions extends AzureSpeechOptions {
  /** 16000 or 24000 (the raw PCM formats the service streams). Default 24000. */
  sampleRate?: 16_000 | 24_000;
  /** Default "en-US-JennyNeural". */
  voice?: string;
  /** Synthesizers (each one open WebSocket) kept for reuse. Default 4. */
  poolSize?: number;
}

const formats = {
  16000: sdk.SpeechSynthesisOutputFormat.Raw16Khz16BitMonoPcm,
  24000: sdk.SpeechSynthesisOutputFormat.Raw24Khz16BitMonoPcm,
} as const satisfies Record<16_000 | 24_000, sdk.SpeechSynthesisOutputFormat>;

/** A synthesizer and its open connection, serving one request at a time. */
interface Lane {
  synthesizer: sdk.SpeechSynthesizer;
  connection: sdk.Connection;
  /** Where the `synthesizing` chunks of the current request go. */
  sink: ((chunk: ArrayBuffer) => void) | undefined;
}

/**
 * Azure neural TTS streamed as it is synthesised (`synthesizing` events carry raw PCM). One
 * SpeechConfig; synthesizers are pooled and their connections opened up front
 * (Connection.openConnection) so a reply does not pay the TLS and WebSocket handshake.
 */
export class AzureTextToSpeech implements TextToSpeech {
  readonly name = AZURE_ENGINE;
  readonly sampleRate: number;
  private readonly config: sdk.SpeechConfig;
  private readonly idle: Lane[] = [];
  private readonly waiting: Array<(lane: Lane) => void> = [];
  private lanes = 0;
  private closed = false;

  constructor(private readonly options: AzureTextToSpeechOptions) {
    this.sampleRate = options.sampleRate ?? 24_000;
    this.config = createSpeechConfig(options);
    this.config.speechSynthesisOutputFormat = formats[this.sampleRate as 16_000 | 24_000];
    this.config.speechSynthesisVoiceName = options.voice ?? "en-US-JennyNeural";
  }

  /** Opens one connection now, so the first reply is as fast as the others. */
  warmUp(): void {
    this.release(this.newLane());
  }

  async *synthesize(request: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Int16Array> {
    const ssml = buildSsml(request, this.options.voice ?? "en-US-JennyNeural");
    if (signal?.aborted) return;
    const lane = await this.acquire();
    const queue: Int16Array[] = [];
    let carry: number | undefined; // a chunk may end between the two bytes of a sample
    let wake: (() => void) | undefined;
    let outcome: { error?: SpeechProviderError } | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    lane.sink = (chunk) => {
      let bytes = new Uint8Array(chunk);
      if (carry !== undefined) {
        const joined = new Uint8Array(bytes.length + 1);
        joined[0] = carry;
        joined.set(bytes, 1);
        bytes = joined;
        carry = undefined;
      }
      if (bytes.length % 2 === 1) carry = bytes[bytes.length - 1];
      const samples = new Int16Array(Math.floor(bytes.length / 2));
      new Uint8Array(samples.buffer).set(bytes.subarray(0, samples.length * 2));
      if (samples.length > 0) queue.push(samples);
      notify();
    };
    const onAbort = () => notify();
    signal?.addEventListener("abort", onAbort, { once: true });
    lane.synthesizer.speakSsmlAsync(
      ssml,
      (result) => {
        if (result.reason === sdk.ResultReason.Canceled) {
          const details = sdk.CancellationDetails.fromResult(result);
          outcome = { error: classifyCancellation(details.ErrorCode, details.errorDetails) };
        } else {
          outcome = {};
        }
        notify();
      },
      (error) => {
        outcome = { error: classifyCancellation(sdk.CancellationErrorCode.ConnectionFailure, String(error)) };
        notify();
      },
    );
    let reusable = false;
    try {
      while (true) {
        if (signal?.aborted) return;
        const chunk = queue.shift();
        if (chunk) {
          yield chunk;
          continue;
        }
        if (outcome) {
          if (outcome.error) throw outcome.error;
          reusable = true;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      lane.sink = undefined;
      // The SDK cannot stop a request half-way: a lane left mid-request is closed, not reused.
      if (reusable && !this.closed) this.release(lane);
      else this.discard(lane);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.idle.splice(0)) this.discard(lane);
    this.config.close();
  }

  private acquire(): Promise<Lane> {
    if (this.closed) return Promise.reject(new SpeechProviderError("engine", "Azure TTS was closed", { engine: AZURE_ENGINE }));
    const lane = this.idle.pop();
    if (lane) return Promise.resolve(lane);
    if (this.lanes < (this.options.poolSize ?? 4)) return Promise.resolve(this.newLane());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(lane: Lane): void {
    const next = this.waiting.shift();
    if (next) next(lane);
    else this.idle.push(lane);
  }

  private discard(lane: Lane): void {
    this.lanes--;
    lane.connection.close();
    lane.synthesizer.close();
    const next = this.waiting.shift();
    if (next) next(this.newLane());
  }

  private newLane(): Lane {
    this.lanes++;
    // No audio config: the audio comes only through `synthesizing`, nothing is played.
    const synthesizer = new sdk.SpeechSynthesizer(this.config, null as unknown as sdk.AudioConfig);
    const connection = sdk.Connection.fromSynthesizer(synthesizer);
    connection.openConnection();
    const lane: Lane = { synthesizer, connection, sink: undefined };
    synthesizer.synthesizing = (_s, event) => {
      const audio = event.result.audioData;
      if (audio && audio.byteLength > 0) lane.sink?.(audio);
    };
    return lane;
  }
}

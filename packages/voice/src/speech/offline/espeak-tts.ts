import { spawn } from "node:child_process";
import { SpeechProviderError, type SynthesisRequest, type TextToSpeech } from "../types";
import { ssmlForEspeak } from "./espeak-ssml";
import { Resampler, toFloat, toInt16 } from "../../format/resample";
import { WavStreamReader } from "./wav-stream";

export interface EspeakTextToSpeechOptions {
  /** Default "espeak-ng" (Debian package espeak-ng). */
  binary?: string;
  /** Rate of the chunks it yields. espeak-ng speaks at 22050 Hz; this resamples. Default 24000. */
  sampleRate?: number;
  /** espeak-ng voice when the request names none (or names an Azure voice). Default "en-us". */
  voice?: string;
  /** Speaking rate, words per minute. Default 165 (espeak's 175 sounds rushed on the phone). */
  wordsPerMinute?: number;
}

export const ESPEAK_ENGINE = "espeak-ng";
/** A reply longer than this is a bug upstream, not something to read out for minutes. */
export const MAX_SYNTHESIS_CHARS = 5000;

export class EspeakTextToSpeech implements TextToSpeech {
  readonly name = ESPEAK_ENGINE;
  readonly sampleRate: number;

  constructor(private readonly options: EspeakTextToSpeechOptions = {}) {
    this.sampleRate = options.sampleRate ?? 24_000;
  }

  async *synthesize(request: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Int16Array> {
    const input = request.ssml ?? request.text;
    if (typeof input !== "string" || input.trim() === "") throw badRequest("nothing to say: text and ssml are empty");
    if (input.length > MAX_SYNTHESIS_CHARS) throw badRequest(`text of ${input.length} characters is over the ${MAX_SYNTHESIS_CHARS} limit`);
    if (signal?.aborted) return;

    const binary = this.options.binary ?? "espeak-ng";
    const args = ["--stdout", "--stdin", "-v", this.voiceFor(request.voice), "-s", String(this.options.wordsPerMinute ?? 165)];
    if (request.ssml) args.push("-m");
    const child = spawn(binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => (stderr = (stderr + text).slice(-2000)));
    const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.once("error", (error) => resolve({ code: null, error }));
      child.once("close", (code) => resolve({ code }));
    });
    const stop = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", stop, { once: true });
    child.stdin.on("error", () => {}); // EPIPE when espeak-ng is missing or killed: reported via `exited`
    child.stdin.end(request.ssml ? ssmlForEspeak(request.ssml) : request.text);

    const reader = new WavStreamReader();
    let convert: Converter | undefined;
    try {
      for await (const piece of child.stdout as AsyncIterable<Buffer>) {
        if (signal?.aborted) return;
        const samples = reader.push(piece);
        if (samples.length === 0) continue;
        convert ??= converter(reader.sampleRate!, this.sampleRate);
        const out = convert.push(samples);
        if (out.length > 0) yield out;
      }
      const { code, error } = await exited;
      if (signal?.aborted) return;
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        throw new SpeechProviderError("engine", missing ? `${binary} is not installed (Debian package espeak-ng)` : `${binary} failed: ${error.message}`, {
          engine: ESPEAK_ENGINE,
          cause: error,
        });
      }
      if (code !== 0) {
        if (/voice does not exist/i.test(stderr)) throw badRequest(`espeak-ng has no voice "${this.voiceFor(request.voice)}"`);
        throw new SpeechProviderError("engine", `${binary} exited with code ${code}: ${stderr.trim()}`, { engine: ESPEAK_ENGINE });
      }
      const tail = convert?.flush();
      if (tail && tail.length > 0) yield tail;
    } finally {
      signal?.removeEventListener("abort", stop);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); // consumer stopped early
    }
  }

  /**
   * Azure voice names ("en-US-JennyNeural") mean nothing to espeak-ng: keep only names shaped like
   * its own (lower case: "en-us", "en-gb-x-rp", "en+f3") and use the default for the rest.
   */
  private voiceFor(requested: string | undefined): string {
    return requested && /^[a-z]{2,3}(-[a-z0-9]+)*(\+[a-z0-9]+)?$/.test(requested) ? requested : (this.options.voice ?? "en-us");
  }
}

interface Converter {
  push(samples: Int16Array): Int16Array;
  /** The samples still inside the filter at the end of the stream. */
  flush(): Int16Array;
}

/** espeak-ng speaks at 22050 Hz: the pipeline's streaming resampler, chunk by chunk. */
function converter(fromRate: number, toRate: number): Converter {
  if (fromRate === toRate) return { push: (samples) => samples, flush: () => new Int16Array(0) };
  const resampler = new Resampler(fromRate, toRate);
  return {
    push: (samples) => toInt16(resampler.process(toFloat(samples))),
    flush: () => toInt16(resampler.process(new Float32Array(resampler.filterLength))),
  };
}

function badRequest(message: string): SpeechProviderError {
  return new SpeechProviderError("bad-request", message, { engine: ESPEAK_ENGINE });
}

import { z } from "zod";
import { AzureSpeechToText } from "./azure/azure-stt";
import { AzureTextToSpeech } from "./azure/azure-tts";
import { FallbackSpeechToText, FallbackTextToSpeech, type FallbackEvent } from "./fallback";
import { EspeakTextToSpeech } from "./offline/espeak-tts";
import { WhisperSpeechToText } from "./offline/whisper-stt";
import type { RecognitionOptions, SpeechToText, TextToSpeech, Transcript } from "./types";

/** What apps pass down from their env.ts (AZURE_SPEECH_KEY, AZURE_SPEECH_REGION, AZURE_SPEECH_ENDPOINT). */
export const speechConfigSchema = z.object({
  azure: z
    .object({
      key: z.string().min(1),
      region: z.string().min(1),
      endpoint: z.url().optional(),
      voice: z.string().optional(),
    })
    .optional(),
  offline: z
    .object({
      /** Python interpreter for the Whisper helper. Default python3. */
      python: z.string().optional(),
      /** pip --target directory holding faster-whisper and the model. Default <repo>/.tools/speech. */
      sitePackages: z.string().optional(),
      /** A CTranslate2 Whisper model directory instead of the bundled tiny.en. */
      modelDir: z.string().optional(),
      espeakBinary: z.string().optional(),
      espeakVoice: z.string().optional(),
      /** CPU threads per Whisper helper. Default: the cores shared among the pool's helpers, 1 or 2. */
      threads: z.number().int().min(1).max(64).optional(),
      /** Whisper helper processes, so several callers' finals decode side by side. Default min(2, cores). */
      poolSize: z.number().int().min(1).max(32).optional(),
    })
    .optional(),
  /** Rate of synthesised audio. Default 24000. */
  ttsSampleRate: z.union([z.literal(16_000), z.literal(24_000)]).optional(),
});
export type SpeechConfig = z.input<typeof speechConfigSchema>;

export interface SpeechProviders {
  stt: SpeechToText;
  tts: TextToSpeech;
}

/**
 * Azure (wrapped with the offline engines as fallback) when a key is configured; otherwise the
 * offline engines alone: Whisper tiny.en and espeak-ng.
 */
export function createSpeechProviders(config: SpeechConfig = {}, events: { onFallback?: (event: FallbackEvent) => void } = {}): SpeechProviders {
  const parsed = speechConfigSchema.parse(config);
  const sampleRate = parsed.ttsSampleRate ?? 24_000;
  const offline = parsed.offline ?? {};
  const offlineStt = new WhisperSpeechToText({
    python: offline.python,
    sitePackages: offline.sitePackages,
    modelDir: offline.modelDir,
    threads: offline.threads,
    poolSize: offline.poolSize,
  });
  const offlineTts = new EspeakTextToSpeech({ binary: offline.espeakBinary, voice: offline.espeakVoice, sampleRate });
  if (!parsed.azure) return { stt: offlineStt, tts: offlineTts };
  const azure = parsed.azure;
  return {
    stt: new FallbackSpeechToText(new AzureSpeechToText(azure), offlineStt, events),
    tts: new FallbackTextToSpeech(new AzureTextToSpeech({ ...azure, sampleRate }), offlineTts, events),
  };
}

/** A whole recording through a recognizer (voicemail, voice messages): 16 kHz mono PCM16. */
export async function transcribe(stt: SpeechToText, samples16k: Int16Array, options: RecognitionOptions = {}): Promise<Transcript> {
  if (!(samples16k instanceof Int16Array)) throw new TypeError("transcribe() takes 16 kHz mono PCM16 as an Int16Array");
  const session = await stt.start(options);
  try {
    // 100 ms pieces, as a live call would deliver them: streaming engines expect bounded writes.
    for (let offset = 0; offset < samples16k.length; offset += 1600) session.write(samples16k.subarray(offset, offset + 1600));
    return await session.finish();
  } catch (error) {
    session.close();
    throw error;
  }
}

export * from "./types";
export { createSpeechProviders, transcribe, speechConfigSchema, type SpeechConfig, type SpeechProviders } from "./providers";
export { FallbackSpeechToText, FallbackTextToSpeech, type FallbackEvent, type FallbackOptions } from "./fallback";
export { WhisperSpeechToText, type WhisperSpeechToTextOptions } from "./offline/whisper-stt";
export { EspeakTextToSpeech, type EspeakTextToSpeechOptions } from "./offline/espeak-tts";
export { AzureSpeechToText, type AzureSpeechToTextOptions } from "./azure/azure-stt";
export { AzureTextToSpeech, type AzureTextToSpeechOptions } from "./azure/azure-tts";
export type { AzureSpeechOptions } from "./azure/config";
export { wordErrorRate, corpusWordErrorRate, normalizeWords } from "./wer";

/**
 * @parley/voice — the streaming audio pipeline and speech engines. Pure library: no Temporal, no
 * database. The voice gateway (apps/api) runs it live per call; voice activities
 * (@parley/activities) run it on recordings.
 */
export * from "./protocol";

// The audio pipeline (engineer V1): formats, stages, the per-stream pipeline, offline assessment.
export { AudioFormatError, type AudioFormatErrorCode } from "./format/errors";
export { parseWav, encodeWav, pcm16FromBytes, type ParsedWav, type WavLimits } from "./format/wav";
export { resample, Resampler } from "./format/resample";
export { HighPassFilter } from "./dsp/highpass";
export { AutomaticGainControl, DEFAULT_AGC, type AgcOptions } from "./dsp/agc";
export { ClippingDetector, detectClipping, type ClippingReport } from "./dsp/clipping";
export { SnrEstimator, estimateSnr } from "./dsp/snr";
export { LevelMeter, dbfs } from "./dsp/level";
export { VadSegmenter, DEFAULT_VAD, vadOptions, type VadEvent, type VadOptions } from "./vad/segmenter";
export { SileroVadStream, loadSileroSession, VAD_SAMPLE_RATE, VAD_WINDOW } from "./vad/silero";
export { NoiseSuppressor, loadRnnoise, RNNOISE_SAMPLE_RATE, RNNOISE_FRAME } from "./suppress/rnnoise";
export { planPipeline, type PipelinePlan, type StageName, type Conditions, type SuppressMode } from "./pipeline/adaptive";
export { createVoicePipeline, OUTPUT_SAMPLE_RATE, type VoicePipeline, type PipelineMetrics, type PipelineOptions, type PushResult } from "./pipeline/pipeline";
export { assessRecording, denoise, type RecordingAssessment, type SpeechSegment } from "./pipeline/assess";

// Speech engines (engineer V2): Azure Speech with the offline engines (Whisper tiny.en, espeak-ng) behind one interface.
export * from "./speech";

/**
 * The browser side of a voice call, without a framework: shared by the builder (web chat,
 * simulator, listen-in) and the embeddable widget, which bundles only this entry (no React).
 */
export { openAudioGraph, CaptureError, type AudioGraph, type ClientErrorCode } from './capture';
export { TtsPlayer } from './tts-player';
export { SendGate, type GateInput } from './send-gate';
export { pcm16ToFloat32, levelDbfs, pcm16LevelDbfs } from './pcm';
export { voiceSocketUrl, parseServerMessage } from './socket';

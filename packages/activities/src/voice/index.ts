/** Voice work off the live path, and the encrypted audio store the API shares with it. */
export { AudioIntegrityError, createAudioCipher, type AudioCipher, type SealedAudio } from "./audio-cipher";
export { loadAudioKey } from "./audio-key";
export { AudioNotFoundError, createAudioStore, type AudioKind, type AudioStore, type StoredAudio } from "./audio-store";
export { transcribeSamples, type RecordingTranscript } from "./transcribe";
export { createVoiceActivities, type VoiceDeps } from "./voice-activities";

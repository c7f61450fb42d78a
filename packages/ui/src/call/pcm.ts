/**
 * PCM helpers for the main thread: the gateway's text-to-speech arrives as little-endian 16-bit
 * mono chunks, Web Audio plays floats. (The microphone side is in public/voice/pcm-framer.js.)
 */

/** Little-endian PCM16 bytes → floats in [-1, 1). An odd trailing byte is ignored. */
export function pcm16ToFloat32(bytes: ArrayBuffer): Float32Array {
  const view = new DataView(bytes);
  const samples = new Float32Array(Math.floor(bytes.byteLength / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true) / 0x8000;
  return samples;
}

/** Root-mean-square level of float samples in dBFS (−Infinity for silence). */
export function levelDbfs(samples: Float32Array): number {
  if (samples.length === 0) return -Infinity;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 10 * Math.log10(sum / samples.length);
}

/** Root-mean-square level of little-endian PCM16 bytes in dBFS. */
export function pcm16LevelDbfs(bytes: ArrayBuffer): number {
  return levelDbfs(pcm16ToFloat32(bytes));
}

/** What went wrong on the caller's side (the gateway's own errors come in its `error` messages). */
export type ClientErrorCode = 'microphone-denied' | 'microphone-missing' | 'unsupported' | 'gateway-unreachable' | 'connection-lost' | 'start-failed';

/** The microphone side of a call: the stream, the AudioContext, the analysers, the PCM worklet. */
export interface AudioGraph {
  context: AudioContext;
  stream: MediaStream;
  /** Input (microphone) levels for the waveform and the energy detector. */
  input: AnalyserNode;
  /** Output (text-to-speech) levels: playback goes through it to the speakers. */
  output: AnalyserNode;
  /** getUserMedia applied noise suppression: the gateway can skip its own. */
  noiseSuppressed: boolean;
  close(): Promise<void>;
}

export class CaptureError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function analyser(context: AudioContext): AnalyserNode {
  const node = context.createAnalyser();
  node.fftSize = 1024;
  node.smoothingTimeConstant = 0.6;
  return node;
}

/**
 * Opens the microphone and the audio graph; `onFrame` gets 20 ms PCM16 frames at 16 kHz from the
 * worklet at `workletUrl` (the builder serves it from public/voice, the API for the widget: worklets
 * load by URL). Must run from a user gesture (the AudioContext may not start otherwise).
 */
export async function openAudioGraph(onFrame: (frame: ArrayBuffer) => void, workletUrl: string): Promise<AudioGraph> {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
    throw new CaptureError('unsupported', 'Calls need microphone access and AudioWorklet (a current Chrome, Edge, Firefox or Safari over HTTPS).');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      throw new CaptureError('microphone-denied', 'Allow the microphone for this site in the browser’s address bar, then start the call again.');
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      throw new CaptureError('microphone-missing', 'Connect a microphone (or choose one in your system settings) and start the call again.');
    }
    throw new CaptureError('start-failed', error instanceof Error ? error.message : String(error));
  }
  const context = new AudioContext({ latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const input = analyser(context);
    const output = analyser(context);
    const worklet = new AudioWorkletNode(context, 'pcm-capture', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1 });
    worklet.port.onmessage = (event: MessageEvent<ArrayBuffer>) => onFrame(event.data);
    source.connect(input);
    source.connect(worklet);
    output.connect(context.destination);
    if (context.state === 'suspended') await context.resume();
    const settings = stream.getAudioTracks()[0]?.getSettings();
    return {
      context,
      stream,
      input,
      output,
      noiseSuppressed: settings?.noiseSuppression === true,
      async close() {
        worklet.port.onmessage = null;
        source.disconnect();
        worklet.disconnect();
        for (const track of stream.getTracks()) track.stop();
        await context.close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const track of stream.getTracks()) track.stop();
    await context.close().catch(() => undefined);
    throw new CaptureError('start-failed', `The audio engine did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

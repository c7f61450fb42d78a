/** The gateway's limits: what one call may cost the server. Defaults suit a browser caller. */
export interface VoiceLimits {
  /** Concurrent caller sockets; the next one gets `overloaded`. */
  maxCalls: number;
  /** Largest binary frame accepted: 100 ms at 48 kHz is 9,600 bytes. */
  maxFrameBytes: number;
  /** Frames per second a caller may send (20 ms frames are 50/s, 2.7 ms worklet blocks 375/s); more are dropped and counted. */
  maxFramesPerSecond: number;
  /**
   * Frames waiting for the pipeline (2 s of 20 ms frames); when full the oldest is dropped. Late
   * words still belong to the turn, so this absorbs a busy host's stalls rather than shedding at once.
   */
  inputQueueFrames: number;
  /** Socket send buffer above which TTS audio waits for the network instead of piling up. */
  sendHighWaterBytes: number;
  /** How long TTS waits for the buffer to drain before it drops the chunk. */
  drainTimeoutMs: number;
  /** Audio sent ahead of the caller's playback: enough to absorb jitter, little to cut on barge-in. */
  playbackLeadMs: number;
  /** Longest turn: a caller who never stops (open mic, noise) is cut here. */
  maxTurnMs: number;
  /** A socket that has not said `hello` by then is closed: it holds a call slot for nothing. */
  helloTimeoutMs: number;
  /** Agents listening in on one call; the next one gets `overloaded`. */
  maxListenersPerCall: number;
  /** Listen-in sockets on this instance, all calls together. */
  maxListeners: number;
  /**
   * Bytes a caller may send while the call is being set up (the conversation lookup, before the
   * session exists): 256 KiB is 8 s of 16 kHz audio. More closes the socket (1009): memory held
   * for a socket that is not a call yet must stay small.
   */
  maxEarlyBytes: number;
  /** Largest JSON control message (`hello` is the biggest, ~200 bytes); larger closes the socket (1009). */
  maxTextFrameBytes: number;
  /** Control messages per second (a browser sends a few); more is a flood and closes the socket (1008). */
  maxTextFramesPerSecond: number;
  /** Every socket is pinged this often; one that missed the previous ping is dropped (see heartbeat.ts). */
  pingIntervalMs: number;
}

export const defaultVoiceLimits: VoiceLimits = {
  maxCalls: 50,
  maxFrameBytes: 16_384,
  maxFramesPerSecond: 400,
  inputQueueFrames: 100,
  sendHighWaterBytes: 256 * 1024,
  drainTimeoutMs: 2_000,
  playbackLeadMs: 400,
  maxTurnMs: 30_000,
  helloTimeoutMs: 10_000,
  maxListenersPerCall: 5,
  maxListeners: 200,
  maxEarlyBytes: 256 * 1024,
  maxTextFrameBytes: 4096,
  maxTextFramesPerSecond: 20,
  pingIntervalMs: 15_000,
};

/** What the gateway counts, across all calls: read by tests, the benchmark and (later) /metrics. */
export interface GatewayCounters {
  callsStarted: number;
  callsRefused: number;
  sessionsFailed: number;
  callerErrors: number;
  framesProcessed: number;
  /** Frames dropped because the caller sent faster than the pipeline kept up (oldest first). */
  framesDropped: number;
  /** Frames over the per-second rate limit. */
  framesOverRate: number;
  speechStarts: number;
  emptyTurns: number;
  bargeIns: number;
  audioChunksSent: number;
  /** TTS chunks dropped because the caller's connection did not drain in time. */
  audioChunksDropped: number;
  backpressureWaits: number;
  /** Calls cut off on the caller's side (no hang-up), counted once the gateway has tried to continue them by text... */
  callsDropped: number;
  /** ...and those whose conversation went on by SMS or email. */
  callsContinuedByText: number;
}

export function createCounters(): GatewayCounters {
  return {
    callsStarted: 0,
    callsRefused: 0,
    sessionsFailed: 0,
    callerErrors: 0,
    framesProcessed: 0,
    framesDropped: 0,
    framesOverRate: 0,
    speechStarts: 0,
    emptyTurns: 0,
    bargeIns: 0,
    audioChunksSent: 0,
    audioChunksDropped: 0,
    backpressureWaits: 0,
    callsDropped: 0,
    callsContinuedByText: 0,
  };
}

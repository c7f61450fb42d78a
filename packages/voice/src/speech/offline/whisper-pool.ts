import { availableParallelism } from "node:os";
import { SpeechProviderError } from "../types";
import { placeFinal, placePartial } from "./pool-dispatch";
import { ENGINE_NAME, WhisperProcess, type DecodeRequest, type DecodeResult, type HelperState, type WhisperProcessOptions } from "./whisper-process";

export interface WhisperPoolOptions extends WhisperProcessOptions {
  /** Helper processes, each with its own model (~155 MB resident). Default min(2, cores). */
  poolSize?: number;
}

export interface WhisperHelperStats {
  state: HelperState;
  pid: number | undefined;
  inFlight: number;
  finals: number;
  partials: number;
  /** Times it died with work sent to it and was started again at once. */
  replaced: number;
}

export interface WhisperPoolStats {
  size: number;
  threadsPerHelper: number;
  /** Helpers with a decode in flight now. */
  busy: number;
  /** The most helpers that had a decode in flight at the same moment, since creation. */
  peakBusy: number;
  helpers: WhisperHelperStats[];
}

/** A decode result and the helper that produced it. */
export type PooledDecodeResult = DecodeResult & { helperPid: number | undefined };

/**
 * Whisper helpers sized to the machine, capped at two: the process also runs every live call's
 * audio pipeline, which must not starve behind speech recognition. On two cores: two helpers of
 * one thread each, so two callers' finals each have a core (bench/voice/speech-pool.ts).
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores));
}

/** CPU threads per helper so that the pool, all busy, uses the cores once: 1 or 2. */
export function defaultThreadsPerHelper(poolSize: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, Math.floor(cores / poolSize)));
}

interface Helper extends Omit<WhisperHelperStats, "state" | "pid"> {
  process: WhisperProcess;
  /** Requests sent since it (re)started: a helper that dies idle is not restarted eagerly. */
  sentSinceStart: number;
}

/**
 * A few Whisper helper processes. Finals go to the helper they would start on soonest; partials
 * only to an idle, loaded helper. Helpers start on first need (or all at once in `warmUp()`), and
 * one that dies while working is replaced at once; its in-flight decodes fail as engine errors.
 */
export class WhisperPool {
  readonly size: number;
  readonly threadsPerHelper: number;
  private readonly helpers: Helper[];
  private peakBusy = 0;
  private closed = false;

  constructor(options: WhisperPoolOptions = {}) {
    const { poolSize, ...processOptions } = options;
    this.size = poolSize ?? defaultPoolSize();
    if (!Number.isInteger(this.size) || this.size < 1) throw new RangeError(`poolSize must be a positive integer, not ${poolSize}`);
    this.threadsPerHelper = processOptions.threads ?? defaultThreadsPerHelper(this.size);
    this.helpers = Array.from({ length: this.size }, () => {
      const helper: Helper = {
        process: new WhisperProcess({ ...processOptions, threads: this.threadsPerHelper }),
        inFlight: 0,
        finals: 0,
        partials: 0,
        replaced: 0,
        sentSinceStart: 0,
      };
      helper.process.onCrash(() => this.replace(helper));
      return helper;
    });
  }

  /** Starts every helper and waits for their models. */
  async warmUp(): Promise<void> {
    await Promise.all(this.helpers.map((h) => h.process.load()));
  }

  /** Resolves once at least one helper can decode (starting one if none is): fails early when none can. */
  async ready(): Promise<void> {
    if (this.closed) throw this.closedError();
    if (this.helpers.some((h) => h.process.state === "ready")) return;
    const { index } = placeFinal(this.loads());
    await this.helpers[index]!.process.load();
  }

  /** A final decode: never skipped, queued on the helper that will start it soonest. */
  decodeFinal(request: DecodeRequest): Promise<PooledDecodeResult> {
    if (this.closed) return Promise.reject(this.closedError());
    const { index, warm } = placeFinal(this.loads());
    if (warm !== undefined) this.helpers[warm]!.process.load().catch(() => {}); // its own decodes report failures
    const helper = this.helpers[index]!;
    helper.finals++;
    return this.send(helper, request);
  }

  /**
   * A partial re-decode, or undefined when no helper is idle (the preview is skipped). The request
   * is built only when it will be sent: joining a long utterance's audio on every write is waste.
   */
  decodePartial(request: () => DecodeRequest): Promise<PooledDecodeResult> | undefined {
    if (this.closed) return undefined;
    const index = placePartial(this.loads());
    if (index === undefined) return undefined;
    const helper = this.helpers[index]!;
    helper.partials++;
    return this.send(helper, request());
  }

  stats(): WhisperPoolStats {
    return {
      size: this.size,
      threadsPerHelper: this.threadsPerHelper,
      busy: this.helpers.filter((h) => h.inFlight > 0).length,
      peakBusy: this.peakBusy,
      helpers: this.helpers.map(({ process, inFlight, finals, partials, replaced }) => ({
        state: process.state,
        pid: process.pid,
        inFlight,
        finals,
        partials,
        replaced,
      })),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.helpers.map((h) => h.process.close()));
  }

  /** Counts the request against the helper synchronously, so the next placement sees it. */
  private send(helper: Helper, request: DecodeRequest): Promise<PooledDecodeResult> {
    helper.inFlight++;
    helper.sentSinceStart++;
    this.peakBusy = Math.max(this.peakBusy, this.helpers.filter((h) => h.inFlight > 0).length);
    const { process } = helper;
    return process
      .decode(request)
      .then((result) => ({ ...result, helperPid: process.pid }))
      .finally(() => {
        helper.inFlight--;
      });
  }

  private replace(helper: Helper): void {
    if (this.closed || helper.sentSinceStart === 0) return; // died idle: start again on need, no crash loop
    helper.sentSinceStart = 0;
    helper.replaced++;
    helper.process.load().catch(() => {}); // a failed start is reported by the next decode sent to it
  }

  private loads(): Array<{ state: HelperState; inFlight: number }> {
    return this.helpers.map((h) => ({ state: h.process.state, inFlight: h.inFlight }));
  }

  private closedError(): SpeechProviderError {
    return new SpeechProviderError("engine", "the offline recognizer was closed", { engine: ENGINE_NAME });
  }
}

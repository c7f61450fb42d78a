import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { childEnv, repoRoot, testEnv } from "./env";

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `child` has printed `ready` (stdout or stderr); rejects if it exits first. */
function waitForOutput(child: ChildProcess, ready: string | RegExp, what: string): Promise<void> {
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (typeof ready === "string" ? output.includes(ready) : ready.test(output)) {
        child.off("exit", onExit);
        resolve();
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${output.slice(-2000)}`));
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Sends `signal` and resolves when the process has exited. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/**
 * A Temporal dev server as a process of its own, persisting to an SQLite file, so a test can
 * stop and start it again and find every workflow where it was (as `./parley start` runs it).
 */
export class TemporalServerProcess {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dbFile: string,
  ) {}

  static async start(dir: string): Promise<TemporalServerProcess> {
    const server = new TemporalServerProcess(await freePort(), path.join(dir, "temporal.db"));
    await server.start();
    return server;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      testEnv.TEMPORAL_CLI,
      [
        "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", String(this.port),
        "--db-filename", this.dbFile, "--log-level", "warn",
        "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    // The frontend answers once the port accepts connections.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the Temporal dev server exited with ${child.exitCode}`);
      if (await canConnect(this.port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.child) await stopProcess(this.child, signal);
    this.child = null;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The real worker entry point (apps/worker/src/main.ts) as its own OS process, once it polls. */
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/worker/src/main.ts")], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForOutput(child, "worker polling", "the worker");
  return child;
}

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Connection } from "@temporalio/client";
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
 * A Temporal dev server as a process of its own, persisting to an SQLite file, so a test can stop
 * it and start it again on the same port and find every workflow where it was: what an outage,
 * a crash or a restart of the cluster looks like to the API and the worker (as `./parley start`
 * runs it). TestWorkflowEnvironment cannot restart its server, hence the CLI directly.
 */
export class TemporalServerProcess {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly ownsDir: boolean,
  ) {}

  /** Starts a server whose SQLite file lives in `dir` (default: a temporary directory of its own). */
  static async start(dir?: string): Promise<TemporalServerProcess> {
    const server = new TemporalServerProcess(await freePort(), dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "parley-temporal-")), !dir);
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
        "--db-filename", path.join(this.dir, "temporal.db"), "--log-level", "error",
        "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal",
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    this.child = child;
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`the Temporal dev server exited with ${child.exitCode}`);
      try {
        const connection = await Connection.connect({ address: this.address, connectTimeout: "1s" });
        // The frontend answers before the namespace exists; wait for the default one.
        await connection.workflowService.describeNamespace({ namespace: "default" });
        await connection.close();
        return;
      } catch (err) {
        if (attempt > 120) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.child) await stopProcess(this.child, signal);
    this.child = null;
  }

  /** Stops the server and removes its files (when the directory was its own). */
  async teardown(): Promise<void> {
    await this.stop();
    if (this.ownsDir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
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

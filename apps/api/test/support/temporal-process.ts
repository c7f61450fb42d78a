import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Connection } from "@temporalio/client";
import { testEnv } from "../../../../test/support/env";

/** A free loopback port (the OS picks it; the listener closes at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/**
 * A Temporal dev server that a test can stop and start again on the same port with the same
 * SQLite file (so workflows survive): what an outage and recovery of the cluster look like to the
 * API. TestWorkflowEnvironment cannot restart its server, hence the CLI directly.
 */
export class TemporalProcess {
  private child: ChildProcess | null = null;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-temporal-"));

  private constructor(readonly port: number) {}

  static async start(): Promise<TemporalProcess> {
    const server = new TemporalProcess(await freePort());
    await server.start();
    return server;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      testEnv.TEMPORAL_CLI,
      ["server", "start-dev", "--ip", "127.0.0.1", "--port", String(this.port), "--headless", "--db-filename", path.join(this.dir, "temporal.db"), "--log-level", "error"],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    this.child = child;
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`temporal exited with ${child.exitCode}`);
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

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  async teardown(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

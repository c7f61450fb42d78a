import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../../../test/support/processes";

/**
 * A throwaway PostgreSQL server (Debian's binaries: initdb and pg_ctl on PATH) in a temporary
 * directory, trust auth on 127.0.0.1. PostgreSQL refuses to run as root, so as root it runs as
 * the `postgres` system user the package creates.
 */
export class PostgresServer {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://parley@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PostgresServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-pg-"));
    const server = new PostgresServer(dir, await freePort());
    if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
    server.run("initdb", ["-D", path.join(dir, "data"), "-A", "trust", "-U", "parley", "--no-sync"]);
    server.run("pg_ctl", [
      "-D", path.join(dir, "data"), "-l", path.join(dir, "log"), "-w", "start",
      "-o", `-p ${server.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ]);
    return server;
  }

  stop(): void {
    this.run("pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
  }

  teardown(): void {
    try {
      this.stop();
    } catch {
      // Already stopped.
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private run(command: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    execFileSync(asRoot ? "runuser" : command, asRoot ? ["-u", "postgres", "--", command, ...args] : args, { stdio: ["ignore", "ignore", "pipe"], cwd: this.dir });
  }
}

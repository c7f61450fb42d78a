import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateDatabase, type Db } from "../src";

/**
 * The SQLite connection of createDb on a real file migrated by the Prisma CLI (which uses the
 * same adapter): settings that survive transactions, one connection per process, writers in two
 * processes that never see SQLITE_BUSY, and a failed COMMIT that leaves no lock behind.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-sqlite-connection-"));
const file = path.join(dir, "parley.db");
const url = `file:${file}`;
let db: Db;

beforeAll(async () => {
  await migrateDatabase(url);
  db = await createDb(url);
});
afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function pragma(name: string): Promise<unknown> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Object.values(rows[0] ?? {})[0];
}

async function createWorkspace(slug: string) {
  return db.$transaction(async (tx) => {
    await tx.workspace.count();
    return tx.workspace.create({ data: { slug, name: slug } });
  });
}

/** This process's open file descriptors on the database file itself (not -wal / -shm). */
function openDescriptorsOnDatabaseFile(): number {
  return fs.readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed between readdir and readlink
    }
  }).length;
}

describe("createDb on SQLite", () => {
  it("keeps WAL, the busy timeout and foreign keys after transactions", async () => {
    await createWorkspace("settings-1");
    await createWorkspace("settings-2");
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(await pragma("synchronous")).toBe(1); // NORMAL
    expect(await pragma("foreign_keys")).toBe(1);
    await expect(db.contact.create({ data: { workspaceId: "no-such-workspace" } })).rejects.toThrow(/foreign key/i);
  });

  it("holds one connection however many transactions it runs", async () => {
    await createWorkspace("fd-first");
    const before = openDescriptorsOnDatabaseFile();
    for (let i = 0; i < 40; i++) await createWorkspace(`fd-${i}`);
    await Promise.all(Array.from({ length: 20 }, (_, i) => createWorkspace(`fd-parallel-${i}`)));
    expect(before).toBe(1);
    expect(openDescriptorsOnDatabaseFile()).toBe(1);
  });

  it("rolls back a COMMIT that fails, leaving no write lock behind", async () => {
    // A deferred foreign key makes COMMIT itself fail, and SQLite then keeps the transaction open.
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.contact.create({ data: { id: "orphan", workspaceId: "no-such-workspace" } });
      }),
    ).rejects.toThrow(/foreign key/i);

    // Another process that does not wait at all gets the write lock at once.
    const other = new Database(file, { timeout: 0 });
    try {
      other.exec("BEGIN IMMEDIATE");
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
    expect(await db.contact.findUnique({ where: { id: "orphan" } })).toBeNull();
    await createWorkspace("after-failed-commit");
  });

  it("never fails with SQLITE_BUSY while another process writes", async () => {
    const writer = spawn(process.execPath, ["--import", "tsx", path.join(here, "support/writer-process.ts"), url], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    writer.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    writer.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => writer.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      writer.stdout.on("data", () => stdout.includes("ready") && resolve());
      void exited.then((code) => reject(new Error(`writer exited (${code}) before its first write: ${stderr}`)));
    });

    // Interactive transactions that read before they write (the lock upgrade that busy_timeout
    // cannot help with in a DEFERRED transaction), plain writes and reads, some in parallel.
    const failures: unknown[] = [];
    for (let round = 0; round < 30; round++) {
      const results = await Promise.allSettled([
        createWorkspace(`main-${round}-a`),
        db.workspace.create({ data: { slug: `main-${round}-b`, name: "b" } }),
        db.workspace.count(),
      ]);
      failures.push(...results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason));
    }

    writer.stdin.end();
    const code = await exited;
    expect(failures).toEqual([]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(Number(/writes (\d+)/.exec(stdout)?.[1])).toBeGreaterThan(0);
    expect(await db.workspace.count({ where: { slug: { startsWith: "main-" } } })).toBe(60);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createClient } from "@libsql/client";
import { createDb } from "../src";

/**
 * The knowledge_documents migration on a database that has articles: applies the committed SQLite
 * migrations up to the one before it, writes an article, applies it, and reads the result
 * through the Prisma client.
 */
const migrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../prisma/migrations");
const MIGRATION = "20261125190000_knowledge_documents";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-kb-migration-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe(MIGRATION, () => {
  it("turns articles into Markdown documents with the same ids, to be chunked later", async () => {
    const url = `file:${path.join(dir, "parley.db")}`;
    const sql = createClient({ url });
    const names = fs.readdirSync(migrations).filter((name) => /^\d{14}_/.test(name)).sort();
    for (const name of names.filter((n) => n < MIGRATION)) await sql.executeMultiple(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
    await sql.executeMultiple(`
      INSERT INTO "Workspace" ("id", "slug", "name") VALUES ('ws', 'ws', 'Workspace');
      INSERT INTO "KnowledgeBase" ("id", "workspaceId", "name", "updatedAt") VALUES ('kb', 'ws', 'Help center', CURRENT_TIMESTAMP);
      INSERT INTO "KnowledgeArticle" ("id", "knowledgeBaseId", "title", "body", "url", "updatedAt")
        VALUES ('art-1', 'kb', 'Refunds', '## Refunds' || char(10) || char(10) || 'Refunds take 5 days.', 'https://help.example.com/refunds', CURRENT_TIMESTAMP);
    `);
    await sql.executeMultiple(fs.readFileSync(path.join(migrations, MIGRATION, "migration.sql"), "utf8"));
    sql.close();

    const db = await createDb(url);
    try {
      const base = await db.knowledgeBase.findUniqueOrThrow({ where: { id: "kb" }, include: { documents: { include: { chunks: true } } } });
      expect(base.revision).toBe(0);
      expect(base.documents).toEqual([
        expect.objectContaining({
          id: "art-1",
          title: "Refunds",
          sourceType: "markdown",
          content: "## Refunds\n\nRefunds take 5 days.",
          contentHash: "migrated:art-1",
          sizeBytes: Buffer.byteLength("## Refunds\n\nRefunds take 5 days."),
          url: "https://help.example.com/refunds",
          chunkerVersion: null,
          chunks: [],
        }),
      ]);
      const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'KnowledgeArticle'`);
      expect(tables).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });
});

// Shared by the tests of the tables that triggers on AnalyticsEvent keep (AssignmentSpan,
// ConversationFact, ConversationFactEvent): a database per file, conversations to hang events on,
// events at times of one day, and the migration's backfill statement so a test can replay it
// against what the triggers wrote.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/database";

/** A test database for the calling file, open for all its tests. */
export function useTriggerDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error("the test database is not open yet");
    return database;
  };
}

/** 08:05 on the tests' day, as a Date. */
export const at = (time: string) => new Date(`2026-01-05T${time}:00Z`);

export type EventKind = "handoff" | "assignment" | "intent" | "message" | "node_left" | "started" | "csat";
export const eventId = (conversationId: string, type: EventKind, time: string) => `${conversationId}:${type}:${time}`;

/** An event; a handoff names a team, an assignment an agent, an intent its intent (`says`); a CSAT rates 4 of 5. */
export async function writeEvent(database: TestDatabase, conversationId: string, type: EventKind, time: string, says: string | null = null): Promise<void> {
  await database.db.analyticsEvent.create({
    data: {
      id: eventId(conversationId, type, time),
      workspaceId: database.seed.workspaceId,
      conversationId,
      type,
      at: at(time),
      channel: "web",
      team: type === "handoff" ? says : null,
      agentId: type === "assignment" ? says : null,
      intent: type === "intent" ? says : null,
      value: type === "csat" ? 4 : null,
      value2: type === "csat" ? 5 : null,
      props: type === "csat" ? { comment: "fine" } : undefined,
    },
  });
}

let sequence = 0;
/** A fresh conversation (and its contact) in the seeded workspace, handed off, on the web. */
export async function newConversation(database: TestDatabase, workflowPrefix: string): Promise<string> {
  const { db, seed } = database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: `Customer ${++sequence}` } });
  const row = await db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `${workflowPrefix}-${sequence}`, status: "handoff", channel: "web" },
  });
  return row.id;
}

/** The migration's first `INSERT … INTO "<table>"` statement (its backfill), for this database's engine. */
export function backfillStatement(database: TestDatabase, migration: string, table: string): string {
  const dir = database.kind === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations";
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sql = fs.readFileSync(path.join(here, "../../../db", dir, migration, "migration.sql"), "utf8");
  const start = sql.search(new RegExp(`INSERT (OR IGNORE )?INTO "${table}"`));
  if (start < 0) throw new Error(`${migration} has no backfill of ${table}`);
  return sql.slice(start, sql.indexOf(";", start));
}

import { describe, expect, it } from "vitest";
import type { Db } from "@parley/db";
import { recordSensitiveRead, SENSITIVE_READ_WINDOW_MS } from "./audit";

/** A database that only records the audit rows written to it. */
function recordingDb() {
  const rows: { action: string; targetId: string | null }[] = [];
  const db = { auditEvent: { create: async ({ data }: { data: { action: string; targetId: string | null } }) => void rows.push(data) } };
  return { db: db as unknown as Db, rows };
}

describe("sensitive reads in the audit log", () => {
  const read = (actorId: string, conversationId: string) => ({
    actor: { type: "user" as const, id: actorId, label: `${actorId}@example.com` },
    action: "conversation.read",
    target: { type: "conversation", id: conversationId },
  });

  it("logs one read per person and conversation within the window, and again after it", async () => {
    const { db, rows } = recordingDb();
    const t0 = 1_000_000_000;
    await recordSensitiveRead(db, null, read("ann", "c1"), t0);
    await recordSensitiveRead(db, null, read("ann", "c1"), t0 + 1500);
    await recordSensitiveRead(db, null, read("ann", "c2"), t0 + 1500);
    await recordSensitiveRead(db, null, read("bob", "c1"), t0 + 1500);
    await recordSensitiveRead(db, null, read("ann", "c1"), t0 + SENSITIVE_READ_WINDOW_MS + 1);
    expect(rows.map((row) => row.targetId)).toEqual(["c1", "c2", "c1", "c1"]);
  });
});

import { afterAll, beforeAll } from "vitest";
import { MockActivityEnvironment } from "@temporalio/testing";
import { createActivities } from "../src";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/**
 * The activities over a fresh test database for one test file (created before its tests,
 * closed after), and a way to add conversations on the seeded published flow.
 */
export function activitiesOnTestDatabase() {
  let database: TestDatabase | undefined;
  let activities: ReturnType<typeof createActivities> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    activities = createActivities({ db: database.db });
  });
  afterAll(() => database?.close());
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the test database is not ready (used outside a test?)");
    return value;
  };
  return {
    env: new MockActivityEnvironment(),
    get database() {
      return ready(database);
    },
    get activities() {
      return ready(activities);
    },
    /** A conversation on the seeded published flow (`test`: a simulator's, kept out of analytics). */
    async newConversation(options: { test?: boolean; channel?: "web" | "voice" } = {}) {
      const { db, seed } = ready(database);
      const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
      return db.conversation.create({
        data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `wf-${contact.id}`, ...options },
      });
    },
  };
}

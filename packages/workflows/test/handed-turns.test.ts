import { describe, expect, it } from "vitest";
import type { WorkflowHandle } from "@temporalio/client";
import { createPersistenceActivities, type RecordTurnInput } from "@parley/activities";
import { HANDED_TURN_CATCH_UP_MS } from "../src/handed-turns";
import { sendCustomerMessage } from "../src/client";
import { conversationHarness } from "./support/harness";
import { echoFlow } from "../../../test/support/echo-flow";

// Time-skipping: the workflow's own catch-up write waits on a durable timer.
const harness = conversationHarness({ server: "time-skipping", taskQueuePrefix: "handed-turns" });

const messageTexts = async (conversationId: string) =>
  (await harness.database.db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" } })).map((m) => `${m.author}: ${m.text}`);

/** Whether the workflow ran its own write (a `recordTurn` local activity's marker) between an Update's acceptance and its outcome. */
async function markerBeforeOutcome(handle: WorkflowHandle, which: "first" | "last"): Promise<boolean> {
  const events = (await handle.fetchHistory()).events ?? [];
  const find = (has: (event: (typeof events)[number]) => unknown) => (which === "first" ? events.findIndex(has) : events.findLastIndex(has));
  const accepted = find((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
  const completed = find((event) => event.workflowExecutionUpdateCompletedEventAttributes);
  expect(accepted).toBeGreaterThanOrEqual(0);
  expect(completed).toBeGreaterThan(accepted);
  return events.slice(accepted, completed).some((event) => markerText(event).includes("recordTurn"));
}

/** A marker event's details as text (a local activity's marker names its activity type). */
function markerText(event: HistoryEvent): string {
  return Object.values(event.markerRecordedEventAttributes?.details ?? {})
    .flatMap((details) => details.payloads ?? [])
    .map((payload) => Buffer.from(payload.data ?? []).toString("utf8"))
    .join(" ");
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle["fetchHistory"]>>["events"]>[number];

describe("a turn handed to the sender that stores it", () => {
  it("comes back in the Update's result, is stored by the sender, and the reply waited for no write of the workflow", async () => {
    const { id, handle } = await harness.run(echoFlow);
    const { recordTurn } = createPersistenceActivities({ db: harness.database.db });
    const handed: RecordTurnInput[] = [];
    const turn = await sendCustomerMessage(
      handle,
      { text: "hello there" },
      {
        storeTurn: async (rows) => {
          handed.push(rows);
          await recordTurn(rows);
        },
      },
    );

    expect(turn.replies.map((reply) => reply.text)).toEqual(["You said hello there", "Say something"]);
    expect(turn).not.toHaveProperty("toStore"); // never shown to the sender's own client
    expect(handed).toHaveLength(1);
    expect(handed[0]!.messages.map((m) => m.text)).toEqual(["hello there", "You said hello there", "Say something"]);
    expect(await messageTexts(id)).toEqual(["bot: Say something", "contact: hello there", "bot: You said hello there", "bot: Say something"]);

    // Between the Update's acceptance and its outcome the workflow recorded no local activity:
    // the reply left after one activation, without the workflow's own write.
    expect(await markerBeforeOutcome(handle, "last")).toBe(false);

    // Its timer later only reads that the rows are there: no write of its own.
    await harness.env.sleep(HANDED_TURN_CATCH_UP_MS + 1_000);
    // (The opening was stored by the workflow: this test's start does not hand it over.)
    const markers = async () => {
      const events = (await handle.fetchHistory()).events!;
      const replied = events.findLastIndex((event) => event.workflowExecutionUpdateCompletedEventAttributes);
      return events.slice(replied).flatMap((event) => (event.markerRecordedEventAttributes ? [markerText(event)] : []));
    };
    for (let i = 0; !(await markers()).some((text) => text.includes("turnsStored")); i++) {
      if (i > 100) throw new Error("the workflow never checked the handed turn");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await markers()).filter((text) => text.includes("recordTurn"))).toEqual([]);
    const row = await harness.database.db.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.stateVersion).toBe(handed[0]!.stateVersion);
  });

  it("hands the opening to a starter that stores it", async () => {
    const { id, opening, handle } = await harness.run(echoFlow, { openingStoredBy: "caller" });
    expect(opening.toStore?.messages.map((m) => m.text)).toEqual(["Say something"]);
    expect(await markerBeforeOutcome(handle, "first")).toBe(false);
    await createPersistenceActivities({ db: harness.database.db }).recordTurn(opening.toStore!);
    expect(await messageTexts(id)).toEqual(["bot: Say something"]);
    // A message without the flag is stored by the workflow before its reply, as before.
    await sendCustomerMessage(handle, { text: "plain" });
    expect(await markerBeforeOutcome(handle, "last")).toBe(true);
    expect(await messageTexts(id)).toEqual(["bot: Say something", "contact: plain", "bot: You said plain", "bot: Say something"]);
  });

  it("is stored by the workflow itself when the sender never does", async () => {
    const { id, handle } = await harness.run(echoFlow);
    await sendCustomerMessage(handle, { text: "first" }, { storeTurn: async () => undefined });
    await sendCustomerMessage(handle, { text: "second" }, { storeTurn: async () => undefined });

    await harness.env.sleep(HANDED_TURN_CATCH_UP_MS + 1_000);
    const expected = ["bot: Say something", "contact: first", "bot: You said first", "bot: Say something", "contact: second", "bot: You said second", "bot: Say something"];
    for (let i = 0; (await messageTexts(id)).length < expected.length; i++) {
      if (i > 100) throw new Error(`the workflow never stored the handed turns: ${(await messageTexts(id)).join(" | ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await messageTexts(id)).toEqual(expected);
  });

  it("never lets a late sender's write undo a newer state, but still adds its rows", async () => {
    const { id } = await harness.run(echoFlow);
    const { recordTurn } = createPersistenceActivities({ db: harness.database.db });
    const turn = (seq: number, status: RecordTurnInput["status"], stateVersion: number): RecordTurnInput => ({
      conversationId: id,
      messages: [{ id: `${id}-x${seq}`, seq: 100 + seq, author: "contact", text: `late ${seq}`, createdAt: new Date().toISOString() }],
      status,
      variables: { step: seq },
      stateVersion,
    });
    await recordTurn(turn(2, "handoff", 2e15));
    await recordTurn(turn(1, "active", 1e15)); // the older record arrives last

    const row = await harness.database.db.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("handoff");
    expect(row.variables).toEqual({ step: 2 });
    expect(row.stateVersion).toBe(2e15);
    expect(await messageTexts(id)).toEqual(expect.arrayContaining(["contact: late 1", "contact: late 2"]));
    // A missing conversation is still an error, whatever the version.
    await expect(recordTurn({ ...turn(3, "active", 3e15), conversationId: "no-such-conversation", messages: [] })).rejects.toMatchObject({
      type: "ConversationNotFound",
    });
  });
});

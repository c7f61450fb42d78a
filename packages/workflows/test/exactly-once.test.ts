import { describe, expect, it } from "vitest";
import { stateQuery, type TurnResult } from "../src";
import { sendCustomerMessage } from "../src/client";
import { conversationHarness } from "./support/harness";
import { echoFlow } from "../../../test/support/echo-flow";

const harness = conversationHarness({ taskQueuePrefix: "exactly-once" });


describe("customer messages with a client message id", () => {
  it("answers a resend after a continue-as-new from memory and records the message once", async () => {
    const { id, handle } = await harness.run(echoFlow, { continueAsNewAfterEvents: 20 });
    // As the API sends them: the client's id is both the update id and part of the message.
    const send = (text: string, clientMessageId: string) =>
      sendCustomerMessage(handle, { text, clientMessageId }, { updateId: `message-${clientMessageId}` });

    const first = await send("first words", "m-1");
    expect(first.replies.map((reply) => reply.text)).toEqual(["You said first words", "Say something"]);
    for (let i = 0; (await handle.query(stateQuery)).continuedRuns === 0; i++) {
      if (i > 20) throw new Error("the conversation never continued as new");
      await send(`filler ${i}`, `f-${i}`);
    }

    // The first response was "lost": the client sends m-1 again, to the new run.
    const again: TurnResult = await send("first words", "m-1");
    expect(again).toEqual(first);
    // The same id with other words is refused; the first message stands.
    await expect(send("other words", "m-1")).rejects.toSatisfy(isMessageIdReused);
    // The conversation's own memory, whatever Temporal remembers of update ids: a resend under
    // another update id is still answered from the first, or refused for other words.
    const viaAnotherUpdate = (text: string) => sendCustomerMessage(handle, { text, clientMessageId: "m-1" }, { updateId: `retry-${text}` });
    expect(await viaAnotherUpdate("first words")).toEqual(first);
    await expect(viaAnotherUpdate("other words")).rejects.toMatchObject({ cause: { type: "MessageIdReused" } });

    // And the conversation carries on normally.
    const next = await send("after the resend", "m-2");
    expect(next.replies[0]?.text).toBe("You said after the resend");
    const contact = await harness.database.db.message.findMany({
      where: { conversationId: id, author: "contact" },
      orderBy: { seq: "asc" },
    });
    expect(contact.filter((message) => message.text === "first words")).toHaveLength(1);
    expect(contact.some((message) => message.text === "other words")).toBe(false);
    expect(new Set(contact.map((message) => message.seq)).size).toBe(contact.length);
  });

  it("refuses other words under an id already used in this run (Temporal alone would answer with the first)", async () => {
    const { id, handle } = await harness.run(echoFlow);
    const first = await sendCustomerMessage(handle, { text: "hello", clientMessageId: "same" }, { updateId: "message-same" });
    expect(first.accepted?.fingerprint).toBeDefined();
    await expect(
      sendCustomerMessage(handle, { text: "goodbye", clientMessageId: "same" }, { updateId: "message-same" }),
    ).rejects.toSatisfy(isMessageIdReused);
    const repeated = await sendCustomerMessage(handle, { text: "hello", clientMessageId: "same" }, { updateId: "message-same" });
    expect(repeated).toEqual(first);
    const texts = (await harness.database.db.message.findMany({ where: { conversationId: id, author: "contact" } })).map((m) => m.text);
    expect(texts).toEqual(["hello"]);
  });
});

/** MessageIdReused, from the workflow (the update's cause) or from the client's own check. */
function isMessageIdReused(err: unknown): boolean {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if ((cause as { type?: unknown }).type === "MessageIdReused") return true;
  }
  return false;
}

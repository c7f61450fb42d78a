import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from "../codec";
import { stateQuery } from "../src";
import { conversationHarness } from "./support/harness";
import { echoFlow } from "../../../test/support/echo-flow";
import { CLEAR_BY_DESIGN, rawHistory, scanHistory, utf8 } from "../../../test/support/history";

// A keyring as it looks after a rotation: the first key encrypts everything new.
const codec = new AesGcmPayloadCodec([
  { id: "2026-07", key: randomBytes(32) },
  { id: "2026-01", key: randomBytes(32) },
]);
const harness = conversationHarness({ taskQueuePrefix: "encryption-test", payloadCodec: codec });

describe("a conversation with the payload codec on", () => {
  it("continues as new with its checkpoint encrypted, and no run's history holds a message in the clear", async () => {
    const { id, handle, say } = await harness.run(echoFlow, { continueAsNewAfterEvents: 40 });
    const secrets = Array.from({ length: 14 }, (_, i) => `secret-${i}-${randomUUID()}`);
    for (const secret of secrets) {
      const turn = await say(secret);
      expect(turn.replies.map((reply) => reply.text)).toEqual([`You said ${secret}`, "Say something"]);
    }
    // Queries answer through the codec too.
    const state = await handle.query(stateQuery);
    expect(state.continuedRuns).toBeGreaterThanOrEqual(2);
    expect(state.variables).toMatchObject({ said: secrets.at(-1) });

    // Every run of the chain, from the one still running back to the first (each start names the run it continues).
    const runs = [await rawHistory(harness.client, id)];
    for (;;) {
      const previous = runs.at(-1)![0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
      if (!previous) break;
      runs.push(await rawHistory(harness.client, id, previous));
    }
    expect(runs.length).toBe(state.continuedRuns + 1);

    const { payloads, blobs } = scanHistory(runs);
    const checkpoints = payloads.filter((payload) => payload.path.includes("workflowExecutionContinuedAsNewEventAttributes.input"));
    expect(checkpoints.length).toBe(state.continuedRuns);
    const clear = payloads.filter((payload) => utf8(payload.metadata.encoding) !== ENCRYPTED_ENCODING);
    expect(clear.map((payload) => payload.path).filter((path) => !CLEAR_BY_DESIGN.test(path))).toEqual([]);
    for (const text of [...secrets, "You said", "Say something"]) {
      expect(blobs.filter((blob) => blob.includes(text)).length, text).toBe(0);
    }
  });
});

import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@parley/flow";
import { customerMessageUpdate, stateQuery } from "../src";
import { graph, type NodeSpec } from "./support/graph";
import { conversationHarness } from "./support/harness";

/** Input and channel node kinds (ask types, start, voice say/listen), node by node. */

// Time skipping: ask timeouts and voice silence are timers.
const harness = conversationHarness({ server: "time-skipping", taskQueuePrefix: "nodes-input-test" });

/** As harness.run, plus `send`: one customer message, resolving with the texts of the bot's replies. */
async function run(flowGraph: FlowGraph, variables?: Record<string, string>) {
  const conversation = await harness.run(flowGraph, variables ? { variables } : {});
  const send = async (text: string) => (await conversation.say(text)).replies.map((r) => r.text);
  return { ...conversation, send };
}

const start: NodeSpec = { id: "start", kind: "start", config: {} };
const end = (id: string, message: string): NodeSpec => ({ id, kind: "end", config: { status: "closed", message } });

/** start → ask → answered: "Got {{variable}}" / invalid: "Invalid" / timeout: "Timed out". */
function askFlow(config: Record<string, unknown>): FlowGraph {
  const variable = typeof config.variable === "string" ? config.variable : "answer";
  return graph(
    [
      start,
      { id: "ask", kind: "ask", config: { question: "Your answer?", variable, ...config } },
      end("ok", `Got {{${variable}}}`),
      end("bad", "Invalid"),
      end("late", "Timed out"),
    ],
    [
      ["start", "next", "ask"],
      ["ask", "answered", "ok"],
      ["ask", "invalid", "bad"],
      ["ask", "timeout", "late"],
    ],
  );
}

describe("ask with an answer type", () => {
  it("asks again with a hint for a number, then stores the number", async () => {
    const { handle, opening, send } = await run(askFlow({ inputType: "number", variable: "amount" }));
    expect(opening.replies.map((r) => r.text)).toEqual(["Your answer?"]);
    expect(await send("lots")).toEqual(["Please answer with a number, for example 42 or 3.5."]);
    expect(await send("1 234,5")).toEqual(["Got 1234.5"]);
    const result = await handle.result();
    expect(result.variables).toMatchObject({ amount: 1234.5 });
    expect(typeof result.variables.amount).toBe("number");
  });

  it("offers choices as quick replies and accepts an option's number", async () => {
    const { handle, opening, send } = await run(askFlow({ inputType: "choice", choices: "Billing\nShipping", variable: "topic" }));
    expect(opening.replies[0]).toMatchObject({ text: "Your answer?", meta: { quickReplies: ["Billing", "Shipping"] } });
    const retry = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "weather" }] });
    expect(retry.replies[0]).toMatchObject({ text: "Please choose one of: 1. Billing, 2. Shipping.", meta: { quickReplies: ["Billing", "Shipping"] } });
    expect(await send("2")).toEqual(["Got Shipping"]);
    expect((await handle.result()).variables).toMatchObject({ topic: "Shipping" });
  });

  it("normalises emails, phone numbers and dates", async () => {
    const email = await run(askFlow({ inputType: "email", variable: "email" }));
    expect(await email.send("Ada@Example.COM")).toEqual(["Got ada@example.com"]);
    const phone = await run(askFlow({ inputType: "phone", variable: "phone" }));
    expect(await phone.send("+44 (20) 7946-0958")).toEqual(["Got +442079460958"]);
    const date = await run(askFlow({ inputType: "date", variable: "day" }));
    expect(await date.send("14/03/2026")).toEqual(["Got 2026-03-14"]);
  });

  it("takes a person's name out of a sentence, and asks again for a refusal", async () => {
    const { handle, send } = await run(askFlow({ inputType: "name", variable: "contact_name" }));
    expect(await send("why?")).toEqual(["Please tell me your name, for example Jane Smith."]);
    expect(await send("My name is john smith")).toEqual(["Got John Smith"]);
    expect((await handle.result()).variables).toMatchObject({ contact_name: "John Smith" });
  });

  it("says the retry prompt up to the retries allowed, then leaves through invalid", async () => {
    const { handle, send } = await run(
      askFlow({ pattern: "[A-Z]{2}\\d{4}", retryPrompt: "Order numbers look like AB1234.", maxRetries: 1, variable: "order" }),
    );
    expect(await send("1234")).toEqual(["Order numbers look like AB1234."]);
    expect(await send("nope")).toEqual(["Invalid"]);
    const result = await handle.result();
    expect(result.status).toBe("closed");
    expect(result.variables).toMatchObject({ order: null });
  });

  it("checks answers with RE2 inside the workflow: catastrophic patterns finish", async () => {
    // Messages are at most 4,000 characters; a backtracking engine hangs on far fewer.
    const hostile = `${"a".repeat(3_999)}!`;
    const nested = await run(askFlow({ pattern: "(a+)+$", retryPrompt: "Again.", maxRetries: 2 }));
    expect(await nested.send(hostile)).toEqual(["Again."]);
    expect(await nested.send("x".repeat(4_000))).toEqual(["Again."]);
    expect(await nested.send("a".repeat(4_000))).toEqual([`Got ${"a".repeat(4_000)}`]);
    const overlapping = await run(askFlow({ pattern: "(x+x+)+y|(a|aa)+$", retryPrompt: "Again.", maxRetries: 0 }));
    expect(await overlapping.send("x".repeat(4_000))).toEqual(["Invalid"]);
    expect((await overlapping.handle.result()).status).toBe("closed");
  });

  it("stops waiting at the timeout and leaves through timeout", async () => {
    const { id, handle } = await run(askFlow({ timeoutMinutes: 30 }));
    expect((await handle.query(stateQuery)).phase).toBe("waiting");
    await harness.env.sleep(31 * 60_000);
    const result = await handle.result();
    expect(result.variables).toMatchObject({ answer: null });
    const messages = await harness.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => m.text)).toEqual(["Your answer?", "Timed out"]);
  });

  it("a reply before the timeout is an answer", async () => {
    const { handle, send } = await run(askFlow({ timeoutMinutes: 30 }));
    await harness.env.sleep(10 * 60_000);
    expect(await send("here I am")).toEqual(["Got here I am"]);
    expect((await handle.result()).status).toBe("closed");
  });
});

describe("start", () => {
  it("sets initial variables the starter did not provide, in order", async () => {
    const { handle, opening } = await run(
      graph(
        [
          { id: "start", kind: "start", config: { variables: 'language = "en"\ngreeting = "Hi " + contact_name\nvip = false' } },
          { id: "hi", kind: "message", config: { text: "{{greeting}} ({{language}}, vip {{vip}})" } },
          end("end", ""),
        ],
        [
          ["start", "next", "hi"],
          ["hi", "next", "end"],
        ],
      ),
      { contact_name: "Ada", language: "de" },
    );
    expect(opening.replies.map((r) => r.text)).toEqual(["Hi Ada (de, vip false)"]);
    expect((await handle.result()).variables).toMatchObject({ language: "de", greeting: "Hi Ada", vip: false });
  });

  it("notes an initial variable whose expression fails and sets it to null", async () => {
    const { id, handle } = await run(
      graph([{ id: "start", kind: "start", config: { variables: 'amount = "0"\ntotal = number(amount) + 1' } }, end("end", "")], [["start", "next", "end"]]),
      { amount: "lots" },
    );
    expect((await handle.result()).variables).toMatchObject({ total: null });
    const notes = await harness.database.db.message.findMany({ where: { conversationId: id, author: "system" } });
    expect(notes.map((m) => m.text)).toEqual([expect.stringMatching(/^start: total = number\(amount\) \+ 1 failed/)]);
  });
});

describe("voice say and listen", () => {
  const voiceFlow = (say: Record<string, unknown>, listen: Record<string, unknown>) =>
    graph(
      [
        start,
        { id: "say", kind: "voice_say", config: say },
        { id: "listen", kind: "voice_listen", config: listen },
        end("heard", "You said {{utterance}}"),
        end("silent", "Goodbye"),
      ],
      [
        ["start", "next", "say"],
        ["say", "next", "listen"],
        ["listen", "heard", "heard"],
        ["listen", "silence", "silent"],
      ],
    );

  it("says SSML with the words as text, then stores what the caller says", async () => {
    const { id, handle, opening, send } = await run(
      voiceFlow(
        { text: '<speak>Hello <break time="300ms"/> {{contact_name}}!</speak>', voice: "en-US-JennyNeural" },
        { prompt: "How can I help?" },
      ),
      { contact_name: "Tom & <Jerry>" },
    );
    expect(opening.replies.map((r) => [r.text, r.meta])).toEqual([
      [
        "Hello Tom & <Jerry>!",
        {
          voiceText: "Hello Tom & <Jerry>!",
          ssml: '<speak>Hello <break time="300ms"/> Tom &amp; &lt;Jerry&gt;!</speak>',
          voice: "en-US-JennyNeural",
        },
      ],
      ["How can I help?", { voiceText: "How can I help?" }],
    ]);
    expect(await send("my order is late")).toEqual(["You said my order is late"]);
    expect((await handle.result()).variables).toMatchObject({ utterance: "my order is late" });
    const stored = await harness.database.db.message.findFirstOrThrow({ where: { conversationId: id, seq: 1 } });
    expect(stored.meta).toMatchObject({ ssml: expect.stringContaining("<speak>"), voice: "en-US-JennyNeural" });
  });

  it("shows the fallback text on text channels", async () => {
    const { opening } = await run(voiceFlow({ text: "Press one for sales.", fallbackText: "Reply 1 for sales." }, {}));
    expect(opening.replies[0]).toMatchObject({ text: "Reply 1 for sales.", meta: { voiceText: "Press one for sales." } });
    expect(opening.replies[0]?.meta).not.toHaveProperty("ssml");
  });

  it("takes the silence exit when nothing is said in time", async () => {
    const { handle } = await run(voiceFlow({ text: "Hello" }, { noInputSeconds: 20 }));
    await harness.env.sleep(21_000);
    const result = await handle.result();
    expect(result.variables).toMatchObject({ utterance: null });
    expect(result.status).toBe("closed");
  });
});

import { describe, expect, it } from "vitest";
import { MockActivityEnvironment } from "@temporalio/testing";
import { ApplicationFailure } from "@temporalio/common";
import { ENTITY_TYPES, type IntentRecognizer } from "@parley/ai";
import { ROUTER_ENTITY_TYPES } from "@parley/flow";
import { FailureType } from "../src";
import { createUnderstandingActivities, intentRouterWarnings, type ExtractEntitiesInput, type RecognizeIntentInput } from "../src/understanding";

const env = new MockActivityEnvironment();
/** Runs an activity in the mock activity context, keeping its result type. */
const run = <I, O>(activity: (input: I) => Promise<O>, input: I) => env.run(activity, input) as Promise<O>;
const intents = [
  { name: "billing", examples: ["I was charged twice", "refund my order"] },
  { name: "shipping", examples: ["where is my order", "my package is late"] },
];

describe("understanding activities (local models)", () => {
  const activities = createUnderstandingActivities();

  it("recognizes an intent with a ranking, and falls back below the threshold", async () => {
    const billing = await run(activities.recognizeIntent, { text: "You charged me twice!", intents, threshold: 0.3 });
    expect(billing).toMatchObject({ intent: "billing", ranking: [{ intent: "billing" }, { intent: "shipping" }] });
    expect(billing.confidence).toBeGreaterThanOrEqual(0.3);
    const unknown = await run(activities.recognizeIntent, { text: "Do you ship to Mars?", intents, threshold: 0.3 });
    expect(unknown.intent).toBe("fallback");
  });

  it("scores sentiment in -1..1 with a label", async () => {
    const angry = await run(activities.analyzeSentiment, { text: "This is terrible, nothing works!" });
    expect(angry.label).toBe("negative");
    expect(angry.score).toBeGreaterThanOrEqual(-1);
    expect(angry.score).toBeLessThan(-0.5);
    expect((await run(activities.analyzeSentiment, { text: "Thank you, that was quick" })).label).toBe("positive");
  });

  it.each([
    ["no intents", { text: "hi", intents: [], threshold: 0.3 }, "intents"],
    ["a threshold above 1", { text: "hi", intents, threshold: 2 }, "threshold"],
    ["text that is too long", { text: "x".repeat(4001), intents, threshold: 0.3 }, "text"],
  ])("refuses %s for good (non-retryable, typed)", async (_, input, field) => {
    const failure = await run(activities.recognizeIntent, input as RecognizeIntentInput).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: FailureType.InvalidUnderstandingInput, nonRetryable: true });
    expect((failure as Error).message).toContain(field);
  });

  it("uses an injected recognizer (how a trained model plugs in)", async () => {
    const calls: string[] = [];
    const alwaysShipping: IntentRecognizer = {
      async recognize(text) {
        calls.push(text);
        return { intent: "shipping", confidence: 0.9, ranking: [{ intent: "shipping", score: 0.9 }] };
      },
    };
    const custom = createUnderstandingActivities({ intentRecognizer: alwaysShipping });
    expect(await run(custom.recognizeIntent, { text: "refund", intents, threshold: 0.5 })).toMatchObject({ intent: "shipping" });
    expect(calls).toEqual(["refund"]);
  });

  it("extracts entities against the reference date the workflow passes", async () => {
    const entities = await run(activities.extractEntities, { text: "order #A12345, can it come next monday? jane@example.com", referenceDate: "2026-03-05" });
    expect(entities.map(({ type, value }) => [type, value])).toEqual([
      ["order_id", "A12345"],
      ["date", "2026-03-09"],
      ["email", "jane@example.com"],
    ]);
  });

  it("extracts every entity type an intent router can be configured to save", () => {
    // @parley/flow keeps its own list (it cannot import @parley/ai): the two must not drift.
    expect([...ROUTER_ENTITY_TYPES].sort()).toEqual([...ENTITY_TYPES].sort());
  });

  it("refuses a reference date that is not a calendar day for good", async () => {
    const failure = await run(activities.extractEntities, { text: "tomorrow", referenceDate: "next week" } as ExtractEntitiesInput).catch((err: unknown) => err);
    expect(failure).toMatchObject({ type: FailureType.InvalidUnderstandingInput, nonRetryable: true });
    expect((failure as Error).message).toContain("referenceDate");
  });
});

describe("intentRouterWarnings (what publishing reports)", () => {
  it("reports intent routers whose intents have too few examples, and skips other nodes", async () => {
    const warnings = await intentRouterWarnings([
      { id: "hello", kind: "message", config: { text: "hi" } },
      { id: "router", kind: "intent_router", label: "Topic", config: { intents: [...intents, { name: "other", examples: ["something else"] }] } },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ nodeId: "router", label: "Topic" });
    expect(warnings[0]!.warnings.map((w) => w.intent)).toEqual(["billing", "shipping", "other"]);
  });
});

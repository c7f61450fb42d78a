import { describe, expect, it } from "vitest";
import { selfTrigger } from "./check-rule";
import { evaluateConditions, type ConversationFacts } from "./conditions";
import { automationRuleSchema, effectsOf } from "./rule-schema";

// Monday 2026-12-07 10:00 UTC.
const facts: ConversationFacts = { channel: "web", team: "Support", priority: "high", status: "handoff", labelIds: ["vip"], text: "I want a REFUND now", now: Date.UTC(2026, 11, 7, 10) };

describe("automation rule parts", () => {
  it("checks every condition and says which hold", () => {
    const result = evaluateConditions(
      [
        { type: "textContains", text: "refund" },
        { type: "team", in: ["Billing", "Support"] },
        { type: "label", labelId: "vip" },
        { type: "channel", in: ["sms"] },
        { type: "priority", in: ["high", "urgent"] },
      ],
      facts,
    );
    expect(result.matched).toBe(false);
    expect(result.results.map((row) => [row.description, row.holds])).toEqual([
      ['text contains "refund"', true],
      ["team is Billing or Support", true],
      ["has label vip", true],
      ["channel is sms", false],
      ["priority is high or urgent", true],
    ]);
    expect(evaluateConditions([], { ...facts, text: null }).matched).toBe(true);
    expect(evaluateConditions([{ type: "sentiment", in: ["negative"] }], { ...facts, text: "This is terrible, I am furious" }).matched).toBe(true);
    expect(evaluateConditions([{ type: "sentiment", in: ["negative"] }], { ...facts, text: "Thanks, that was great" }).matched).toBe(false);
    const calendar = { timeZone: "Europe/Berlin", hours: "mon-fri 09:00-17:00", holidays: "" };
    expect(evaluateConditions([{ type: "businessHours", when: "open", calendar }], facts).matched).toBe(true);
    // Saturday: closed.
    expect(evaluateConditions([{ type: "businessHours", when: "closed", calendar }], { ...facts, now: Date.UTC(2026, 11, 12, 10) }).matched).toBe(true);
    expect(evaluateConditions([{ type: "textContains", text: "refund" }], { ...facts, text: null }).matched).toBe(false);
  });

  it("finds the action by which a rule would set off its own event", () => {
    const transfer = { type: "assignTeam" as const, team: "Billing" };
    expect(selfTrigger({ event: "assignee.changed", conditions: [], actions: [transfer] })).toEqual(transfer);
    expect(selfTrigger({ event: "assignee.changed", conditions: [{ type: "team", in: ["Support"] }], actions: [transfer] })).toBeNull();
    expect(selfTrigger({ event: "assignee.changed", conditions: [{ type: "team", in: ["Billing"] }], actions: [transfer] })).toEqual(transfer);
    expect(selfTrigger({ event: "status.changed", conditions: [], actions: [{ type: "resolve" }] })).toEqual({ type: "resolve" });
    expect(selfTrigger({ event: "message.received", conditions: [], actions: [{ type: "cannedReply", cannedResponseId: "c1" }, transfer] })).toBeNull();
    expect(effectsOf([transfer, { type: "addLabel", labelId: "x" }])).toEqual(["status.changed", "assignee.changed"]);
  });

  it("refuses rules that cannot work as written", () => {
    const base = { name: "r", actions: [{ type: "resolve" }] };
    expect(automationRuleSchema.safeParse({ ...base, event: "idle" }).success).toBe(false);
    expect(automationRuleSchema.safeParse({ ...base, event: "idle", idleMinutes: 30 }).success).toBe(true);
    expect(automationRuleSchema.safeParse({ ...base, event: "message.received", idleMinutes: 30 }).success).toBe(false);
    expect(automationRuleSchema.safeParse({ name: "r", event: "message.received", actions: [{ type: "resolve" }, { type: "addNote", text: "x" }] }).success).toBe(false);
    expect(automationRuleSchema.safeParse({ name: "r", event: "message.received", actions: [] }).success).toBe(false);
  });
});

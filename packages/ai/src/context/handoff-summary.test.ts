import { describe, expect, it } from "vitest";
import { extractiveHandoffSummary } from "./handoff-summary";

describe("extractiveHandoffSummary", () => {
  it("states the goal, the latest message, the facts, the mood and what the bot said", async () => {
    const summary = await extractiveHandoffSummary.summarize({
      turns: [
        { author: "contact", text: "hi" },
        { author: "bot", text: "How can I help?" },
        { author: "contact", text: "I was charged twice for my   order" },
        { author: "bot", text: "Which order?" },
        { author: "contact", text: "A-1001, and I want the money back today" },
      ],
      variables: { order_id: "A-1001", last_message: "A-1001, and I want the money back today", email: null },
      sentiment: { score: -0.45, label: "negative" },
    });
    expect(summary).toEqual({
      by: "extractive",
      text: [
        'Customer\'s goal: "I was charged twice for my order"',
        'Latest message: "A-1001, and I want the money back today"',
        "Known: order_id = A-1001",
        "Mood: negative (-0.45)",
        'The bot sent 2 messages; last: "Which order?"',
      ].join("\n"),
    });
  });

  it("says so when the customer has not written", async () => {
    expect((await extractiveHandoffSummary.summarize({ turns: [] })).text).toBe("The customer has not written anything yet.");
  });
});

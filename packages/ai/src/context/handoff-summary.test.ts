import { describe, expect, it } from "vitest";
import { extractiveHandoffSummary } from "./handoff-summary";
import { humanizeVariable, isInternalVariable, moodWords } from "./summary-lines";

describe("extractiveHandoffSummary", () => {
  it("says what the customer wants, what is known (not repeating a quoted message), how they feel and what the bot tried", async () => {
    const summary = await extractiveHandoffSummary.summarize({
      turns: [
        { author: "contact", text: "hi" },
        { author: "bot", text: "How can I help?" },
        { author: "contact", text: "I was charged twice for my   order" },
        { author: "bot", text: "Which order?" },
        { author: "contact", text: "A-1001, and I want the money back today" },
      ],
      variables: {
        contact_name: "Ivan Invoice",
        order_id: "A-1001",
        last_message: "A-1001, and I want the money back today",
        email: null,
        topic: "",
        reason: "I was charged twice for my   order",
        intent: "billing_question",
        intent_confidence: 0.83,
        kb_answer: null,
      },
      sentiment: { score: -0.45, label: "negative" },
      trend: "worsening",
    });
    expect(summary).toEqual({
      by: "extractive",
      text: [
        '• Wants: "I was charged twice for my order"',
        '• Latest message: "A-1001, and I want the money back today"',
        "• Known: Name: Ivan Invoice · Order: A-1001",
        "• Feels: frustrated (getting worse)",
        "• Bot recognised: billing question",
        "• Help centre: no answer found",
        '• Bot sent 2 messages; last: "Which order?"',
      ].join("\n"),
    });
  });

  it("quotes the help-centre answer given and says when no intent matched", async () => {
    const { text } = await extractiveHandoffSummary.summarize({
      turns: [{ author: "contact", text: "Where is my parcel right now?" }],
      variables: { intent: "fallback", kb_answer: "Parcels arrive within 3 to 5 working days; the tracking link is in your confirmation email." },
      sentiment: { score: 0.05, label: "neutral" },
    });
    expect(text.split("\n")).toEqual([
      '• Wants: "Where is my parcel right now?"',
      "• Feels: calm",
      "• Bot did not recognise the request",
      '• Help centre answered: "Parcels arrive within 3 to 5 working days; the tracking link is in your confirm…"',
    ]);
  });

  it("says so when the customer has not written", async () => {
    expect((await extractiveHandoffSummary.summarize({ turns: [] })).text).toBe("• The customer has not written anything yet.");
  });
});

describe("summary wording", () => {
  it("names variables as an agent would", () => {
    expect(["contact_name", "order_id", "deliveryDate", "phone_number", "customerEmail", "plan", "id"].map(humanizeVariable)).toEqual([
      "Name",
      "Order",
      "Delivery date",
      "Phone",
      "Email",
      "Plan",
      "Id",
    ]);
  });

  it("leaves bookkeeping variables out", () => {
    expect(["last_message", "intent_confidence", "router_confidence", "replyConfidence", "sentiment"].every(isInternalVariable)).toBe(true);
    expect(["contact_name", "order_id", "confidential_note"].some(isInternalVariable)).toBe(false);
  });

  it("puts the mood in words, with its direction when known", () => {
    expect(moodWords({ score: -0.8 }, "steady")).toBe("very frustrated");
    expect(moodWords({ score: -0.3 }, "improving")).toBe("frustrated (improving)");
    expect(moodWords({ score: 0.1 })).toBe("calm");
    expect(moodWords({ score: 0.4 })).toBe("content");
    expect(moodWords({ score: 0.9 }, "worsening")).toBe("happy (getting worse)");
  });
});

import { describe, expect, it } from "vitest";
import { ApplicationFailure } from "@temporalio/common";
import { createHandoffSummaryActivities, type SummarizeHandoffInput } from "../src/handoff-summary";

const input: SummarizeHandoffInput = {
  turns: [
    { author: "bot", text: "How can I help?" },
    { author: "contact", text: "My parcel never arrived and this is terrible" },
  ],
  variables: { order_id: "A-1001" },
};

describe("summarizeHandoff", () => {
  it("summarizes with the configured analyzer's mood", async () => {
    const { summarizeHandoff } = createHandoffSummaryActivities({
      sentimentAnalyzer: { analyze: async () => ({ score: -0.8, label: "negative", evidence: [] }) },
    });
    expect(await summarizeHandoff(input)).toEqual({
      by: "extractive",
      text: '• Wants: "My parcel never arrived and this is terrible"\n• Known: Order: A-1001\n• Feels: very frustrated\n• Bot sent 1 message; last: "How can I help?"',
    });
  });

  it("scores each of the customer's messages to say which way their mood is going", async () => {
    const scores: Record<string, number> = { "Thanks, that sounds good": 0.5, "Still nothing?": -0.3, "This is a disgrace": -0.9 };
    const { summarizeHandoff } = createHandoffSummaryActivities({
      sentimentAnalyzer: { analyze: async (text) => ({ score: scores[text] ?? 0, label: "neutral", evidence: [] }) },
    });
    const turns = Object.keys(scores).map((text) => ({ author: "contact" as const, text }));
    const { text } = await summarizeHandoff({ turns, variables: {} });
    expect(text).toContain("• Feels: frustrated (getting worse)");
  });

  it("leaves the mood out when the analyzer fails, instead of failing the summary", async () => {
    const { summarizeHandoff } = createHandoffSummaryActivities({
      sentimentAnalyzer: { analyze: async () => Promise.reject(new Error("model down")) },
    });
    expect((await summarizeHandoff(input)).text).not.toContain("Feels");
  });

  it("refuses bad input for good (non-retryable)", async () => {
    const { summarizeHandoff } = createHandoffSummaryActivities();
    const error = await summarizeHandoff({ turns: [{ author: "robot", text: "x" }], variables: {} } as unknown as SummarizeHandoffInput).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ nonRetryable: true, type: "InvalidUnderstandingInput" });
    expect((error as Error).message).toMatch(/^summarizeHandoff: invalid input \(turns\.0\.author: /);
  });
});

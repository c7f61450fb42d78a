import { describe, expect, it } from "vitest";
import { plainText, replyHint, splitText } from "./text-parts";
import { renderTwilio, TWILIO_MAX_BODY } from "./twilio";
import { retryAfterMs } from "./provider-http";

describe("plain-text rendering for SMS", () => {
  it("numbers options with a hint and lists sources' links", () => {
    expect(replyHint(2)).toBe("Reply 1 or 2.");
    expect(replyHint(3)).toBe("Reply 1, 2 or 3.");
    expect(plainText({ text: "Which one?", quickReplies: ["Yes", "No"], citations: [{ title: "Returns", url: "https://shop.test/returns" }, { title: "No link" }] })).toBe(
      "Which one?\n\n1. Yes\n2. No\nReply 1 or 2.\n\nReturns: https://shop.test/returns",
    );
  });

  it("cuts long text at paragraph, then sentence, then word ends, within the limit", () => {
    expect(splitText("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(splitText("First sentence here. Second one.", 25)).toEqual(["First sentence here.", "Second one."]);
    expect(splitText("a".repeat(25), 10)).toEqual(["a".repeat(10), "a".repeat(10), "a".repeat(5)]);
    // An emoji (two UTF-16 units) is never cut in half.
    expect(splitText("😀".repeat(5), 2)).toEqual(["😀😀", "😀😀", "😀"]);
    const long = Array.from({ length: 400 }, (_, index) => `Sentence ${index}.`).join(" ");
    const parts = renderTwilio([{ text: long }]);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= TWILIO_MAX_BODY && /\.$/.test(part))).toBe(true);
    expect(parts.join(" ")).toBe(long);
  });

  it("reads Retry-After as seconds or a date, capped", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs("999999")).toBe(3_600_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });
});

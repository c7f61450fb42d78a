import { describe, expect, it } from "vitest";
import { cleanOptions, outboundTextOf, pickOption } from "./output";

describe("pickOption", () => {
  const options = ["Billing", "Shipping", "Something else"];

  it("maps a number (with the punctuation people type) to its option", () => {
    expect(pickOption("2", options)).toBe("Shipping");
    expect(pickOption(" 1. ", options)).toBe("Billing");
    expect(pickOption("#3", options)).toBe("Something else");
    expect(pickOption("3)", options)).toBe("Something else");
  });

  it("maps a label regardless of case, quotes and final punctuation", () => {
    expect(pickOption("shipping", options)).toBe("Shipping");
    expect(pickOption("“Something else”!", options)).toBe("Something else");
  });

  it("leaves numbers out of range and other words as free text", () => {
    expect(pickOption("4", options)).toBeNull();
    expect(pickOption("0", options)).toBeNull();
    expect(pickOption("shipping to Berlin", options)).toBeNull();
    expect(pickOption("2", [])).toBeNull();
  });
});

describe("outboundTextOf", () => {
  it("reads quick replies and titled citations from stored meta, dropping junk", () => {
    const message = { text: "Refunds take 5 days.", meta: { quickReplies: [" Yes ", "No", "Yes", 3, ""], citations: [{ articleId: "a", title: "Refunds", url: "https://help.example.com/refunds" }, { title: " " }, null] } };
    expect(outboundTextOf(message)).toEqual({ text: "Refunds take 5 days.", quickReplies: ["Yes", "No"], citations: [{ title: "Refunds", url: "https://help.example.com/refunds" }] });
    expect(outboundTextOf({ text: "Hi", meta: null })).toEqual({ text: "Hi", quickReplies: [], citations: [] });
    expect(cleanOptions(undefined)).toEqual([]);
  });
});

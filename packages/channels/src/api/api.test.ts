import { describe, expect, it } from "vitest";
import { apiConfigSchema, ApiMessageError, apiOutboundMessage, parseApiMessage } from ".";

describe("API channel wire format", () => {
  it("reads a message and names the wrong field of one that does not fit", () => {
    const message = parseApiMessage(JSON.stringify({ conversation: " t-1 ", sender: { id: "u-1", email: "ada@example.com" }, message: { id: "m-1", text: "hi" } }));
    expect(message).toEqual({ conversation: "t-1", sender: { id: "u-1", email: "ada@example.com" }, message: { id: "m-1", text: "hi" } });
    const wrong = (body: unknown) => () => parseApiMessage(typeof body === "string" ? body : JSON.stringify(body));
    expect(wrong("{")).toThrow(new ApiMessageError("the body is not JSON"));
    expect(wrong({ conversation: "t", sender: {}, message: { id: "m", text: "x" } })).toThrow(/^sender\.id:/);
    expect(wrong({ conversation: "t", sender: { id: "u" }, message: { id: "m", text: 3 } })).toThrow(/^message\.text:/);
    expect(wrong({ conversation: "t", sender: { id: "u" }, message: { id: "m", text: "x", attachments: [{ url: "ftp://x" }] } })).toThrow(/^message\.attachments\.0\.url:/);
    expect(wrong([])).toThrow(/^body:/);
  });

  it("takes https callback URLs, and http only for localhost", () => {
    expect(apiConfigSchema.parse({ callbackUrl: "https://hooks.example.com/parley" }).callbackUrl).toBe("https://hooks.example.com/parley");
    expect(apiConfigSchema.parse({ callbackUrl: "http://127.0.0.1:8080/cb" }).callbackUrl).toBe("http://127.0.0.1:8080/cb");
    expect(apiConfigSchema.safeParse({ callbackUrl: "http://hooks.example.com/parley" }).success).toBe(false);
    expect(apiConfigSchema.safeParse({ callbackUrl: "ftp://hooks.example.com/" }).success).toBe(false);
    expect(apiConfigSchema.parse({})).toEqual({ callbackUrl: null });
  });

  it("writes the callback body with options only when there are some", () => {
    const createdAt = new Date("2026-12-07T10:00:00Z");
    expect(apiOutboundMessage({ id: "msg-1", createdAt }, { text: "Pick", quickReplies: ["A", "B"] }, "t-1")).toEqual({ id: "msg-1", type: "message", conversation: "t-1", text: "Pick", options: ["A", "B"], createdAt: "2026-12-07T10:00:00.000Z" });
    expect(apiOutboundMessage({ id: "msg-2", createdAt }, { text: "Hi" }, "t-1")).not.toHaveProperty("options");
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { conversationTokens } from "./conversation-tokens";

const secret = new TextEncoder().encode("a conversation token secret of 32+ bytes");
const claims = { conversationId: "c1", workspaceId: "w1" };

describe("conversation tokens", () => {
  afterEach(() => vi.useRealTimers());

  it("verifies a token again (from memory) with the same claims", async () => {
    const tokens = conversationTokens(secret, 60);
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    expect(await tokens.verify(token)).toEqual(claims);
  });

  it("refuses a remembered token once it has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const tokens = conversationTokens(secret, 60);
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    vi.setSystemTime(new Date("2026-01-01T00:01:01Z"));
    expect(await tokens.verify(token)).toBeNull();
  });

  it("never accepts a token signed with another secret or altered", async () => {
    const tokens = conversationTokens(secret, 60);
    const other = conversationTokens(new TextEncoder().encode("another conversation token secret, 32+ b"), 60);
    const { token } = await other.issue(claims);
    expect(await tokens.verify(token)).toBeNull();
    const own = (await tokens.issue(claims)).token;
    expect(await tokens.verify(own)).toEqual(claims);
    expect(await tokens.verify(`${own.slice(0, -2)}xx`)).toBeNull();
  });
});

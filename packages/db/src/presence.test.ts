import { describe, expect, it } from "vitest";
import { effectivePresence } from "./presence";

const now = new Date("2026-12-06T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const TEN_MINUTES = 10 * 60_000;

describe("effectivePresence", () => {
  it("keeps away and offline as they are, however long ago", () => {
    expect(effectivePresence({ presence: "away", presenceAt: minutesAgo(600), lastActiveAt: null }, now, TEN_MINUTES)).toBe("away");
    expect(effectivePresence({ presence: "offline", presenceAt: null, lastActiveAt: minutesAgo(1) }, now, TEN_MINUTES)).toBe("offline");
  });

  it("reads online while the last request or the switch to online is recent", () => {
    expect(effectivePresence({ presence: "online", presenceAt: minutesAgo(60), lastActiveAt: minutesAgo(9) }, now, TEN_MINUTES)).toBe("online");
    expect(effectivePresence({ presence: "online", presenceAt: minutesAgo(2), lastActiveAt: minutesAgo(60) }, now, TEN_MINUTES)).toBe("online");
    expect(effectivePresence({ presence: "online", presenceAt: minutesAgo(10), lastActiveAt: null }, now, TEN_MINUTES)).toBe("online");
  });

  it("reads away once both are older than the limit, or when nothing says when", () => {
    expect(effectivePresence({ presence: "online", presenceAt: minutesAgo(30), lastActiveAt: minutesAgo(11) }, now, TEN_MINUTES)).toBe("away");
    expect(effectivePresence({ presence: "online", presenceAt: null, lastActiveAt: null }, now, TEN_MINUTES)).toBe("away");
    expect(effectivePresence({ presence: "online", presenceAt: minutesAgo(30), lastActiveAt: minutesAgo(11) }, now, 15 * 60_000)).toBe("online");
  });
});

import { describe, expect, it } from "vitest";
import { allowedOriginsSchema, originAllowed } from "./origins";
import { parseChannelConfig, webWidgetOnline } from "@parley/channels";

describe("a channel's allowed origins", () => {
  it("are stored as browsers send them: lower case, no path, default ports dropped", () => {
    expect(allowedOriginsSchema.parse(["HTTPS://Shop.Example.com", "https://shop.example.com:443/", "http://localhost:8080", " * "])).toEqual([
      "https://shop.example.com",
      "https://shop.example.com",
      "http://localhost:8080",
      "*",
    ]);
  });

  it("refuse what is not an origin", () => {
    for (const bad of ["shop.example.com", "https://shop.example.com/page", "ftp://files.example.com", "https://a@b.example", "https://x.example?q=1", "javascript:alert(1)"]) {
      expect(allowedOriginsSchema.safeParse([bad]).success, bad).toBe(false);
    }
    expect(allowedOriginsSchema.safeParse([]).success).toBe(false);
  });

  it("let through the listed origins, any with *, the app's own always, and no request without an Origin", () => {
    const app = ["http://localhost:3000"];
    expect(originAllowed(["https://shop.example.com"], "https://shop.example.com", app)).toBe(true);
    expect(originAllowed(["https://shop.example.com"], "https://shop.example.com.evil.net", app)).toBe(false);
    expect(originAllowed(["https://shop.example.com"], "http://shop.example.com", app)).toBe(false);
    expect(originAllowed(["https://shop.example.com"], "http://localhost:3000", app)).toBe(true);
    expect(originAllowed(["*"], "https://anywhere.example", app)).toBe(true);
    expect(originAllowed(["*"], null, app)).toBe(false);
  });
});

describe("the web widget's config", () => {
  it("reads back with defaults for settings it lacks, and falls back to the defaults when unreadable", () => {
    expect(parseChannelConfig("web_widget", { color: "#0F766E" })).toMatchObject({ color: "#0f766e", position: "right", preChatForm: false, businessHours: null });
    expect(parseChannelConfig("web_widget", { color: "red" }).color).toBe("#4f46e5");
    expect(parseChannelConfig("web_widget", null).title).toBe("Chat with us");
  });

  it("is online without business hours, and by its calendar with them", () => {
    const weekdays = { timeZone: "Europe/Paris", weekly: { mon: [{ start: "09:00", end: "17:00" }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
    const config = parseChannelConfig("web_widget", { businessHours: weekdays });
    // Monday 7 December 2026, 10:00 and 20:00 in Paris (UTC+1).
    expect(webWidgetOnline(config, new Date("2026-12-07T09:00:00Z"))).toBe(true);
    expect(webWidgetOnline(config, new Date("2026-12-07T19:00:00Z"))).toBe(false);
    expect(webWidgetOnline(parseChannelConfig("web_widget", {}), new Date("2026-12-07T19:00:00Z"))).toBe(true);
  });
});

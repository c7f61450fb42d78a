// The Team and Voice dashboards compare presence, occupancy and voice latencies with the previous
// period, like their other figures: an agent's shifts and handled conversations, and calls' turn
// latencies, in this week and the week before (stored as the product stores them: presence changes
// and analytics events), shown in the built builder; screenshots at desktop and phone widths.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

/** Both widths, the phone's scrolled to `at` (the page scrolls inside its frame: a phone's first screen shows the filters). */
async function screenshotBoth(page: Page, name: string, at: Locator): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await at.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const DAY = 86_400_000;
/** `hour` UTC on the day `daysAgo` days before today: 10 is in last week's period, 3 in this one. */
const at = (daysAgo: number, hour: number) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY + hour * 3_600_000);

beforeAll(async () => {
  const { db, seed } = e2e.stack.database;
  const workspaceId = seed.workspaceId;
  let n = 0;
  async function conversation(channel: "web" | "voice") {
    const contact = await db.contact.create({ data: { workspaceId, name: `Caller ${++n}` } });
    return db.conversation.create({
      data: { workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `comparison-${n}`, status: "resolved", channel },
    });
  }
  // Sam online 4 h last week, handling 1 h of it; 6 h this week, handling 2 h.
  for (const [daysAgo, from, to, handledFrom, handledTo] of [
    [10, 9, 13, 10, 11],
    [3, 9, 15, 10, 12],
  ] as const) {
    await db.presenceChange.createMany({
      data: [
        { workspaceId, userId: seed.agentId, presence: "online", at: at(daysAgo, from) },
        { workspaceId, userId: seed.agentId, presence: "offline", at: at(daysAgo, to) },
      ],
    });
    const handled = await conversation("web");
    await db.analyticsEvent.createMany({
      data: [
        { id: `${handled.id}:assignment`, workspaceId, conversationId: handled.id, type: "assignment", at: at(daysAgo, handledFrom), channel: "web", agentId: seed.agentId },
        { id: `${handled.id}:ended`, workspaceId, conversationId: handled.id, type: "ended", at: at(daysAgo, handledTo), channel: "web" },
      ],
    });
  }
  // A call each week: recognition 800 ms and first audio 400 ms last week, 600 and 300 this week.
  for (const [daysAgo, stt, tts] of [
    [10, 800, 400],
    [3, 600, 300],
  ] as const) {
    const call = await conversation("voice");
    const event = (type: string, value: number | null, value2: number | null = null) => ({
      id: `${call.id}:${type}`,
      workspaceId,
      conversationId: call.id,
      type,
      at: at(daysAgo, 9),
      channel: "voice" as const,
      value,
      value2,
      props: type === "voice_turn" ? { engine: "azure", bargeIn: false } : undefined,
    });
    await db.analyticsEvent.createMany({ data: [event("started", null), event("voice_turn", 0.9, 20), event("voice_stt", stt), event("voice_tts", tts)] });
  }
});

describe("the previous period on the Team and Voice dashboards", () => {
  it("shows time online, occupancy and voice latencies against the week before", async () => {
    const page = await e2e.newPage({ as: "supervisor" });
    const change = (id: string) => page.getByTestId(id).locator("span").nth(2).textContent();
    await page.goto(`${e2e.stack.builderUrl}/analytics?tab=team&days=7`);
    await expect.poll(() => page.getByTestId("fig-online-time-value").textContent()).toBe("6h 0m");
    // 6 h against 4 h; 2 h of 6 (33.3%) against 1 h of 4 (25%).
    await expect(change("fig-online-time")).resolves.toBe("+50% vs previous period");
    await expect(page.getByTestId("fig-occupancy-value").textContent()).resolves.toBe("33.3%");
    await expect(change("fig-occupancy")).resolves.toBe("+8.3 pts vs previous period");
    await screenshotBoth(page, "analytics-comparison-1-team", page.getByTestId("fig-occupancy"));

    await page.getByTestId("analytics-tab-voice").click();
    await expect.poll(() => page.getByTestId("fig-stt-p50-value").textContent()).not.toBe("—");
    await expect(change("fig-stt-p50")).resolves.toBe("-25% vs previous period");
    await expect(change("fig-stt-p95")).resolves.toBe("-25% vs previous period");
    await expect(change("fig-tts-p50")).resolves.toBe("-25% vs previous period");
    await expect(change("fig-tts-p95")).resolves.toBe("-25% vs previous period");
    await screenshotBoth(page, "analytics-comparison-2-voice", page.getByTestId("fig-tts-p95"));
  });
});

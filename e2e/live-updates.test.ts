// Live updates in the browser: an agent's inbox shows a new conversation and the customer's
// messages as they happen, with no reload and no polling (with the stream up, the pages only
// refetch every SAFETY_REFETCH_MS = 60 s, far longer than anything waited for here), and
// catches up on what happened while its connection was down.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

const e2e = e2eSession();

/** The stream's state as the shell reports it (`live` once the first event arrived). */
const liveStatus = (page: Page) => page.getByTestId("live-status").getAttribute("data-status");

describe("live updates in the inbox", () => {
  it("a customer's new conversation and messages appear in the agent's open inbox without a reload", async () => {
    const { db, seed } = e2e.stack.database;
    const flow = await db.flow.findFirstOrThrow({ where: { workspaceId: seed.workspaceId, name: "Support with a human" } });

    const inbox = await e2e.newPage({ as: "agent" });
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox`);
    await inbox.locator('[data-testid="live-status"][data-status="live"]').waitFor({ state: "attached" });
    let navigations = 0;
    inbox.on("framenavigated", () => navigations++);

    // Another browser: the customer's web chat.
    const chat = await e2e.newPage({ as: null });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flow.id}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "My invoice is wrong");
    await chat.getByTestId("chat-handoff-banner").waitFor();
    const { id } = await db.conversation.findFirstOrThrow({ where: { flowVersion: { flowId: flow.id } }, orderBy: { createdAt: "desc" } });

    // Handed to Support (Sam's team): it appears in his list by itself.
    const item = inbox.getByTestId(`conversation-${id}`);
    await item.getByTestId("item-handoff").waitFor();
    expect(await liveStatus(inbox)).toBe("live");
    await item.click();
    await inbox.getByTestId("transcript").getByText("My invoice is wrong", { exact: true }).waitFor();

    await sendChatMessage(chat, "It says 40 euros instead of 30");
    await inbox.getByTestId("transcript").getByText("It says 40 euros instead of 30", { exact: true }).waitFor();
    // The list's preview follows too.
    await item.getByText("It says 40 euros instead of 30").waitFor();
    expect(await liveStatus(inbox)).toBe("live");
    expect(navigations).toBe(1); // the click's client-side route change, never a reload
    await screenshot(inbox, "live-1-message-desktop");

    const phone = await e2e.newPage({ as: "agent" });
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    await phone.locator('[data-testid="live-status"][data-status="live"]').waitFor({ state: "attached" });
    await sendChatMessage(chat, "Order A-17");
    await phone.getByTestId("transcript").getByText("Order A-17", { exact: true }).waitFor();
    await screenshot(phone, "live-2-message-phone");
    await phone.close();

    // The network drops (the browser is offline, its open stream cut): the shell says so, and
    // once back the stream replays what it missed.
    await inbox.context().setOffline(true);
    e2e.stack.dropConnections();
    await inbox.getByTestId("inbox-live").getByText("Reconnecting…").waitFor();
    await screenshot(inbox, "live-3-reconnecting");
    await sendChatMessage(chat, "Sent while you were offline");
    await inbox.context().setOffline(false);
    await inbox.getByTestId("transcript").getByText("Sent while you were offline", { exact: true }).waitFor();
    await inbox.locator('[data-testid="live-status"][data-status="live"]').waitFor({ state: "attached" });
    await inbox.getByTestId("inbox-live").getByText("Live").waitFor();
    await chat.close();
    await inbox.close();
  });

  it("other pages show a small reconnecting pill while the stream is down", async () => {
    const page = await e2e.newPage({ as: "agent" });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ state: "attached" });
    await page.context().setOffline(true);
    e2e.stack.dropConnections();
    await page.getByTestId("live-status").getByText("Reconnecting…").waitFor();
    await screenshot(page, "live-4-reconnecting-pill");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "live-5-reconnecting-pill-phone");
    await page.context().setOffline(false);
    await page.getByTestId("live-status").waitFor({ state: "hidden" });
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ state: "attached" });
    await page.close();
  });
});

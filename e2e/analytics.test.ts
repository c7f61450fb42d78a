// The analytics page in the built builder, over conversations the real runtime ran: two the bot
// handled alone and one handed off, answered, resolved and rated. Figures, a drill-down into the
// inbox, a filter kept in the URL, the other tabs; screenshots at desktop and phone widths.
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();

const handoffFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "topic", kind: "ask", position: { x: 0, y: 150 }, config: { question: "What do you need?", variable: "topic" } },
    { id: "human", kind: "handoff", position: { x: 0, y: 300 }, config: { team: "Billing", summary: "About {{topic}}" } },
    { id: "rate", kind: "csat", position: { x: 0, y: 450 }, config: { comment: "Anything you would like to add?" } },
    { id: "end", kind: "end", position: { x: 0, y: 600 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "topic" },
    { id: "e2", source: "topic", sourcePort: "answered", target: "human" },
    { id: "e3", source: "human", sourcePort: "resolved", target: "rate" },
    { id: "e4", source: "human", sourcePort: "returned", target: "topic" },
    { id: "e5", source: "rate", sourcePort: "next", target: "end" },
  ],
};

/** Both widths; with `at`, scrolled to that part of the page at each. */
async function screenshotBoth(page: Page, name: string, at?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await at?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  await at?.scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

let handedOff: string;

/** Waits for the worker (outside a test, where expect.poll is not available). */
async function until(ok: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await ok()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the conversation did not get there");
}

beforeAll(async () => {
  const { db, seed } = e2e.stack.database;
  const api = await e2e.stack.api("owner");
  const agent = await e2e.stack.api("agent");
  const { id: flowId } = await api.flows.create.mutate({ name: "Billing handoff" });
  await api.flows.saveDraft.mutate({ id: flowId, graph: handoffFlow });
  await api.flows.publish.mutate({ id: flowId });
  const billing = (await api.teams.names.query()).find((team) => team.name === "Billing")!;
  await api.teams.addMember.mutate({ teamId: billing.id, userId: seed.agentId });
  for (const name of ["Grace", "Edsger"]) {
    const { conversationId } = await api.conversations.start.mutate({ flowId: seed.flowId, contact: { name } });
    await api.conversations.send.mutate({ conversationId, text: name });
    await api.conversations.send.mutate({ conversationId, text: "Refund please" });
  }
  handedOff = (await api.conversations.start.mutate({ flowId, contact: { name: "Ivan Invoice" } })).conversationId;
  await api.conversations.send.mutate({ conversationId: handedOff, text: "My invoice is wrong" });
  // The agent goes online before taking it: presence time and occupancy on the Team tab.
  await agent.presence.set.mutate({ presence: "online" });
  await agent.conversations.assign.mutate({ conversationId: handedOff, agentId: seed.agentId });
  await agent.conversations.reply.mutate({ conversationId: handedOff, text: "Fixed it" });
  await agent.conversations.resolve.mutate({ conversationId: handedOff });
  await until(async () => (await db.message.count({ where: { conversationId: handedOff, text: "How would you rate this conversation?" } })) === 1);
  await api.conversations.send.mutate({ conversationId: handedOff, text: "5" });
  await until(async () => (await db.message.count({ where: { conversationId: handedOff, text: "Anything you would like to add?" } })) === 1);
  await api.conversations.send.mutate({ conversationId: handedOff, text: "Sorted in a minute, thank you!" });
  await until(async () => (await db.conversation.findUniqueOrThrow({ where: { id: handedOff } })).status === "resolved");
}, 120_000);

describe("the analytics page", () => {
  it("shows the four dashboards with real figures, drills down into the inbox and keeps filters in the URL", async () => {
    const page = await e2e.newPage({ as: "supervisor" });
    await page.goto(`${e2e.stack.builderUrl}/analytics`);
    const value = (id: string) => page.getByTestId(`${id}-value`).textContent();
    await expect.poll(() => value("fig-conversations")).toBe("3");
    await expect(value("fig-handoff")).resolves.toBe("33.3%");
    await expect(value("fig-containment")).resolves.toBe("66.7%");
    await expect(value("fig-resolution")).resolves.toBe("100%");
    await page.getByRole("img", { name: "Conversations by day" }).locator("svg").first().waitFor();
    await screenshotBoth(page, "analytics-1-conversations");

    // The figure opens the conversations behind it; one click goes to the inbox.
    await page.getByTestId("fig-handoff").click();
    const rows = page.getByTestId("analytics-drilldown-row");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain("Ivan Invoice");
    await screenshotBoth(page, "analytics-2-drilldown");
    await rows.first().click();
    await page.waitForURL(`**/inbox/${handedOff}`);

    // A filter narrows the figures and lives in the URL.
    await page.goto(`${e2e.stack.builderUrl}/analytics`);
    await expect.poll(() => value("fig-conversations")).toBe("3");
    await page.getByTestId("analytics-filter-team").selectOption("Billing");
    await expect.poll(() => value("fig-conversations")).toBe("1");
    expect(page.url()).toContain("team=Billing");

    await page.getByTestId("analytics-tab-team").click();
    await expect.poll(() => value("fig-team-handed-off")).toBe("1");
    await expect(value("fig-sla-met")).resolves.toBe("100%");
    await page.getByTestId("analytics-agents").getByText("Sam").first().waitFor();
    // Sam went online before taking the conversation: some online time, occupancy over none.
    await expect.poll(() => value("fig-online-time")).not.toBe("0s");
    await expect(value("fig-occupancy")).resolves.toMatch(/^\d+(\.\d)?%$/);
    await screenshotBoth(page, "analytics-3-team");

    await page.getByTestId("analytics-tab-satisfaction").click();
    await expect.poll(() => value("fig-ratings")).toBe("1");
    await expect(value("fig-csat-mean")).resolves.toBe("100%");
    // What Ivan wrote with his rating, filterable, opening the conversation.
    const comment = page.getByTestId("csat-comment");
    await expect.poll(() => comment.allTextContents()).toEqual([expect.stringContaining("Sorted in a minute, thank you!")]);
    await page.getByTestId("csat-comments-rating").selectOption("dissatisfied");
    await expect.poll(() => comment.count()).toBe(0);
    await page.getByTestId("csat-comments-rating").selectOption("satisfied");
    await page.getByTestId("csat-comments-search").fill("minute");
    await expect.poll(() => comment.count()).toBe(1);
    await screenshotBoth(page, "analytics-4-satisfaction");
    await screenshotBoth(page, "analytics-4b-csat-comments", page.getByTestId("analytics-csat-comments"));
    await comment.first().click();
    await page.waitForURL(`**/inbox/${handedOff}`);
    await page.goBack();

    await page.getByTestId("analytics-tab-voice").click();
    await expect.poll(() => value("fig-calls")).toBe("0");
    await expect(value("fig-stt-p95")).resolves.toBe("—");
    await screenshotBoth(page, "analytics-5-voice");
  });

  it("builds, saves and exports a custom report, and opens the worst-scored conversations", async () => {
    const page = await e2e.newPage({ as: "supervisor" });
    await page.goto(`${e2e.stack.builderUrl}/analytics?tab=reports`);
    const table = page.getByTestId("report-table");
    await expect.poll(() => table.locator("tbody tr").allTextContents()).toEqual(["web3"]);
    await page.getByTestId("report-metric").selectOption("quality");
    await page.getByTestId("report-groupBy").selectOption("agent");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
    await expect(table.locator("tbody tr").first().textContent()).resolves.toMatch(/^Sam.*\/100$/);
    await page.getByTestId("report-save-as").click();
    await page.getByTestId("report-name").fill("Quality by agent");
    await page.getByTestId("report-save").click();
    await page.getByTestId("report-update").waitFor();
    await screenshotBoth(page, "analytics-6-report");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-export").click()]);
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = "";
        stream.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        stream.on("end", () => resolve(text));
        stream.on("error", reject);
      }, reject);
    });
    expect(csv.split("\n")[0]).toBe('"agent","agent id","quality"');

    // A reload starts from the default report; the saved one brings its definition back.
    await page.reload();
    await expect.poll(() => table.locator("tbody tr").allTextContents()).toEqual(["web3"]);
    await page.getByTestId("saved-report-select").selectOption({ label: "Quality by agent" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(2);

    // The conversation's own score and its reasons in the inbox.
    await page.goto(`${e2e.stack.builderUrl}/inbox/${handedOff}`);
    await page.getByTestId("quality-score").click();
    await expect(page.getByTestId("quality-factors").textContent()).resolves.toContain("CSAT 5/5");
    await screenshotBoth(page, "analytics-7-quality");
  });

  it("lets an admin deliver a saved report every day to a webhook endpoint", async () => {
    const owner = await e2e.stack.api("owner");
    const endpoint = await owner.webhooks.create.mutate({ url: "https://crm.example.com/parley/reports", eventTypes: ["contact.updated"] });
    const page = await e2e.newPage({ as: "owner" });
    await page.goto(`${e2e.stack.builderUrl}/analytics?tab=reports`);
    await page.getByTestId("saved-report-select").selectOption({ label: "Quality by agent" });
    await page.getByTestId("report-delivery").selectOption("daily");
    await expect(page.getByTestId("report-delivery-endpoint").inputValue()).resolves.toBe(endpoint.id);
    await page.getByTestId("report-update").click();
    await expect
      .poll(async () => (await e2e.stack.database.db.savedReport.findFirstOrThrow({ where: { name: "Quality by agent" } })).definition)
      .toMatchObject({ schedule: { every: "daily", webhookId: endpoint.id } });
    await screenshotBoth(page, "analytics-8-report-delivery");
  });

  it("lets an admin email a saved report every Monday to addresses instead (Email next to Webhook)", async () => {
    const page = await e2e.newPage({ as: "owner" });
    await page.goto(`${e2e.stack.builderUrl}/analytics?tab=reports`);
    await page.getByTestId("saved-report-select").selectOption({ label: "Quality by agent" });
    await page.getByTestId("report-delivery").selectOption("weekly");
    await page.getByTestId("report-delivery-by").selectOption("email");
    await page.getByTestId("report-delivery-emails").fill("Lead@example.com, ops@example.com");
    await page.getByTestId("report-update").click();
    await expect
      .poll(async () => (await e2e.stack.database.db.savedReport.findFirstOrThrow({ where: { name: "Quality by agent" } })).definition)
      .toMatchObject({ schedule: { every: "weekly", emails: ["lead@example.com", "ops@example.com"] } });
    await screenshotBoth(page, "analytics-9-report-email");
    // A bad address is refused with the reason, and nothing changes.
    await page.getByTestId("report-delivery-emails").fill("not an address");
    await page.getByTestId("report-update").click();
    const refusal = page.getByTestId("saved-reports").getByRole("alert");
    await expect.poll(() => refusal.textContent()).toBe("Each recipient must be an email address");
    await screenshotBoth(page, "analytics-10-report-email-refused");
  });

  it("is not offered to agents", async () => {
    const page = await e2e.newPage({ as: "agent" });
    await page.goto(`${e2e.stack.builderUrl}/inbox`);
    await page.getByRole("link", { name: "Inbox" }).first().waitFor();
    await expect(page.getByRole("link", { name: "Analytics" }).count()).resolves.toBe(0);
    await page.goto(`${e2e.stack.builderUrl}/analytics`);
    await page.getByTestId("not-allowed").waitFor();
  });
});

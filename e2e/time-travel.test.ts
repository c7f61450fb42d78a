// A conversation's path in the browser, as the owner: a finished real conversation whose order
// lookup failed is opened from the inbox; the pinned version's canvas shows the path lit and the
// failed step red, the timeline lists the steps with their messages, selecting a step on either
// side shows it on the other, and "re-run from this step" chats with a test conversation that
// starts at that step; the flow editor's versions drawer lists the conversation and opens its
// path. At desktop and phone widths.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;
let conversationId: string;

beforeAll(async () => {
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Order lookup" }));
  const at = (i: number) => ({ x: 0, y: i * 160 });
  const graph: FlowGraph = {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at(0), config: {} },
      { id: "ask", kind: "ask", label: "Order number", position: at(1), config: { question: "Which order?", variable: "order" } },
      // Loopback is refused by the HTTP step's network guard: the lookup always fails.
      { id: "lookup", kind: "http_request", label: "Look up the order", position: at(2), config: { url: "http://127.0.0.1:9/orders/{{order}}", responseMapping: "order_status = body.status" } },
      { id: "tell", kind: "message", label: "Tell the status", position: { x: -320, y: 480 }, config: { text: "Order {{order}} is {{order_status}}." } },
      { id: "sorry", kind: "message", label: "Apology", position: at(3), config: { text: "Sorry, I cannot look up order {{order}} now." } },
      { id: "end", kind: "end", position: at(4), config: { status: "resolved" } },
    ],
    edges: [
      ["start", "next", "ask"],
      ["ask", "answered", "lookup"],
      ["ask", "invalid", "sorry"],
      ["ask", "timeout", "sorry"],
      ["lookup", "success", "tell"],
      ["lookup", "error", "sorry"],
      ["tell", "next", "end"],
      ["sorry", "next", "end"],
    ].map(([source, sourcePort, target]) => ({ id: `${source}-${sourcePort}-${target}`, source: source!, sourcePort: sourcePort!, target: target! })),
  };
  await api.flows.saveDraft.mutate({ id: flowId, graph });
  await api.flows.publish.mutate({ id: flowId, note: "first" });
  const started = await api.conversations.start.mutate({ flowId, contact: { name: "Dana Doe" } });
  conversationId = started.conversationId;
  await api.conversations.send.mutate({ conversationId, text: "A-17" });
});

const nodeClass = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute("class");

describe("a conversation's path", () => {
  it("opens from the inbox with the lit path and the timeline, and re-runs from a step", async () => {
    const api = await e2e.stack.api("owner");
    await expect.poll(async () => (await api.conversations.get.query({ id: conversationId })).status, { timeout: 20_000 }).toBe("resolved");
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/inbox/${conversationId}`);
    await page.getByTestId("open-path").waitFor();
    await screenshot(page, "time-travel-inbox-1440");
    await page.getByTestId("open-path").click();
    await page.getByTestId("path-view").waitFor();
    await page.waitForURL(`**/flows/${flowId}/conversations/${conversationId}`);

    // The path is lit; the failed lookup is red with its figures above it; the unused exit is not.
    await expect.poll(() => nodeClass(page, "ask")).toMatch(/visited/);
    expect(await nodeClass(page, "lookup")).toMatch(/failed/);
    expect(await nodeClass(page, "tell")).not.toMatch(/visited|failed/);
    expect(await page.locator('.react-flow__edge[data-id="lookup-error-sorry"]').getAttribute("class")).toMatch(/followed/);
    expect(await page.getByTestId("path-figure-lookup").textContent()).toContain("failed");
    expect(await page.getByTestId("path-step-count").textContent()).toBe("5 steps");

    // The timeline: the steps in order with the messages written at each.
    const timeline = page.getByTestId("path-timeline");
    const entries = timeline.locator(":scope > li");
    expect(await entries.count()).toBe(5);
    expect(await entries.nth(1).textContent()).toContain("Which order?");
    expect(await entries.nth(1).textContent()).toContain("A-17");
    const lookupEntry = entries.nth(2);
    expect(await lookupEntry.getAttribute("data-failed")).toBe("true");
    expect(await lookupEntry.textContent()).toMatch(/Look up the order.*error/);
    await screenshot(page, "time-travel-0-path-1440");

    // The canvas selects in the timeline, and the timeline shows its step's variables.
    await page.getByTestId("path-figure-lookup").click();
    await expect.poll(() => lookupEntry.getAttribute("data-selected")).toBe("true");
    expect(await lookupEntry.textContent()).toContain('"A-17"');
    await page.getByTestId("path-step-2").click();
    await expect.poll(() => entries.nth(1).getAttribute("data-selected")).toBe("true");
    await screenshot(page, "time-travel-1-selected-1440");

    // Re-run from the question: a test conversation asks it again, and answers a new order.
    await entries.nth(1).getByTestId("path-rerun").click();
    const chat = page.getByTestId("path-rerun-chat");
    await chat.getByTestId("path-rerun-log").getByText("Which order?").waitFor();
    await chat.getByTestId("path-rerun-input").fill("B-2");
    await chat.getByTestId("path-rerun-input").press("Enter");
    await chat.getByText("Sorry, I cannot look up order B-2 now.").waitFor();
    await expect.poll(() => chat.getByTestId("path-rerun-status").textContent()).toBe("resolved");
    await screenshot(page, "time-travel-2-rerun-1440");

    // A phone, opened there: the canvas fitted above, the timeline below, the re-run chat in its place.
    const phone = await e2e.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${e2e.stack.builderUrl}/flows/${flowId}/conversations/${conversationId}`);
    const phoneTimeline = phone.getByTestId("path-timeline");
    await phoneTimeline.waitFor();
    await expect.poll(() => nodeClass(phone, "lookup")).toMatch(/failed/);
    expect((await phoneTimeline.boundingBox())?.width).toBeLessThanOrEqual(390);
    await screenshot(phone, "time-travel-3-timeline-390");
    await phone.getByTestId("path-step-2").click();
    await phoneTimeline.getByTestId("path-rerun").click();
    const phoneChat = phone.getByTestId("path-rerun-chat");
    await phoneChat.getByTestId("path-rerun-log").getByText("Which order?").waitFor();
    expect((await phoneChat.boundingBox())?.width).toBeLessThanOrEqual(390);
    await screenshot(phone, "time-travel-4-rerun-390");
    await phoneChat.getByTestId("path-rerun-close").click();
    await phoneTimeline.waitFor();

    // The flow editor lists the flow's recent conversations in its versions drawer; each opens its path.
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("versions-button").click();
    const recent = page.getByTestId("recent-conversations");
    await recent.getByTestId("recent-conversation").first().waitFor();
    expect(await recent.getByTestId("recent-conversation").count()).toBe(1);
    expect(await recent.textContent()).toContain("Dana Doe");
    await screenshot(page, "time-travel-5-recent-1440");
    await recent.getByTestId("recent-conversation").click();
    await page.waitForURL(`**/flows/${flowId}/conversations/${conversationId}`);
    await page.getByTestId("path-timeline").waitFor();

    // The re-runs stay out of the inbox.
    const inbox = await api.conversations.list.query({ limit: 200 });
    expect(inbox.filter((conversation) => conversation.flowName === "Order lookup").map((conversation) => conversation.id)).toEqual([conversationId]);
  });
});

// The flow editor's simulator in the browser, as the owner: open a flow, open the simulator, give
// the HTTP step a canned answer, chat with the draft, skip its hour-long wait, and see the path
// lit on the canvas, the steps with the canned call and the variables; at desktop and phone widths.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;

beforeAll(async () => {
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Order status" }));
  const at = (i: number) => ({ x: (i % 2) * 40, y: i * 150 });
  const graph: FlowGraph = {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at(0), config: {} },
      { id: "greet", kind: "message", label: "Greeting", position: at(1), config: { text: "Hi! I can look up your order." } },
      { id: "ask", kind: "ask", label: "Order number", position: at(2), config: { question: "Which order?", variable: "order" } },
      { id: "hold", kind: "wait", label: "Hold an hour", position: at(3), config: { mode: "delay", minutes: 60 } },
      // Never reached: the test answers it from a canned response (port 9 is discard).
      { id: "lookup", kind: "http_request", label: "Look up the order", position: at(4), config: { url: "http://127.0.0.1:9/orders/{{order}}", responseMapping: "order_status = body.order.status" } },
      { id: "tell", kind: "message", label: "Tell the status", position: at(5), config: { text: "Order {{order}} is {{order_status}}." } },
      { id: "sorry", kind: "message", label: "Apology", position: { x: 420, y: 600 }, config: { text: "Sorry, that went wrong." } },
      { id: "end", kind: "end", position: at(6), config: { status: "resolved" } },
    ],
    edges: [
      ["start", "next", "greet"],
      ["greet", "next", "ask"],
      ["ask", "answered", "hold"],
      ["ask", "invalid", "sorry"],
      ["ask", "timeout", "sorry"],
      ["hold", "next", "lookup"],
      ["lookup", "success", "tell"],
      ["lookup", "error", "sorry"],
      ["tell", "next", "end"],
      ["sorry", "next", "end"],
    ].map(([source, sourcePort, target]) => ({ id: `${source}-${sourcePort}-${target}`, source: source!, sourcePort: sourcePort!, target: target! })),
  };
  await api.flows.saveDraft.mutate({ id: flowId, graph });
});

const nodeClass = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute("class");
const log = (page: Page) => page.getByTestId("simulator-log");

describe("the simulator", () => {
  it("chats with the draft, skips the wait, answers the HTTP step from a canned response and lights the path", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("simulate-button").click();
    const panel = page.getByTestId("simulator-panel");

    // A canned answer for the lookup.
    await panel.getByTestId("simulator-tab-canned").click();
    const canned = panel.getByTestId("canned-lookup");
    await canned.getByText("Canned", { exact: true }).click();
    await canned.locator("textarea").fill('{ "order": { "status": "shipped" } }');
    await screenshot(page, "simulator-0-canned");

    await panel.getByTestId("simulator-tab-chat").click();
    await panel.getByTestId("simulator-start").click();
    await log(page).getByText("Which order?").waitFor();
    await panel.getByTestId("simulator-input").fill("A-17");
    await panel.getByTestId("simulator-input").press("Enter");
    // The flow waits an hour at the wait step: it is the current step on the canvas.
    await log(page).getByText("Waiting at Hold an hour").waitFor();
    await expect.poll(() => nodeClass(page, "hold")).toMatch(/current/);
    expect(await nodeClass(page, "greet")).toMatch(/visited/);
    expect(await nodeClass(page, "sorry")).not.toMatch(/visited|current/);
    await screenshot(page, "simulator-1-waiting");

    await panel.getByTestId("simulator-skip").click();
    await log(page).getByText("Order A-17 is shipped.").waitFor();
    await expect.poll(() => panel.getByTestId("simulator-status").textContent()).toBe("resolved");
    await expect.poll(() => nodeClass(page, "tell")).toMatch(/visited/);
    expect(await nodeClass(page, "sorry")).not.toMatch(/visited/);
    expect(await page.locator('.react-flow__edge[data-id="lookup-success-tell"]').getAttribute("class")).toMatch(/followed/);

    // The steps, with the canned call and the variables after it.
    await panel.getByTestId("simulator-tab-steps").click();
    const steps = panel.getByTestId("simulator-steps");
    const lookup = steps.locator("details", { hasText: "Look up the order" });
    expect(await lookup.textContent()).toContain("canned");
    await lookup.locator("summary").click();
    expect(await lookup.textContent()).toContain('"order_status": "shipped"');
    const variables = await panel.getByTestId("simulator-variables").first().textContent();
    expect(variables).toContain('order"A-17"');
    expect(variables).toContain('order_status"shipped"');
    await screenshot(page, "simulator-2-steps-1440");

    // A phone: the panel is a full-width sheet, still usable.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = await panel.boundingBox();
    expect(box?.width).toBe(390);
    expect(box!.y).toBeGreaterThan(0);
    await panel.getByTestId("simulator-tab-chat").click();
    expect(await panel.getByTestId("simulator-restart").isVisible()).toBe(true);
    await screenshot(page, "simulator-3-chat-390");
    await panel.getByTestId("simulator-tab-steps").click();
    await screenshot(page, "simulator-4-steps-390");

    // Nothing of it reaches the inbox.
    const api = await e2e.stack.api("owner");
    const inbox = await api.conversations.list.query({ limit: 200 });
    expect(inbox.some((conversation) => conversation.flowName === "Order status")).toBe(false);
  });
});

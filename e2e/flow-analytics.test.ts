// The flow editor's analytics overlay, as the owner: three real conversations of a published flow
// (two whose order lookup fails, one customer who never answers); the Analytics toggle puts each
// step's visits, drop-off, errors and timings over it and weights the connections by traffic; the
// version picker narrows to one version. At desktop and phone widths.
import { beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
/** The browser's window, as far as this test reads it (the root tsconfig has no DOM types). */
type ComputedStyles = { getComputedStyle(element: unknown): { strokeWidth: string } };
let flowId: string;

beforeAll(async () => {
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Order analytics" }));
  const at = (i: number) => ({ x: 0, y: i * 170 });
  const graph: FlowGraph = {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at(0), config: {} },
      { id: "ask", kind: "ask", label: "Order number", position: at(1), config: { question: "Which order?", variable: "order" } },
      // Loopback is refused by the HTTP step's network guard: the lookup always fails.
      { id: "lookup", kind: "http_request", label: "Look up the order", position: at(2), config: { url: "http://127.0.0.1:9/orders/{{order}}", responseMapping: "order_status = body.status" } },
      { id: "tell", kind: "message", label: "Tell the status", position: { x: -340, y: 510 }, config: { text: "Order {{order}} is {{order_status}}." } },
      { id: "sorry", kind: "message", label: "Apology", position: at(3), config: { text: "Sorry, I cannot look up order {{order}} now." } },
      { id: "end", kind: "end", position: at(4), config: { status: "resolved" } },
    ],
    edges: [
      ["start", "next", "ask"],
      ["ask", "answered", "lookup"],
      ["lookup", "success", "tell"],
      ["lookup", "error", "sorry"],
      ["tell", "next", "end"],
      ["sorry", "next", "end"],
    ].map(([source, sourcePort, target]) => ({ id: `${source}-${sourcePort}-${target}`, source: source!, sourcePort: sourcePort!, target: target! })),
  };
  await api.flows.saveDraft.mutate({ id: flowId, graph });
  await api.flows.publish.mutate({ id: flowId, note: "first" });
  for (const order of ["A-1", "A-2", null]) {
    const { conversationId } = await api.conversations.start.mutate({ flowId });
    if (order) await api.conversations.send.mutate({ conversationId, text: order });
  }
});

describe("the flow editor's analytics overlay", () => {
  it("shows per-step figures and weighted connections, by version, at desktop and phone widths", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("node-lookup").waitFor();
    expect(await page.getByTestId("analytics-badge-lookup").count()).toBe(0);

    await page.getByTestId("analytics-toggle").click();
    expect(await page.getByTestId("analytics-toggle").getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.getByTestId("analytics-total").textContent()).toBe("3 conversations");
    const text = (id: string) => page.getByTestId(id).textContent();
    expect(await text("analytics-visits-ask")).toBe("3 visits");
    expect(await text("analytics-dropoff-ask")).toBe("33% left");
    expect(await text("analytics-visits-lookup")).toBe("2 visits");
    expect(await text("analytics-errors-lookup")).toBe("2 err");
    expect(await text("analytics-dropoff-end")).toBe("67% left");
    expect(await text("analytics-badge-tell")).toBe("no visits");
    const edge = page.locator('.react-flow__edge[data-id="lookup-error-sorry"]');
    expect(await edge.locator(".react-flow__edge-text").textContent()).toBe("2");
    const width = (id: string) => page.locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`).evaluate((path) => (path.ownerDocument.defaultView as unknown as ComputedStyles).getComputedStyle(path).strokeWidth);
    expect(await width("start-next-ask")).toBe("7px");
    expect(await width("lookup-success-tell")).toBe("1.5px");
    await screenshot(page, "flow-analytics-0-overlay-1440");

    // One version: the picker lists the published one; the figures stay the same (it is the only one).
    await page.getByTestId("analytics-version").selectOption({ label: "v1" });
    await expect.poll(() => page.getByTestId("analytics-total").textContent()).toBe("3 conversations");

    // Off again: no badges, plain connections.
    await page.getByTestId("analytics-toggle").click();
    expect(await page.getByTestId("analytics-badge-lookup").count()).toBe(0);
    expect(await page.getByTestId("analytics-bar").count()).toBe(0);

    const phone = await e2e.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await phone.getByTestId("analytics-toggle").click();
    await expect.poll(() => phone.getByTestId("analytics-total").textContent()).toBe("3 conversations");
    expect((await phone.getByTestId("analytics-bar").boundingBox())!.width).toBeLessThanOrEqual(390);
    await screenshot(phone, "flow-analytics-1-overlay-390");
  });
});

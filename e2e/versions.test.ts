// A flow's versions in the browser, as the owner: edit a step and publish with a note, see both
// versions with who and why, compare them (the edited step is highlighted, with the field that
// changed), restore version 1 as the draft, and a Publish button that is off when nothing changed.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;

beforeAll(async () => {
  // Version 1, published by the owner through the API: start → greeting → end.
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Greeter" }));
  const graph: FlowGraph = {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "greet", kind: "message", label: "Greeting", position: { x: 0, y: 160 }, config: { text: "Hello!" } },
      { id: "end", kind: "end", position: { x: 0, y: 320 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "start-next-greet", source: "start", sourcePort: "next", target: "greet" },
      { id: "greet-next-end", source: "greet", sourcePort: "next", target: "end" },
    ],
  };
  await api.flows.saveDraft.mutate({ id: flowId, graph });
  await api.flows.publish.mutate({ id: flowId, note: "First greeting" });
});

const publishButton = (page: Page) => page.getByTestId("publish");

describe("flow versions", () => {
  it("publishes with a note, lists and compares versions, restores one, and keeps Publish off when nothing changed", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);

    // Nothing changed since version 1: Publish is off, and says why.
    await expect.poll(() => publishButton(page).isDisabled()).toBe(true);
    expect(await page.getByTestId("publish-hint").textContent()).toBe("No changes since v1");

    // Edit the greeting and publish with a note.
    await page.getByTestId("node-greet").click();
    await page.getByTestId("field-text").fill("Welcome to Parley!");
    await expect.poll(() => publishButton(page).isEnabled()).toBe(true);
    await publishButton(page).click();
    await page.getByTestId("publish-note").fill("Warmer welcome");
    await page.getByTestId("publish-confirm").click();
    await page.getByText("Published version 2.").waitFor();
    // The fix: right after publishing, the canvas is what is live, so Publish is off again.
    await expect.poll(() => publishButton(page).isDisabled()).toBe(true);

    // Two versions, newest first, with who published them and why.
    await page.getByTestId("versions-button").click();
    const panel = page.getByTestId("versions-panel");
    await panel.getByTestId("version-2").waitFor();
    expect(await panel.getByTestId("version-2").getByTestId("version-note").textContent()).toBe("Warmer welcome");
    expect(await panel.getByTestId("version-1").getByTestId("version-note").textContent()).toBe("First greeting");
    expect(await panel.getByTestId("version-2").textContent()).toContain("by Ada Admin");
    await screenshot(page, "versions-1-panel");

    // Compare version 2 with the one before: the greeting is the changed step.
    await panel.getByTestId("version-2").getByTestId("version-compare-previous").click();
    const view = page.getByTestId("version-view");
    await view.getByTestId("diff-changed-greet").waitFor();
    expect(await view.getByTestId("version-banner").textContent()).toContain("Comparing version 1 with version 2");
    expect(await view.locator('.react-flow__node[data-id="greet"]').getAttribute("class")).toMatch(/changed/);
    expect(await view.locator('.react-flow__node[data-id="start"]').getAttribute("class")).not.toMatch(/changed|added|removed/);
    const change = await view.getByTestId("diff-changed-greet").textContent();
    expect(change).toContain("“Hello!”");
    expect(change).toContain("“Welcome to Parley!”");
    await screenshot(page, "versions-2-compare");
    await view.getByTestId("back-to-draft").click();
    await view.waitFor({ state: "detached" });

    // Open version 1 read-only.
    await page.getByTestId("versions-button").click();
    await panel.getByTestId("version-1").getByTestId("version-open").click();
    expect(await page.getByTestId("version-banner").textContent()).toContain("Viewing version 1 — read only");
    await page.getByTestId("back-to-draft").click();
    await page.getByTestId("versions-button").click();

    // Restore version 1 as the draft: the canvas shows its greeting, and it may be published.
    await panel.getByTestId("version-1").getByTestId("version-restore").click();
    await page.getByTestId("restore-dialog").getByTestId("confirm-submit").click();
    await page.getByText("The draft is a copy of version 1 now.").waitFor();
    await page.getByTestId("node-greet").getByText("Hello!").waitFor();
    expect(await page.getByTestId("save-state").textContent()).toMatch(/^Saved/);
    await expect.poll(() => publishButton(page).isEnabled()).toBe(true);
    const draft = await e2e.stack.database.db.flowVersion.findFirstOrThrow({ where: { flowId, published: false } });
    expect((draft.graph as unknown as FlowGraph).nodes.find((node) => node.id === "greet")!.config.text).toBe("Hello!");
  });
});

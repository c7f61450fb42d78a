// Replay-gated publishing in the browser, as the owner: two real conversations ran on version 1;
// the admin edits a reply on the canvas, opens Publish, checks against recent conversations and
// sees which conversation's reply would change (old and new text, a link to the original) and
// which stays the same, then publishes with a note anyway; at desktop and phone widths. Then a
// simulator session is saved as a test case that passes, and fails with its difference after an edit.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;
const recorded: Record<string, string> = {};

beforeAll(async () => {
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Plans" }));
  const at = (i: number) => ({ x: (i % 2) * 60, y: i * 150 });
  const graph: FlowGraph = {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: at(0), config: {} },
      { id: "ask", kind: "ask", label: "Which plan", position: at(1), config: { question: "Which plan are you on?", variable: "plan" } },
      { id: "check", kind: "condition", label: "Pro?", position: at(2), config: { if: 'plan == "pro"' } },
      { id: "thank", kind: "message", label: "Thank pro", position: at(3), config: { text: "Thanks, pro customer!" } },
      { id: "offer", kind: "message", label: "Offer pro", position: { x: 420, y: 450 }, config: { text: "Have a look at pro." } },
      { id: "end", kind: "end", position: at(4), config: { status: "resolved" } },
    ],
    edges: [
      ["start", "next", "ask"],
      ["ask", "answered", "check"],
      ["ask", "invalid", "end"],
      ["ask", "timeout", "end"],
      ["check", "if", "thank"],
      ["check", "else", "offer"],
      ["thank", "next", "end"],
      ["offer", "next", "end"],
    ].map(([source, sourcePort, target]) => ({ id: `${source}-${sourcePort}-${target}`, source: source!, sourcePort: sourcePort!, target: target! })),
  };
  await api.flows.saveDraft.mutate({ id: flowId, graph });
  await api.flows.publish.mutate({ id: flowId, note: "Plans" });
  for (const plan of ["pro", "free"]) {
    const started = await api.conversations.start.mutate({ flowId });
    await api.conversations.send.mutate({ conversationId: started.conversationId, text: plan });
    recorded[plan] = started.conversationId;
  }
});

async function checkBeforePublishing(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.getByTestId("publish").click();
  const dialog = page.getByTestId("publish-dialog");
  await dialog.getByTestId("replay-check").click();
  // The check runs in the background: the summary says "Replaying n of 2…" until it is done.
  const summary = dialog.getByTestId("replay-summary");
  await summary.filter({ hasText: "replayed:" }).waitFor();
  expect(await summary.textContent()).toBe("2 conversations replayed: 1 reply differs · 1 same");
  return dialog;
}

describe("replay-gated publish", () => {
  it("shows which recent conversations would get another reply before publishing, and publishes with the note", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("node-thank").click();
    await page.getByTestId("field-text").fill("Welcome back, pro!");

    const dialog = await checkBeforePublishing(page, 1440);
    const rows = dialog.getByTestId("replay-row");
    // Differences first: the pro customer's thanks changes, the free customer's offer does not.
    const changed = rows.nth(0);
    expect(await changed.getAttribute("data-verdict")).toBe("reply");
    expect(await changed.locator("del").textContent()).toBe("Thanks, pro customer!");
    expect(await changed.locator("ins").textContent()).toBe("Welcome back, pro!");
    expect(await changed.getByRole("link", { name: "Open conversation" }).getAttribute("href")).toBe(`/inbox/${recorded.pro}`);
    expect(await rows.nth(1).getAttribute("data-verdict")).toBe("same");
    expect(await rows.nth(1).getByRole("link").getAttribute("href")).toBe(`/inbox/${recorded.free}`);
    await screenshot(page, "gated-publish-1-desktop");

    // At phone width the same check fits the dialog.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await checkBeforePublishing(page, 390);
    await screenshot(page, "gated-publish-2-phone");

    // Advisory: publishing with the note goes ahead as before.
    await page.setViewportSize({ width: 1440, height: 900 });
    await dialog.getByTestId("publish-note").fill("Warmer thanks");
    await dialog.getByTestId("publish-confirm").click();
    await page.getByText("Published version 2.").waitFor();
  });

  it("saves a simulator session as a test case that passes, then fails after an edit", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("simulate-button").click();
    const panel = page.getByTestId("simulator-panel");
    await panel.getByTestId("simulator-start").click();
    const log = panel.getByTestId("simulator-log");
    await log.getByText("Which plan are you on?").waitFor();
    await panel.getByTestId("simulator-input").fill("pro");
    await panel.getByTestId("simulator-input").press("Enter");
    await log.getByText("Welcome back, pro!").waitFor();
    await panel.getByTestId("simulator-status").filter({ hasText: "resolved" }).waitFor();

    await panel.getByTestId("simulator-tab-tests").click();
    await panel.getByTestId("test-case-name").fill("Pro customer is thanked");
    await panel.getByTestId("test-case-save").click();
    const testCase = panel.getByTestId("test-case");
    await testCase.getByText("Pro customer is thanked").waitFor();
    await panel.getByTestId("test-cases-run-all").click();
    await panel.locator('[data-testid="test-case"][data-result="passed"]').waitFor();

    // Another thank-you on the canvas: running the case saves the draft and shows what changed.
    await page.getByTestId("node-thank").click();
    await page.getByTestId("field-text").fill("Hi pro");
    await testCase.getByTestId("test-case-run").click();
    await panel.locator('[data-testid="test-case"][data-result="failed"]').waitFor();
    expect(await testCase.getByTestId("test-case-difference").textContent()).toBe("Reply 2: expected “Welcome back, pro!”, got “Hi pro”.");
    await screenshot(page, "gated-publish-3-test-case-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "gated-publish-4-test-case-390");
  });
});

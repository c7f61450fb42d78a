// Sticky notes and flow management in the browser, as the owner: add a note from the canvas
// tools, type into it, undo and redo it, recolour and resize it, add one with N and delete it, save and
// reload to find it, see it in a published version and a comparison, rename the flow from the
// editor; then rename, duplicate and delete flows from the list, and the refusal to
// delete a flow while a conversation on it is open.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;
let supportFlowId: string;

beforeAll(async () => {
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Refunds", description: "Money back questions" }));
  const support = await e2e.stack.database.db.flow.findFirst({ where: { name: "Support with a human" } });
  if (!support) throw new Error('the demo seed has no "Support with a human" flow');
  supportFlowId = support.id;
});

const notes = (page: Page) => page.locator(".react-flow__node-note");
const noteTexts = (page: Page) => page.locator(".react-flow__node-note textarea").evaluateAll((areas) => areas.map((area) => (area as unknown as { value: string }).value));

describe("sticky notes on the canvas", () => {
  let page: Page;

  it("adds a note, types into it, undoes and redoes it, recolours it, and deletes another", async () => {
    page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("node-start").waitFor();

    await page.getByTestId("add-note").click();
    await expect.poll(() => notes(page).count()).toBe(1);
    // The new note has the focus: typing goes into it.
    await page.keyboard.type("Ask legal before changing the refund wording.");
    await expect.poll(() => noteTexts(page)).toEqual(["Ask legal before changing the refund wording."]);

    // Typing is one step, adding another.
    await page.getByTestId("undo").click();
    await expect.poll(() => noteTexts(page)).toEqual([""]);
    await page.getByTestId("undo").click();
    await expect.poll(() => notes(page).count()).toBe(0);
    await page.getByTestId("redo").click();
    await page.getByTestId("redo").click();
    await expect.poll(() => noteTexts(page)).toEqual(["Ask legal before changing the refund wording."]);

    // Selected, the note offers its colours.
    await notes(page).first().click({ position: { x: 20, y: 6 } });
    await page.getByRole("button", { name: "Blue" }).click();
    await expect.poll(() => notes(page).first().getByTestId(/^note-/).getAttribute("data-color")).toBe("blue");
    await screenshot(page, "notes-1-desktop");

    // Dragging the corner handle resizes it, as one undo step.
    const width = () => notes(page).first().evaluate((element) => (element as unknown as { offsetWidth: number }).offsetWidth);
    const before = await width();
    const corner = await notes(page).first().locator(".react-flow__resize-control.handle.bottom.right").boundingBox();
    if (!corner) throw new Error("the selected note shows no resize handle");
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    await page.mouse.down();
    for (const step of [20, 40, 60, 80]) await page.mouse.move(corner.x + step, corner.y + step / 2);
    await page.mouse.up();
    await expect.poll(width).toBeGreaterThan(before + 40);
    await page.getByTestId("undo").click();
    await expect.poll(width).toBe(before);
    await page.getByTestId("redo").click();
    await expect.poll(width).toBeGreaterThan(before + 40);

    // N on the canvas adds a second note; its toolbar deletes it.
    await page.locator(".react-flow__pane").click({ position: { x: 30, y: 30 } });
    await page.keyboard.press("n");
    await expect.poll(() => notes(page).count()).toBe(2);
    await page.getByRole("button", { name: "Delete note" }).click();
    await expect.poll(() => notes(page).count()).toBe(1);
  });

  it("saves the note with the draft and shows it again after a reload", async () => {
    await page.getByTestId("save-draft").click();
    await expect.poll(() => page.getByTestId("save-state").textContent()).toMatch(/^Saved/);
    const stored = await e2e.stack.database.db.flowVersion.findFirstOrThrow({ where: { flowId, published: false } });
    expect((stored.graph as { notes?: { text: string; color: string }[] }).notes?.map((note) => [note.text, note.color])).toEqual([
      ["Ask legal before changing the refund wording.", "blue"],
    ]);

    await page.reload();
    await page.getByTestId("node-start").waitFor();
    await expect.poll(() => noteTexts(page)).toEqual(["Ask legal before changing the refund wording."]);
    await expect(page.getByTestId("undo").isDisabled()).resolves.toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator(".react-flow__controls-fitview").click();
    await screenshot(page, "notes-2-phone");
  });

  it("publishes the note with the version, shows it read-only there, and lists a reworded note in a comparison", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId("publish").click();
    await page.getByTestId("publish-confirm").click();
    await expect.poll(() => page.getByTestId("published-version").textContent()).toContain("v1");

    await page.getByTestId("versions-button").click();
    const panel = page.getByTestId("versions-panel");
    await panel.getByTestId("version-1").getByTestId("version-open").click();
    const view = page.getByTestId("version-view");
    await expect.poll(() => view.locator(".react-flow__node-note").textContent()).toContain("Ask legal before changing the refund wording.");
    await expect(view.locator(".react-flow__node-note textarea").count()).resolves.toBe(0);
    await view.getByTestId("back-to-draft").click();

    // Reworded in the draft: the comparison with version 1 lists the note's change.
    await notes(page).first().locator("textarea").fill("Legal approved the wording.");
    await page.getByTestId("versions-button").click();
    await panel.getByTestId("version-1").getByTestId("version-compare-draft").click();
    await expect.poll(() => view.getByTestId("diff-list").textContent()).toContain("Note changed: Legal approved the wording.");
    await screenshot(page, "notes-3-compare");
    await view.getByTestId("back-to-draft").click();

    // Tidying up the layout moves steps, never notes.
    type Styled = { style: { transform: string } };
    const noteTransform = () => notes(page).first().evaluate((element) => (element as unknown as Styled).style.transform);
    const startTransform = () => page.locator('.react-flow__node[data-id="start"]').evaluate((element) => (element as unknown as Styled).style.transform);
    const [noteBefore, startBefore] = [await noteTransform(), await startTransform()];
    await page.getByTestId("auto-layout").click();
    await expect.poll(startTransform).not.toBe(startBefore);
    expect(await noteTransform()).toBe(noteBefore);

    // The flow is renamed from the editor's header too, without touching the canvas.
    await page.getByTestId("editor-rename").click();
    const dialog = page.getByTestId("rename-flow-dialog");
    await dialog.getByLabel("Name").fill("Refund rules");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByTestId("editor-flow-name").textContent()).toBe("Refund rules");
    await expect.poll(() => noteTexts(page)).toEqual(["Legal approved the wording."]);
    await page.close();
  });
});

describe("managing flows from the list", () => {
  let page: Page;
  const row = (id: string) => page.getByTestId(`flow-row-${id}`);

  it("renames a flow, and refuses a name another flow already has", async () => {
    page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows`);
    await row(flowId).getByTestId("rename-flow").click();
    const dialog = page.getByTestId("rename-flow-dialog");
    await dialog.getByLabel("Name").fill("support with a HUMAN");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByRole("alert").textContent()).resolves.toContain('Another flow is already called "Support with a human"');

    await dialog.getByLabel("Name").fill("Refunds and returns");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row(flowId).textContent()).toContain("Refunds and returns");
    await expect(dialog.isVisible()).resolves.toBe(false);
  });

  it("duplicates a flow as an unpublished copy, then deletes the copy after confirming", async () => {
    await row(flowId).getByTestId("duplicate-flow").click();
    await expect.poll(() => page.getByTestId("flow-action-message").textContent()).toContain("Created “Refunds and returns (copy)”");
    const copy = await e2e.stack.database.db.flow.findFirstOrThrow({ where: { name: "Refunds and returns (copy)" } });
    await expect.poll(() => row(copy.id).textContent()).toContain("Draft only");
    await screenshot(page, "flows-1-desktop");

    await row(copy.id).getByTestId("delete-flow").click();
    const confirm = page.getByTestId("delete-flow-dialog");
    await expect(confirm.textContent()).resolves.toContain("Delete “Refunds and returns (copy)”?");
    await screenshot(page, "flows-2-confirm-delete");
    await confirm.getByTestId("confirm-submit").click();
    await expect.poll(() => row(copy.id).count()).toBe(0);
    await expect.poll(async () => (await e2e.stack.database.db.flow.findUniqueOrThrow({ where: { id: copy.id } })).deletedAt).not.toBeNull();
  });

  it("refuses to delete a flow while one of its conversations is open, and says why", async () => {
    const api = await e2e.stack.api("owner");
    await api.conversations.start.mutate({ flowId: supportFlowId });
    await row(supportFlowId).getByTestId("delete-flow").click();
    const confirm = page.getByTestId("delete-flow-dialog");
    await confirm.getByTestId("confirm-submit").click();
    await expect(confirm.getByRole("alert").textContent()).resolves.toContain("still open; resolve or close");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "flows-3-phone-refused");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(row(supportFlowId).isVisible()).resolves.toBe(true);
    await screenshot(page, "flows-4-phone");
  });
});

// Canvas productivity in the flow editor, as the owner uses it: undo/redo of added steps, copy
// and paste with new ids (and a bad paste refused), duplicate, auto-layout that leaves no two
// steps on top of each other (and is undoable), and finding a step by name.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";

const e2e = e2eSession();
let flowId: string;

beforeAll(async () => {
  // Seeded: start → greet → ask_topic → sla → handoff → rate → end.
  const flow = await e2e.stack.database.db.flow.findFirst({ where: { name: "Support with a human" } });
  if (!flow) throw new Error('the demo seed has no "Support with a human" flow');
  flowId = flow.id;
});

interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every step's box in flow coordinates (React Flow positions nodes with a translate). */
async function nodeBoxes(page: Page): Promise<NodeBox[]> {
  // (Typed by hand: the root tsconfig has no DOM library.)
  type NodeElement = { dataset: Record<string, string | undefined>; style: { transform: string }; offsetWidth: number; offsetHeight: number };
  return page.locator(".react-flow__node").evaluateAll((elements) =>
    elements.map((element) => {
      const el = element as unknown as NodeElement;
      const match = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec(el.style.transform);
      return {
        id: el.dataset.id ?? "",
        // Rounded as the stored graph is: a drag leaves fractions that an undo restores rounded.
        x: Math.round(Number(match?.[1] ?? NaN)),
        y: Math.round(Number(match?.[2] ?? NaN)),
        width: el.offsetWidth,
        height: el.offsetHeight,
      };
    }),
  );
}

function overlapping(boxes: NodeBox[]): string[] {
  const pairs: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) pairs.push(`${a.id}/${b.id}`);
    }
  }
  return pairs;
}

async function nodeIds(page: Page): Promise<string[]> {
  return (await nodeBoxes(page)).map((box) => box.id).sort();
}

async function selectedIds(page: Page): Promise<string[]> {
  return page.locator(".react-flow__node.selected").evaluateAll((elements) => elements.map((el) => el.getAttribute("data-id") ?? ""));
}

/** How far (in screen pixels) a step's centre is from the canvas's centre. */
async function distanceFromCanvasCentre(page: Page, id: string): Promise<number> {
  const [node, canvas] = await Promise.all([page.getByTestId(`node-${id}`).boundingBox(), page.getByTestId("flow-canvas").boundingBox()]);
  if (!node || !canvas) return Infinity;
  return Math.hypot(node.x + node.width / 2 - (canvas.x + canvas.width / 2), node.y + node.height / 2 - (canvas.y + canvas.height / 2));
}

describe("canvas productivity in the flow editor", () => {
  let page: Page;

  it("undoes and redoes added steps, from the header and the keyboard", async () => {
    page = await e2e.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("node-greet").waitFor();
    const original = await nodeIds(page);
    await expect(page.getByTestId("undo").isDisabled()).resolves.toBe(true);

    // The first lands beside the selected step, the second beside the first: never on top.
    await page.getByTestId("node-greet").click();
    await page.getByTestId("palette-message").click();
    await page.getByTestId("palette-end").click();
    await expect.poll(() => nodeIds(page)).toHaveLength(original.length + 2);
    const withTwo = await nodeIds(page);
    expect(overlapping(await nodeBoxes(page))).toEqual([]);
    await screenshot(page, "canvas-1-two-steps-added");

    await page.getByTestId("undo").click();
    await page.getByTestId("undo").click();
    await expect.poll(() => nodeIds(page)).toEqual(original);
    await expect(page.getByTestId("save-state").textContent()).resolves.toMatch(/^Saved/);
    await page.getByTestId("redo").click();
    await page.getByTestId("redo").click();
    await expect.poll(() => nodeIds(page)).toEqual(withTwo);
    await expect(page.getByTestId("redo").isDisabled()).resolves.toBe(true);

    // The same from the keyboard, with the focus on the canvas.
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("Control+z");
    await expect.poll(() => nodeIds(page)).toHaveLength(original.length + 1);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => nodeIds(page)).toEqual(withTwo);
  });

  it("copies a step and pastes a copy with a new id; a bad paste is refused with a message", async () => {
    const before = await nodeIds(page);
    await page.getByTestId("node-ask_topic").click();
    await page.keyboard.press("Control+c");
    await page.keyboard.press("Control+v");
    await expect.poll(() => nodeIds(page)).toHaveLength(before.length + 1);
    const [copy] = (await nodeIds(page)).filter((id) => !before.includes(id));
    expect(copy).toMatch(/^ask_[a-z0-9]+$/);
    expect(copy).not.toBe("ask_topic");
    // The copy is selected and has the original's settings.
    await expect(selectedIds(page)).resolves.toEqual([copy]);
    await expect(page.getByTestId(`node-${copy}`).textContent()).resolves.toContain("What can we help you with?");
    await screenshot(page, "canvas-2-pasted-copy");

    // Ctrl+D duplicates the selection (the copy) once more.
    await page.keyboard.press("Control+d");
    await expect.poll(() => nodeIds(page)).toHaveLength(before.length + 2);

    // Text that is not copied steps is not pasted.
    const count = (await nodeIds(page)).length;
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData("text/plain", '{"type":"something-else"}');
      document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
    })()`);
    await expect(page.getByTestId("editor-banner").textContent()).resolves.toContain("Nothing pasted");
    expect(await nodeIds(page)).toHaveLength(count);

    // The start step is never copied.
    await page.getByTestId("node-start").click();
    await page.keyboard.press("Control+d");
    await expect(page.getByTestId("editor-banner").textContent()).resolves.toContain("start step cannot be copied");
    expect(await nodeIds(page)).toHaveLength(count);
  });

  it("auto-layout moves the steps so that none overlap, and is undoable", async () => {
    // Pile two steps onto one another first.
    const beforeDrag = await nodeBoxes(page);
    const greet = page.getByTestId("node-greet");
    const target = await page.getByTestId("node-ask_topic").boundingBox();
    if (!target) throw new Error("ask_topic is not on the canvas");
    await greet.hover();
    await page.mouse.down();
    await page.mouse.move(target.x + 10, target.y + 10, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => overlapping(await nodeBoxes(page)).length).toBeGreaterThan(0);
    const piled = await nodeBoxes(page);

    await page.getByTestId("auto-layout").click();
    await expect.poll(async () => overlapping(await nodeBoxes(page)), { timeout: 10_000 }).toEqual([]);
    const laidOut = await nodeBoxes(page);
    expect(laidOut.map((box) => `${box.x},${box.y}`)).not.toEqual(piled.map((box) => `${box.x},${box.y}`));
    await screenshot(page, "canvas-3-auto-layout");

    // One undo puts every step back; one more undoes the drag as a single step.
    await page.getByTestId("undo").click();
    await expect.poll(() => nodeBoxes(page)).toEqual(piled);
    await page.getByTestId("undo").click();
    await expect.poll(() => nodeBoxes(page)).toEqual(beforeDrag);
    await page.getByTestId("redo").click();
    await page.getByTestId("redo").click();
    await expect.poll(() => nodeBoxes(page)).toEqual(laidOut);
  });

  it("finds a step by name with Ctrl+F and cycles through matches", async () => {
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("Control+f");
    const search = page.getByTestId("step-search");
    await expect(search.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    await search.fill("handoff");
    await search.press("Enter");
    await expect.poll(() => selectedIds(page)).toEqual(["handoff"]);
    await expect(page.getByTestId("step-search-status").textContent()).resolves.toBe("1/1");
    // The canvas centres on the step found.
    await expect.poll(() => distanceFromCanvasCentre(page, "handoff"), { timeout: 5_000 }).toBeLessThan(20);
    await screenshot(page, "canvas-4-search-found");

    // Two ask steps now (the original and its copies): Enter moves on to the next one.
    await search.fill("ask");
    await search.press("Enter");
    const first = await selectedIds(page);
    await search.press("Enter");
    await expect.poll(() => selectedIds(page)).not.toEqual(first);
    await expect(page.getByTestId("step-search-status").textContent()).resolves.toMatch(/^2\/3$/);

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "canvas-5-editor-phone");
    await page.close();
  });
});

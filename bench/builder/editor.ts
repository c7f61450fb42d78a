// The flow editor with a big flow in headless Chromium (Debian's, through playwright-core): a
// generated 1,000-node / 1,200-edge draft (written to the database directly: the API caps flows at
// 500 nodes) is opened in the production build of the builder. Prints the load time (navigation
// until the canvas shows its steps) and the frames per second while a scripted pan drags the
// canvas (requestAnimationFrame callbacks counted in the page; goal ≥ 55 FPS). The baseline,
// measured in the same run, is the same page's frame rate while idle: what the page manages
// when the canvas does not have to move.
//
//   npx tsx bench/builder/editor.ts [--nodes 1000] [--pan-ms 3000]
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { asJson } from "@parley/db";
import { launchBrowser } from "../../e2e/support/browser";
import { startStack } from "../../e2e/support/stack";
import { generatedFlow } from "./generated-flow";

const { values } = parseArgs({ options: { nodes: { type: "string", default: "1000" }, "pan-ms": { type: "string", default: "3000" } } });
const nodeCount = Number(values.nodes);
const panMs = Number(values["pan-ms"]);
const GOAL_FPS = 55;

/** Frames per second the page draws over `durationMs` while `act` runs. */
// The page scripts are strings: tsx would wrap functions in helpers the page does not have.
const COUNT_FRAMES = `window.__bench = { frames: 0, running: true };
  const tick = () => { window.__bench.frames++; if (window.__bench.running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);`;
const STOP_COUNTING = `window.__bench.running = false; window.__bench.frames`;

async function framesPerSecond(page: Page, durationMs: number, act: () => Promise<void>): Promise<number> {
  await page.evaluate(COUNT_FRAMES);
  const start = performance.now();
  await act();
  const elapsed = Math.max(durationMs, performance.now() - start);
  const frames = (await page.evaluate(STOP_COUNTING)) as number;
  return (frames * 1000) / elapsed;
}

const [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
try {
  const { db, seed } = stack.database;
  const graph = generatedFlow(nodeCount);
  const flow = await db.flow.create({
    data: { workspaceId: seed.workspaceId, name: `Big flow (${nodeCount} nodes)`, versions: { create: { version: 1, schemaVersion: graph.schemaVersion, graph: asJson(graph) } } },
  });
  const cookie = await stack.signIn();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.context().addCookies(
    cookie
      .split("; ")
      .filter(Boolean)
      .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: stack.apiUrl, httpOnly: true, sameSite: "Lax" as const })),
  );
  page.setDefaultTimeout(120_000);

  const loadStart = performance.now();
  await page.goto(`${stack.builderUrl}/flows/${flow.id}`);
  await page.locator(".react-flow__node").first().waitFor();
  const loadMs = performance.now() - loadStart;
  const rendered = await page.locator(".react-flow__node").count();

  const idleFps = await framesPerSecond(page, panMs, () => page.waitForTimeout(panMs));
  const pane = await page.locator(".react-flow__pane").boundingBox();
  if (!pane) throw new Error("no canvas pane");
  const panFps = await framesPerSecond(page, panMs, async () => {
    const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    const steps = Math.round(panMs / 16);
    for (let i = 0; i < steps; i++) {
      // Back and forth over a 600 px swing, one move per 16 ms frame.
      const phase = Math.sin((i / steps) * Math.PI * 4);
      await page.mouse.move(centre.x + phase * 300, centre.y + phase * 150);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
  });
  console.log(`editor, ${nodeCount} nodes / ${graph.edges.length} edges (${rendered} rendered at load)`);
  console.log(`  load until the canvas shows steps  ${loadMs.toFixed(0)} ms`);
  console.log(`  panning ${panFps.toFixed(1)} FPS  | idle ${idleFps.toFixed(1)} FPS  ratio ${(panFps / idleFps).toFixed(2)}  goal ≥ ${GOAL_FPS} FPS: ${panFps >= GOAL_FPS ? "met" : "MISSED"}`);
} finally {
  await browser.close();
  await stack.stop();
}

// Calling the draft from the flow editor's simulator, on the real stack: headless Chromium (its
// microphone an espeak-ng recording) → the simulator's call mode → the real voice gateway with
// the offline engines → a *test* conversation of the draft on Temporal → the reply spoken back,
// while the path lights up on the canvas and the steps fill in; nothing reaches the inbox.
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { microphoneWav } from "./support/speech-audio";
import { attachOfflineVoiceGateway, sawCallState } from "./support/voice-gateway";

const e2e = e2eSession({
  stack: { attach: (server, services) => attachOfflineVoiceGateway(server, services) },
  // Silence while the greeting plays, then the caller's name, once (Chromium loops the file).
  browser: { fakeMicrophoneWav: microphoneWav("voice-my-name", "My name is John Smith.", { leadS: 9, trailS: 120 }) },
});
let flowId: string;

beforeAll(() => {
  flowId = e2e.stack.database.seed.flowId;
});

describe("calling the draft from the simulator", () => {
  it("talks to the draft through the voice gateway, lights its path, and keeps it out of the inbox", async () => {
    const page = await e2e.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/flows/${flowId}`);
    await page.getByTestId("simulate-button").click();
    const simulator = page.getByTestId("simulator-panel");
    await simulator.getByTestId("simulator-start-call").click();
    const call = simulator.getByTestId("call-panel");
    expect(await call.getByTestId("call-status").textContent()).toBe("Call the draft");
    await screenshot(page, "simulator-call-0-ready");

    await call.getByTestId("call-start").click();
    await page.locator('[data-testid="call-panel"][data-phase="live"]').waitFor({ timeout: 60_000 });
    await sawCallState(page, "bot-speaking");
    // The greeting's step is lit on the canvas while the bot speaks it.
    await expect.poll(() => page.locator('.react-flow__node[class*="visited"], .react-flow__node[class*="current"]').count()).toBeGreaterThan(1);

    await call.getByTestId("caption-caller").filter({ hasText: /john smith/i }).waitFor({ timeout: 90_000 });
    await call.getByTestId("caption-bot").filter({ hasText: /Thanks .*John Smith/i }).waitFor({ timeout: 60_000 });
    await screenshot(page, "simulator-call-1-answered-1440");

    // What the draft learnt from the spoken answer is in the steps' variables.
    await simulator.getByTestId("simulator-tab-steps").click();
    await expect.poll(() => simulator.getByTestId("simulator-variables").first().textContent()).toMatch(/John Smith/i);

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { test: true }, orderBy: { createdAt: "desc" } });
    expect(conversation.channel).toBe("voice");
    const api = await e2e.stack.api("owner");
    const inbox = await api.conversations.list.query({ limit: 200 });
    expect(inbox.map((listed) => listed.id)).not.toContain(conversation.id);

    // A phone: the call fits the full-width sheet.
    await page.setViewportSize({ width: 390, height: 844 });
    await simulator.getByTestId("simulator-tab-chat").click();
    expect(await call.getByTestId("call-end").isVisible()).toBe(true);
    await screenshot(page, "simulator-call-2-390");
    await call.getByTestId("call-end").click();
    await page.locator('[data-testid="call-panel"][data-phase="ended"]').waitFor();
    await call.getByRole("button", { name: "Back to typing" }).click();
    await simulator.getByTestId("simulator-log").waitFor();
  });
});

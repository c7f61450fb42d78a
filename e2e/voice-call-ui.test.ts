// The call UI in detail, against a scripted gateway (support/scripted-voice-gateway.ts: the wire
// protocol, the real conversation and espeak-ng speech, but a recogniser that knows the words), so
// every step is deterministic: what the browser sends (hello, 20 ms PCM16 frames, mute, ptt,
// barge-in, hangup), the states, captions, audio, keyboard shortcuts and the inbox listening in.
// Headless Chromium hears an espeak-ng recording as its microphone. voice-call.test.ts runs the
// same call against the real gateway and offline speech engines.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { attachScriptedVoiceGateway } from "./support/scripted-voice-gateway";
import { e2eSession } from "./support/session";
import { microphoneWav } from "./support/speech-audio";

const SAID = "Grace Hopper";
let gateway: ReturnType<typeof attachScriptedVoiceGateway>;
const script: Parameters<typeof attachScriptedVoiceGateway>[2] = { heard: SAID };
const e2e = e2eSession({
  stack: { attach: (server, _services, owner) => (gateway = attachScriptedVoiceGateway(server, owner, script)) },
  // Eight seconds of silence first: the greeting plays, the listener joins; then the caller answers.
  browser: { fakeMicrophoneWav: microphoneWav("voice-grace-hopper", `My name is ${SAID}.`, { leadS: 8, trailS: 20 }) },
});
let flowId: string;

beforeAll(() => {
  flowId = e2e.stack.database.seed.flowId;
});

/** Waits until the call panel has shown `state` (checked every animation frame, so brief states count). */
async function sawState(page: Page, state: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(`document.querySelector('[data-testid="call-panel"]')?.getAttribute("data-state") === ${JSON.stringify(state)}`, undefined, { timeout, polling: "raf" });
}

describe("the call UI (scripted gateway)", () => {
  it("talks with the published flow: states, captions, audio, shortcuts, and the inbox listening in", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await chat.getByRole("button", { name: "Call (voice)" }).click();
    const panel = chat.getByTestId("call-panel");
    await panel.waitFor();
    // Focus lands on Start call; the mode is a labelled choice.
    await expect(chat.evaluate("document.activeElement?.textContent")).resolves.toContain("Start call");
    await expect(panel.getByRole("radio", { name: /Hands-free/ }).isChecked()).resolves.toBe(true);
    await screenshot(chat, "voice-ui-1-before-the-call");

    await panel.getByRole("button", { name: "Start call" }).click();
    await chat.locator('[data-testid="call-panel"][data-phase="live"]').waitFor();
    // The shortcuts are on screen; the controls are labelled.
    const legend = panel.getByRole("list", { name: "Keyboard shortcuts" });
    await expect(legend.textContent()).resolves.toMatch(/Space.*Hold to talk.*M.*Mute.*Esc.*End call/);
    await panel.getByRole("button", { name: "Mute microphone" }).waitFor();
    await panel.getByRole("button", { name: "End call" }).waitFor();

    // The Silero VAD loads from the builder's own assets (no fallback note).
    await chat.locator('[data-testid="call-panel"][data-detector="silero"]').waitFor();
    await expect(chat.getByTestId("call-detector-note").count()).resolves.toBe(0);

    // The greeting is spoken: its audio reaches the output waveform.
    await sawState(chat, "bot-speaking");
    await screenshot(chat, "voice-ui-2-greeting-spoken");
    await chat.locator('[data-testid="waveform-output"][data-heard="true"]').waitFor();
    await sawState(chat, "listening");
    await expect(chat.getByTestId("call-announcer").textContent()).resolves.toBe("Listening");
    await screenshot(chat, "voice-ui-3-listening");

    // An agent opens the call in the inbox and listens in.
    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { channel: "voice" }, orderBy: { createdAt: "desc" } });
    const inbox = await e2e.newPage();
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    const listenIn = inbox.getByTestId("listen-in");
    await listenIn.waitFor();

    // The caller speaks (the fake microphone reaches the words).
    await sawState(chat, "user-speaking");
    await chat.locator('[data-testid="waveform-input"][data-heard="true"]').waitFor();
    await screenshot(chat, "voice-ui-4-caller-speaking");
    await panel.getByTestId("caption-caller").filter({ hasText: SAID }).waitFor();
    await panel.getByTestId("caption-bot").filter({ hasText: `Thanks ${SAID}. What can I help you with today?` }).waitFor();
    await sawState(chat, "bot-speaking");
    await screenshot(chat, "voice-ui-5-bot-replies");

    // What the browser sent: hello in hands-free mode at 16 kHz, then 20 ms PCM16 frames.
    const record = gateway.calls.find((c) => c.conversationId === conversation.id)!;
    expect(record.messages[0]).toMatchObject({ type: "hello", mode: "auto", capabilities: { sampleRate: 16000 } });
    expect([...record.frameBytes]).toEqual([640]);

    // The inbox heard it all: live state and both sides' captions; the transcript has the turn.
    await listenIn.getByTestId("caption-caller").filter({ hasText: SAID }).waitFor();
    await listenIn.getByTestId("caption-bot").filter({ hasText: `Thanks ${SAID}.` }).waitFor();
    await expect(listenIn.getByTestId("listen-state").textContent()).resolves.toMatch(/^Live call · /);
    await inbox.getByTestId("transcript").getByText(SAID, { exact: true }).waitFor();
    await screenshot(inbox, "voice-ui-6-inbox-listening-in");

    // M mutes and unmutes (aria-pressed follows; the gateway is told); Esc hangs up.
    await chat.locator("body").press("m");
    await chat.locator('[data-testid="call-mute"][aria-pressed="true"]').waitFor();
    await expect(chat.getByTestId("call-status").textContent()).resolves.toContain("muted");
    await screenshot(chat, "voice-ui-7-muted");
    await chat.locator("body").press("m");
    await chat.locator('[data-testid="call-mute"][aria-pressed="false"]').waitFor();
    expect(record.messages.filter((m) => m.type === "mute")).toEqual([
      { type: "mute", muted: true },
      { type: "mute", muted: false },
    ]);

    await chat.locator("body").press("Escape");
    await chat.locator('[data-testid="call-panel"][data-phase="ended"]').waitFor();
    await expect(chat.getByTestId("call-announcer").textContent()).resolves.toBe("Call ended");
    await expect.poll(() => record.messages.some((m) => m.type === "hangup")).toBe(true);
    await listenIn.getByTestId("listen-state").filter({ hasText: "Call ended" }).waitFor();
    await screenshot(chat, "voice-ui-8-ended");
    await screenshot(inbox, "voice-ui-9-inbox-call-ended");

    // Back to the chat: the focus returns to the Call button.
    await chat.getByRole("button", { name: "Back to chat" }).click();
    await chat.getByRole("log", { name: "Conversation" }).waitFor();
    await expect(chat.evaluate('document.activeElement?.getAttribute("data-testid")')).resolves.toBe("call-open");
    await chat.close();
    await inbox.close();
  });

  it("push-to-talk: nothing is sent until Space is held; holding it cuts the bot off (barge-in)", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await chat.getByRole("button", { name: "Call (voice)" }).click();
    const panel = chat.getByTestId("call-panel");
    await panel.getByRole("radio", { name: /Push to talk/ }).check();
    const callsBefore = gateway.calls.length;
    await panel.getByRole("button", { name: "Start call" }).click();
    await chat.locator('[data-testid="call-panel"][data-phase="live"]').waitFor();
    await sawState(chat, "bot-speaking");
    await expect.poll(() => gateway.calls.length).toBe(callsBefore + 1);
    const record = gateway.calls.at(-1)!;
    expect(record.messages[0]).toMatchObject({ type: "hello", mode: "push-to-talk" });
    // The microphone is open but the line is closed: the greeting plays, nothing goes out.
    expect(record.frames).toBe(0);

    await chat.keyboard.down("Space");
    await chat.locator('[data-testid="call-ptt"][aria-pressed="true"]').waitFor();
    await sawState(chat, "user-speaking");
    await screenshot(chat, "voice-ui-10-push-to-talk-held");
    // Playback stopped here at once and the gateway was told.
    await expect.poll(() => record.messages.map((m) => m.type)).toEqual(["hello", "ptt", "barge-in"]);
    await expect.poll(() => record.frames).toBeGreaterThan(10);
    // Held through the words: the turn ends on the silence after them and the flow answers.
    await panel.getByTestId("caption-caller").filter({ hasText: SAID }).waitFor({ timeout: 30_000 });
    await chat.keyboard.up("Space");
    await chat.locator('[data-testid="call-ptt"][aria-pressed="false"]').waitFor();
    await panel.getByTestId("caption-bot").filter({ hasText: `Thanks ${SAID}.` }).waitFor();
    const sentWhileHeld = record.frames;
    await sawState(chat, "listening");
    expect(record.frames).toBe(sentWhileHeld);
    expect(record.messages.filter((m) => m.type === "ptt")).toEqual([
      { type: "ptt", pressed: true },
      { type: "ptt", pressed: false },
    ]);
    await screenshot(chat, "voice-ui-11-push-to-talk-answered");
    await panel.getByRole("button", { name: "End call" }).click();
    await chat.locator('[data-testid="call-panel"][data-phase="ended"]').waitFor();
    await chat.close();
  });

  it("hands-free barge-in: the caller talks over the bot, playback stops here at once and the gateway is told", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByRole("button", { name: "Call (voice)" }).click();
    const panel = chat.getByTestId("call-panel");
    script.longGreeting = true;
    await panel.getByRole("button", { name: "Start call" }).click();
    await sawState(chat, "bot-speaking");
    await chat.locator('[data-testid="waveform-output"][data-heard="true"]').waitFor();
    const record = gateway.calls.at(-1)!;
    // The greeting plays for about fifteen seconds; the caller starts talking after eight.
    await sawState(chat, "user-speaking");
    await expect.poll(() => record.messages.map((m) => m.type)).toContain("barge-in");
    // Nothing of the greeting is audible any more.
    await chat.locator('[data-testid="waveform-output"][data-peak="0"]').waitFor({ timeout: 5000 });
    await screenshot(chat, "voice-ui-12-barge-in");
    await panel.getByTestId("caption-caller").filter({ hasText: SAID }).waitFor();
    await chat.keyboard.press("Escape");
    await chat.locator('[data-testid="call-panel"][data-phase="ended"]').waitFor();
    await chat.close();
  });

  it("says what went wrong: a gateway refusal, a microphone that is not allowed", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByRole("button", { name: "Call (voice)" }).click();
    const panel = chat.getByTestId("call-panel");
    script.refuse = { code: "not-found", message: "conversation c-1 not found" };
    await panel.getByRole("button", { name: "Start call" }).click();
    const alert = panel.getByRole("alert");
    await alert.filter({ hasText: "This conversation was not found" }).waitFor();
    await expect(alert.textContent()).resolves.toContain("conversation c-1 not found");
    await chat.locator('[data-testid="call-panel"][data-phase="failed"]').waitFor();
    await screenshot(chat, "voice-ui-13-gateway-refused");
    // Calling again works (a new conversation, a new socket).
    await panel.getByRole("button", { name: "Call again" }).click();
    await chat.locator('[data-testid="call-panel"][data-phase="live"]').waitFor();
    await expect(panel.getByRole("alert").count()).resolves.toBe(0);
    await chat.keyboard.press("Escape");
    await chat.close();

    // The browser refuses the microphone (as when the person clicks "Block"): headless Chromium
    // cannot show the prompt, so the page's getUserMedia answers like a blocked one does.
    const blocked = await e2e.newPage();
    await blocked.addInitScript({
      content: 'navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Permission denied", "NotAllowedError"));',
    });
    const voiceCalls = () => e2e.stack.database.db.conversation.count({ where: { channel: "voice" } });
    const before = await voiceCalls();
    await blocked.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await blocked.getByRole("button", { name: "Call (voice)" }).click();
    await blocked.getByTestId("call-panel").getByRole("button", { name: "Start call" }).click();
    const denied = blocked.locator('[data-testid="call-error"][data-code="microphone-denied"]');
    await denied.waitFor();
    await expect(denied.textContent()).resolves.toMatch(/Microphone access was denied.*Allow the microphone/);
    await screenshot(blocked, "voice-ui-14-microphone-denied");
    // The microphone is asked first: a refused one leaves no conversation behind.
    await expect(voiceCalls()).resolves.toBe(before);
    await blocked.close();
  });
});

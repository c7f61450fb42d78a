// A spoken conversation with a published flow, end to end on the real stack: headless Chromium
// (its microphone an espeak-ng recording) → the builder's call mode → the real voice gateway on
// the API server (apps/api/src/voice) with the real pipeline and offline engines (Silero VAD,
// Whisper tiny.en, espeak-ng) → the conversation workflow on Temporal → the reply spoken back;
// an agent listens in from the inbox.
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession } from "./support/session";
import { microphoneWav } from "./support/speech-audio";
import { attachOfflineVoiceGateway, sawCallState as sawState } from "./support/voice-gateway";

const e2e = e2eSession({
  stack: { attach: (server, services) => attachOfflineVoiceGateway(server, services) },
  // Silence while the greeting plays and the agent opens the inbox; then the caller answers, once:
  // Chromium loops the file, and a second answer would end the flow before the test is done.
  browser: { fakeMicrophoneWav: microphoneWav("voice-my-name", "My name is John Smith.", { leadS: 9, trailS: 120 }) },
});
let flowId: string;

beforeAll(() => {
  flowId = e2e.stack.database.seed.flowId;
});


describe("a voice call on the real gateway and offline engines", () => {
  it("greets, hears the caller's name, answers aloud; the inbox listens in; M mutes, Esc hangs up", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await chat.getByRole("button", { name: "Call (voice)" }).click();
    const panel = chat.getByTestId("call-panel");
    await panel.getByRole("button", { name: "Start call" }).click();
    await chat.locator('[data-testid="call-panel"][data-phase="live"]').waitFor({ timeout: 60_000 });
    await chat.locator('[data-testid="call-panel"][data-detector="silero"]').waitFor();

    // The gateway speaks the greeting (espeak-ng): the output waveform carries it.
    await sawState(chat, "bot-speaking");
    await chat.locator('[data-testid="waveform-output"][data-heard="true"]').waitFor();
    await screenshot(chat, "voice-1-greeting");
    await sawState(chat, "listening");
    await screenshot(chat, "voice-2-listening");

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { channel: "voice" }, orderBy: { createdAt: "desc" } });
    const inbox = await e2e.newPage();
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${conversation.id}`);
    const listenIn = inbox.getByTestId("listen-in");
    await listenIn.getByTestId("listen-state").filter({ hasText: "Listening in" }).or(listenIn.getByTestId("listen-state").filter({ hasText: "Live call" })).waitFor();

    // The caller speaks; Whisper transcribes; the workflow answers with the name; it is spoken.
    await sawState(chat, "user-speaking");
    await screenshot(chat, "voice-3-caller-speaking");
    // The turn ends: the gateway transcribes it (the words are captioned when Whisper is done).
    await sawState(chat, "thinking");
    await screenshot(chat, "voice-4-thinking");
    await panel.getByTestId("caption-caller").filter({ hasText: /john smith/i }).waitFor({ timeout: 60_000 });
    const reply = panel.getByTestId("caption-bot").filter({ hasText: /Thanks .*John Smith.*What can I help you with today\?/i });
    await reply.waitFor({ timeout: 60_000 });
    await sawState(chat, "bot-speaking");
    await screenshot(chat, "voice-5-bot-answers");

    // The agent saw both sides live, and the stored transcript has the spoken turn.
    await listenIn.getByTestId("caption-caller").filter({ hasText: /john smith/i }).waitFor();
    await listenIn.getByTestId("caption-bot").filter({ hasText: /Thanks .*John Smith/i }).waitFor();
    await inbox.getByTestId("transcript").getByText(/john smith/i).first().waitFor();
    await screenshot(inbox, "voice-6-inbox-listen-in");
    const stored = await e2e.stack.database.db.message.findMany({ where: { conversationId: conversation.id, author: "contact" } });
    expect(stored.map((m) => m.text.toLowerCase()).join(" ")).toContain("john smith");

    // Keys: M toggles mute (aria-pressed), Esc ends the call; the listener hears that it ended.
    await chat.locator("body").press("m");
    await chat.locator('[data-testid="call-mute"][aria-pressed="true"]').waitFor();
    await screenshot(chat, "voice-7-muted");
    await chat.locator("body").press("m");
    await chat.locator('[data-testid="call-mute"][aria-pressed="false"]').waitFor();
    await chat.locator("body").press("Escape");
    await chat.locator('[data-testid="call-panel"][data-phase="ended"]').waitFor();
    await listenIn.getByTestId("listen-state").filter({ hasText: "Call ended" }).waitFor();
    await screenshot(chat, "voice-8-ended");
    await screenshot(inbox, "voice-9-inbox-call-ended");
    await chat.close();
    await inbox.close();
  });
});

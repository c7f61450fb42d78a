// The live voice gateway end to end: a real Temporal dev server, worker, SQLite database, HTTP API
// with the gateway attached, the real voice pipeline and offline speech engines, and scripted
// callers on real WebSockets speaking espeak-ng audio. The stack and the flow it calls are in
// support/voice-gateway-stack.ts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { encodeWav, resample } from "@parley/voice";
import { attachVoiceGateway } from "../src";
import { createAudioCipher, createAudioStore } from "@parley/activities/voice";
import { TEST_APP_ORIGIN } from "../../../test/support/api";
import { CallClient, silence, speech, speechWav } from "./support/call-client";
import { faultyEngines, voiceGatewayStack } from "./support/voice-gateway-stack";

const { stack, tokens, callUrl, call, startCall } = voiceGatewayStack();

describe("voice stack.gateway", () => {
  it("runs a call: opening spoken, speech transcribed and recorded with its confidence, replies spoken, barge-in, goodbye", async () => {
    const conversationId = await startCall();
    // A supervisor listens in with their session; the owner here (supervisors and up may).
    const listener = new CallClient(`${stack.wsBase}/voice/calls/${conversationId}/listen`, { cookie: stack.cookie, origin: TEST_APP_ORIGIN });
    await listener.opened();
    const caller = new CallClient(callUrl(conversationId));
    await caller.opened();

    // Mistakes get an error frame and the call goes on.
    caller.send("{ not json");
    expect(await caller.next("error")).toMatchObject({ code: "bad-message" });
    caller.socket.send(new Uint8Array(640));
    expect((await caller.next("error")).message).toMatch(/hello before audio/);
    caller.send({ type: "hello", capabilities: { sampleRate: 16_000 } });
    const ready = await caller.next("ready");
    expect(ready.conversationId).toBe(conversationId);
    expect(ready.stages.length).toBeGreaterThan(0);
    expect(ready.ttsSampleRate).toBe(stack.speechProviders.tts.sampleRate);

    // The opening is spoken: captions, then audio for each message.
    const welcome = await caller.next("reply", (m) => m.text.includes("Welcome"));
    const question = await caller.next("reply", (m) => m.text.includes("What would you like to return"));
    const audioFrom = caller.received.length;
    await caller.next("tts-end", (m) => m.messageId === welcome.messageId && !m.interrupted);
    await caller.next("tts-end", (m) => m.messageId === question.messageId);
    expect(caller.audioBytesSince(audioFrom), "opening audio").toBeGreaterThan(8_000);
    await caller.next("state", (m) => m.state === "listening");
    caller.socket.send(new Uint8Array(641));
    expect(await caller.next("error")).toMatchObject({ code: "bad-audio" });

    // The caller speaks; partial and final transcripts come back, then the bot's answer.
    await caller.stream(speech("I would like to return my blue jacket, because the zip is broken and the sleeves are far too long."), 1);
    await caller.next("state", (m) => m.state === "user-speaking");
    const final = await caller.next("final");
    expect(final.text.toLowerCase()).toMatch(/jacket|return/);
    expect(final.confidence, "confidence").toBeGreaterThan(0);
    expect(final.confidence).toBeLessThanOrEqual(1);
    expect(final.quality.speechRatio, "speech ratio").toBeGreaterThan(0);
    // Partials come while the caller is still speaking (the recognizer re-decodes every second).
    expect(caller.texts("partial").length, "partials").toBeGreaterThan(0);
    const confirm = await caller.next("reply", (m) => m.text.startsWith("Noted:"));
    expect(confirm.text.toLowerCase()).toMatch(/jacket|return/);
    await caller.next("tts-start", (m) => m.messageId === confirm.messageId);

    // Talking over the long confirmation, once the caller hears it, cuts it off.
    const confirmFrom = caller.received.length;
    for (let waited = 0; caller.audioBytesSince(confirmFrom) === 0 && waited < 30_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(caller.audioBytesSince(confirmFrom), "confirmation audio").toBeGreaterThan(0);
    await caller.stream(speech("No thanks that is all."));
    const bargeIn = await caller.next("barge-in");
    expect(bargeIn.messageId).toBe(confirm.messageId);
    expect(await caller.next("tts-end", (m) => m.messageId === confirm.messageId)).toMatchObject({ interrupted: true });
    // No more of the confirmation's audio after it was cut (the next audio belongs to the goodbye).
    const cutAt = caller.received.findIndex((f) => f.kind === "text" && f.message.type === "tts-end" && f.message.messageId === confirm.messageId);
    const nextSpeech = caller.received.findIndex((f, i) => i > cutAt && f.kind === "text" && f.message.type === "tts-start");
    expect(caller.received.slice(cutAt, nextSpeech < 0 ? undefined : nextSpeech).filter((f) => f.kind === "audio")).toEqual([]);
    await caller.next("final", (m) => /thank|that|all|no/i.test(m.text));
    const bye = await caller.next("reply", (m) => m.text.includes("Goodbye"));
    await caller.next("tts-end", (m) => m.messageId === bye.messageId && !m.interrupted);
    expect(await caller.next("ended")).toMatchObject({ status: "resolved" });
    expect((await caller.waitClosed()).code).toBe(1000);

    // The workflow recorded both utterances with how they were heard, and the interruption.
    const conversation = await stack.api.conversations.get.query({ id: conversationId });
    expect(conversation.status).toBe("resolved");
    const spoken = conversation.messages.filter((m) => m.author === "contact");
    expect(spoken).toHaveLength(2);
    expect(spoken[0]!.text).toBe(final.text);
    expect(spoken[0]!.meta?.spoken).toMatchObject({ confidence: final.confidence, engine: expect.any(String) });
    expect(spoken[0]!.meta?.spoken?.durationMs).toBeGreaterThan(1000);
    expect(spoken[0]!.meta?.spoken?.interruptedMessageId).toBeUndefined();
    expect(spoken[1]!.meta?.spoken?.interruptedMessageId).toBe(confirm.messageId);
    // The stack.gateway's latencies travel with each utterance (the Voice quality dashboard's p50 and
    // p95): recognition after the caller stopped, and the first audio of the reply heard before
    // the second utterance (the confirmation, synthesized before the barge-in).
    expect(spoken[0]!.meta?.spoken?.sttLatencyMs).toEqual(expect.any(Number));
    expect(spoken[1]!.meta?.spoken?.sttLatencyMs).toEqual(expect.any(Number));
    expect(spoken[1]!.meta?.spoken?.ttsFirstByteMs).toEqual(expect.any(Number));
    const stt = await stack.database.db.analyticsEvent.findMany({ where: { conversationId, type: "voice_stt" }, orderBy: { at: "asc" } });
    expect(stt.map((row) => row.value)).toEqual(spoken.map((m) => m.meta?.spoken?.sttLatencyMs));

    // The agent listening in saw the same conversation.
    expect(listener.texts("final").map((m) => m.text)).toEqual(caller.texts("final").map((m) => m.text));
    expect(listener.texts("reply").map((m) => m.messageId)).toContain(confirm.messageId);
    expect(listener.texts("barge-in")).toHaveLength(1);
    listener.close();
    expect(stack.gateway.counters.bargeIns).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it("one failing call ends alone; the other call carries on", async () => {
    const [doomedId, healthyId] = await Promise.all([startCall(), startCall()]);
    const healthy = await call(healthyId);
    await healthy.next("ready");
    await healthy.next("tts-end", (m) => !m.interrupted);
    await healthy.next("tts-end", (m) => !m.interrupted);
    const doomed = await call(doomedId, { sampleRate: 16_000, cpuBudget: "low" });
    await doomed.next("ready");
    const failedBefore = stack.gateway.counters.sessionsFailed;

    await Promise.all([doomed.stream(silence(400)), healthy.stream(speech("A pair of red shoes."))]);
    expect(await doomed.next("error")).toMatchObject({ code: "internal" });
    expect((await doomed.waitClosed()).code).toBe(1011);
    expect(stack.gateway.counters.sessionsFailed).toBe(failedBefore + 1);

    expect((await healthy.next("final")).text.toLowerCase()).toMatch(/shoe|red/);
    await healthy.next("reply", (m) => m.text.startsWith("Noted:"));
    expect(healthy.closed).toBeNull();
    healthy.close();

    // The conversation behind the failed call is intact: a new socket continues it.
    const again = await call(doomedId);
    await again.next("ready");
    again.close();
  }, 120_000);

  it("a reconnect replaces the old socket and continues the same conversation (a 48 kHz browser)", async () => {
    const conversationId = await startCall();
    const first = await call(conversationId);
    await first.next("ready");
    const second = await call(conversationId, { sampleRate: 48_000, noiseSuppressedByBrowser: true });
    expect(await first.next("ended")).toMatchObject({ status: "replaced" });
    expect((await first.waitClosed()).code).toBe(4000);
    await second.next("ready");
    await second.next("state", (m) => m.state === "bot-speaking");
    await second.next("state", (m) => m.state === "listening");
    // In real time, as a browser sends it: 48 kHz frames cost the pipeline 3× the resampling work.
    // A sentence Whisper tiny.en decodes greedily (espeak's "My green umbrella." it hears as "My Brem Brem").
    await second.stream(resample(speech("Please send me a new charger."), 16_000, 48_000), 1, 48_000);
    expect((await second.next("final")).text.toLowerCase()).toMatch(/charger/);
    await second.next("reply", (m) => m.text.startsWith("Noted:"));
    second.send({ type: "hangup" });
    expect(await second.next("ended")).toMatchObject({ status: "hangup" });
    const conversation = await stack.api.conversations.get.query({ id: conversationId });
    expect(conversation.messages.filter((m) => m.author === "contact")).toHaveLength(1);
    expect(conversation.status).toBe("active");
  }, 120_000);
});

describe("voice gateway: refusals and limits", () => {
  it("refuses unknown, ended and non-voice conversations with a reason; floods are dropped and counted", async () => {
    const silent = new CallClient(callUrl(await startCall()));
    expect((await silent.next("error")).message).toMatch(/no hello within 1500 ms/);
    expect((await silent.waitClosed()).code).toBe(4408);

    // Without the conversation's token: refused before anything is looked up.
    const anonymous = new CallClient(`${stack.wsBase}/voice/calls/no-such-conversation`);
    expect(await anonymous.next("error")).toMatchObject({ code: "unauthorized" });
    expect((await anonymous.waitClosed()).code).toBe(4401);
    // Another conversation's token opens nothing either.
    const other = await startCall();
    const stolen = new CallClient(`${stack.wsBase}/voice/calls/no-such-conversation?token=${tokens.get(other)}`);
    expect(await stolen.next("error")).toMatchObject({ code: "forbidden" });
    expect((await stolen.waitClosed()).code).toBe(4403);
    // A listener without a session is refused too.
    const eavesdropper = new CallClient(`${stack.wsBase}/voice/calls/${other}/listen`);
    expect((await eavesdropper.waitClosed()).code).toBe(4401);

    const closedId = await startCall();
    await stack.database.db.conversation.update({ where: { id: closedId }, data: { status: "closed" } });
    const closed = new CallClient(callUrl(closedId));
    expect(await closed.next("error")).toMatchObject({ code: "conversation-ended", message: "the conversation is closed" });
    expect((await closed.waitClosed()).code).toBe(4409);

    const web = await stack.api.conversations.start.mutate({ flowId: stack.database.seed.flowId, channel: "web" });
    tokens.set(web.conversationId, web.token);
    const wrongChannel = new CallClient(callUrl(web.conversationId));
    expect((await wrongChannel.next("error")).message).toMatch(/web channel/);

    const notARoute = new WebSocket(`${stack.wsBase}/voice/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      notARoute.on("unexpected-response", (_req, res) => resolve(res.statusCode));
      notARoute.on("open", () => resolve(undefined));
      notARoute.on("error", () => undefined);
    });
    expect(status).toBe(404);

    // A full server says so instead of taking the call.
    const full = createServer();
    const fullGateway = attachVoiceGateway(full, { services: stack.services, engines: faultyEngines(stack.speechProviders), limits: { maxCalls: 0 } });
    await new Promise<void>((resolve) => full.listen(0, "127.0.0.1", resolve));
    const refused = new CallClient(callUrl(await startCall(), `ws://127.0.0.1:${(full.address() as AddressInfo).port}`));
    expect(await refused.next("error")).toMatchObject({ code: "overloaded" });
    expect((await refused.waitClosed()).code).toBe(1013);
    expect(fullGateway.counters.callsRefused).toBe(1);
    fullGateway.close();
    full.close();

    const conversationId = await startCall();
    const caller = await call(conversationId);
    await caller.next("ready");
    const overRate = stack.gateway.counters.framesOverRate;
    const frame = new Uint8Array(640);
    for (let i = 0; i < 500; i++) caller.socket.send(frame);
    caller.socket.send(new Uint8Array(64_000));
    expect((await caller.next("error", (m) => m.code === "bad-audio")).message).toMatch(/exceeds/);
    expect(stack.gateway.counters.framesOverRate).toBeGreaterThan(overRate);
    caller.send({ type: "stats", packetLossPct: 2, jitterMs: 30 });
    caller.send({ type: "stats", packetLossPct: 500, jitterMs: 30 });
    expect((await caller.next("error", (m) => m.code === "bad-message")).message).toMatch(/packetLossPct/);
    expect(caller.closed).toBeNull();
    caller.close();
  }, 60_000);
});

describe("voice messages", () => {
  it("takes a voice message: stored encrypted, transcribed, answered like a typed message", async () => {
    const conversationId = await startCall();
    const post = (body: Uint8Array, id = conversationId) =>
      fetch(`${stack.wsBase.replace("ws", "http")}/voice/messages/${id}`, {
        method: "POST",
        headers: { "content-type": "audio/wav", "x-parley-conversation-token": tokens.get(id) ?? "" },
        body,
      });
    const response = await post(speechWav("I want to send back a broken lamp."));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { recordingId: string; transcript: { text: string; confidence: number }; turn: { replies: { text: string }[] } };
    expect(body.transcript.text.toLowerCase()).toMatch(/lamp|broken/);
    expect(body.turn.replies[0]?.text).toMatch(/^Noted: /);

    const conversation = await stack.api.conversations.get.query({ id: conversationId });
    const message = conversation.messages.find((m) => m.author === "contact")!;
    expect(message.meta?.spoken).toMatchObject({ recordingId: body.recordingId, confidence: body.transcript.confidence });
    const row = await stack.database.db.audioRecording.findUniqueOrThrow({ where: { id: body.recordingId } });
    expect(row).toMatchObject({ conversationId, messageId: message.id, kind: "recording" });
    const stored = await createAudioStore(stack.database.db, createAudioCipher(stack.audioKey)).load(body.recordingId);
    expect(stored.samples.length).toBe(row.bytes / 2);

    // Silence: no words, so nothing is recorded as the customer's; the recording is kept.
    const quiet = await post(encodeWav(silence(2000), 16_000));
    expect(quiet.status).toBe(422);
    expect(((await quiet.json()) as { error: string }).error).toBe("no speech was heard in the recording");
    const after = await stack.api.conversations.get.query({ id: conversationId });
    expect(after.messages.filter((m) => m.author === "contact")).toHaveLength(1);
    expect(await stack.database.db.audioRecording.count({ where: { conversationId } })).toBe(2);

    expect((await post(new Uint8Array(600 * 1024))).status).toBe(413);
    const garbage = await post(new TextEncoder().encode("RIFF....not a wave file at all"));
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: string }).error).toBeTruthy();
    // Without a token: 401; with another conversation's token: 403; nothing stored either way.
    const recordings = await stack.database.db.audioRecording.count();
    expect((await post(speechWav("Hello."), "no-such-conversation")).status).toBe(401);
    const stolen = await fetch(`${stack.wsBase.replace("ws", "http")}/voice/messages/no-such-conversation`, {
      method: "POST",
      headers: { "content-type": "audio/wav", "x-parley-conversation-token": tokens.get(conversationId)! },
      body: speechWav("Hello."),
    });
    expect(stolen.status).toBe(403);
    expect(await stack.database.db.audioRecording.count()).toBe(recordings);
  }, 60_000);
});

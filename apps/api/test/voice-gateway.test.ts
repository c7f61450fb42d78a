// The live voice gateway end to end: a real Temporal dev server, worker, SQLite database, HTTP API
// with the gateway attached, the real voice pipeline and offline speech engines, and scripted
// callers on real WebSockets speaking espeak-ng audio.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import type { ApiServices } from "@parley/api";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createSpeechProviders, createVoicePipeline, encodeWav, resample, transcribe } from "@parley/voice";
import { createConversationWorker } from "@parley/worker";
import { attachVoiceGateway, createApiServer, type VoiceEngines, type VoiceGateway } from "../src";
import { createVoiceMessageRoute } from "../src/voice/voice-message";
import { createAudioCipher, createAudioStore } from "@parley/activities/voice";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { signIn, testClient, testServices, TEST_APP_ORIGIN } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { CallClient, silence, speech, speechWav } from "./support/call-client";

const POLICY =
  "Our returns policy gives you thirty days from delivery to send anything back in its original packaging with the receipt, " +
  "and refunds reach your card within five working days of the parcel arriving at our warehouse.";

/** A returns line: say, ask, a long confirmation (long enough to talk over), ask again, goodbye. */
const returnsCall: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: { channels: "voice" } },
    { id: "welcome", kind: "voice_say", position: { x: 0, y: 100 }, config: { text: "Welcome to Parley returns." } },
    { id: "ask_item", kind: "ask", position: { x: 0, y: 200 }, config: { question: "What would you like to return?", variable: "item" } },
    { id: "confirm", kind: "message", position: { x: 0, y: 300 }, config: { text: `Noted: {{item}}. ${POLICY}` } },
    { id: "ask_more", kind: "ask", position: { x: 0, y: 400 }, config: { question: "Is there anything else?", variable: "more" } },
    { id: "bye", kind: "message", position: { x: 0, y: 500 }, config: { text: "Thank you for calling. Goodbye." } },
    { id: "end", kind: "end", position: { x: 0, y: 600 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "welcome" },
    { id: "e2", source: "welcome", sourcePort: "next", target: "ask_item" },
    { id: "e3", source: "ask_item", sourcePort: "answered", target: "confirm" },
    { id: "e4", source: "confirm", sourcePort: "next", target: "ask_more" },
    { id: "e5", source: "ask_more", sourcePort: "answered", target: "bye" },
    { id: "e6", source: "bye", sourcePort: "next", target: "end" },
  ],
};

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let gateway: VoiceGateway;
let wsBase: string;
let api: ReturnType<typeof testClient>;
let flowId: string;
let speechProviders: ReturnType<typeof createSpeechProviders>;
let audioKey: Buffer;
let stackServices: ApiServices;
let cookie: string;

/**
 * The real engines, plus one injected fault: a caller declaring `cpuBudget: "low"` gets a pipeline
 * that throws on its fifth frame — a stand-in for any bug inside one call's processing.
 */
function engines(): VoiceEngines {
  return {
    async createPipeline(options) {
      const pipeline = await createVoicePipeline({ inputSampleRate: options.inputSampleRate, ...(options.capabilities ? { capabilities: options.capabilities } : {}) });
      if (options.capabilities?.cpuBudget !== "low") return pipeline;
      let frames = 0;
      return Object.assign(Object.create(pipeline) as typeof pipeline, {
        push: (samples: Int16Array) => (++frames === 5 ? Promise.reject(new Error("injected pipeline fault")) : pipeline.push(samples)),
      });
    },
    stt: speechProviders.stt,
    tts: speechProviders.tts,
  };
}

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("voice-gateway");
  speechProviders = createSpeechProviders({});
  audioKey = randomBytes(32);
  // The worker transcribes voice messages (transcribeRecording): same audio key as the API.
  worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    activityDeps: { audioCipher: createAudioCipher(audioKey), speech: speechProviders },
  });
  running = worker.run();
  const services = testServices(database, env.client, taskQueue);
  stackServices = services;
  server = createApiServer({
    services,
    routes: [createVoiceMessageRoute({ services, audioCipher: createAudioCipher(audioKey), maxBytes: 512 * 1024 })],
  });
  // Load the recognizer's model now, as a server does at boot: the first call should not wait on it.
  await transcribe(speechProviders.stt, speech("Hello."));
  gateway = attachVoiceGateway(server, { services, engines: engines(), limits: { helloTimeoutMs: 1500 } });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  wsBase = `ws://127.0.0.1:${port}`;
  cookie = await signIn(`http://127.0.0.1:${port}`);
  api = testClient(`http://127.0.0.1:${port}`, { cookie });
  const { id } = await api.flows.create.mutate({ name: "Returns line" });
  await api.flows.saveDraft.mutate({ id, graph: returnsCall });
  await api.flows.publish.mutate({ id });
  flowId = id;
}, 120_000);

afterAll(async () => {
  gateway?.close();
  await new Promise((resolve) => server?.close(resolve));
  await Promise.all([speechProviders?.stt.close?.(), speechProviders?.tts.close?.()]);
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** Conversation tokens by conversation: the caller's credential, as the browser keeps it. */
const tokens = new Map<string, string>();
/** A call's URL with its conversation's token (browsers cannot set headers on a WebSocket). */
const callUrl = (conversationId: string, base = wsBase) => `${base}/voice/calls/${conversationId}?token=${tokens.get(conversationId) ?? ""}`;

async function call(conversationId: string, capabilities: Record<string, unknown> = { sampleRate: 16_000 }) {
  const caller = new CallClient(callUrl(conversationId));
  await caller.opened();
  caller.send({ type: "hello", capabilities });
  return caller;
}

const startCall = async () => {
  const started = await api.conversations.start.mutate({ flowId, channel: "voice" });
  tokens.set(started.conversationId, started.token);
  return started.conversationId;
};

describe("voice gateway", () => {
  it("runs a call: opening spoken, speech transcribed and recorded with its confidence, replies spoken, barge-in, goodbye", async () => {
    const conversationId = await startCall();
    // A supervisor listens in with their session; the owner here (supervisors and up may).
    const listener = new CallClient(`${wsBase}/voice/calls/${conversationId}/listen`, { cookie, origin: TEST_APP_ORIGIN });
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
    expect(ready.ttsSampleRate).toBe(speechProviders.tts.sampleRate);

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
    const conversation = await api.conversations.get.query({ id: conversationId });
    expect(conversation.status).toBe("resolved");
    const spoken = conversation.messages.filter((m) => m.author === "contact");
    expect(spoken).toHaveLength(2);
    expect(spoken[0]!.text).toBe(final.text);
    expect(spoken[0]!.meta?.spoken).toMatchObject({ confidence: final.confidence, engine: expect.any(String) });
    expect(spoken[0]!.meta?.spoken?.durationMs).toBeGreaterThan(1000);
    expect(spoken[0]!.meta?.spoken?.interruptedMessageId).toBeUndefined();
    expect(spoken[1]!.meta?.spoken?.interruptedMessageId).toBe(confirm.messageId);
    // The gateway's latencies travel with each utterance (the Voice quality dashboard's p50 and
    // p95): recognition after the caller stopped, and the first audio of the reply heard before
    // the second utterance (the confirmation, synthesized before the barge-in).
    expect(spoken[0]!.meta?.spoken?.sttLatencyMs).toEqual(expect.any(Number));
    expect(spoken[1]!.meta?.spoken?.sttLatencyMs).toEqual(expect.any(Number));
    expect(spoken[1]!.meta?.spoken?.ttsFirstByteMs).toEqual(expect.any(Number));
    const stt = await database.db.analyticsEvent.findMany({ where: { conversationId, type: "voice_stt" }, orderBy: { at: "asc" } });
    expect(stt.map((row) => row.value)).toEqual(spoken.map((m) => m.meta?.spoken?.sttLatencyMs));

    // The agent listening in saw the same conversation.
    expect(listener.texts("final").map((m) => m.text)).toEqual(caller.texts("final").map((m) => m.text));
    expect(listener.texts("reply").map((m) => m.messageId)).toContain(confirm.messageId);
    expect(listener.texts("barge-in")).toHaveLength(1);
    listener.close();
    expect(gateway.counters.bargeIns).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it("one failing call ends alone; the other call carries on", async () => {
    const [doomedId, healthyId] = await Promise.all([startCall(), startCall()]);
    const healthy = await call(healthyId);
    await healthy.next("ready");
    await healthy.next("tts-end", (m) => !m.interrupted);
    await healthy.next("tts-end", (m) => !m.interrupted);
    const doomed = await call(doomedId, { sampleRate: 16_000, cpuBudget: "low" });
    await doomed.next("ready");
    const failedBefore = gateway.counters.sessionsFailed;

    await Promise.all([doomed.stream(silence(400)), healthy.stream(speech("A pair of red shoes."))]);
    expect(await doomed.next("error")).toMatchObject({ code: "internal" });
    expect((await doomed.waitClosed()).code).toBe(1011);
    expect(gateway.counters.sessionsFailed).toBe(failedBefore + 1);

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
    const conversation = await api.conversations.get.query({ id: conversationId });
    expect(conversation.messages.filter((m) => m.author === "contact")).toHaveLength(1);
    expect(conversation.status).toBe("active");
  }, 120_000);

  it("refuses unknown, ended and non-voice conversations with a reason; floods are dropped and counted", async () => {
    const silent = new CallClient(callUrl(await startCall()));
    expect((await silent.next("error")).message).toMatch(/no hello within 1500 ms/);
    expect((await silent.waitClosed()).code).toBe(4408);

    // Without the conversation's token: refused before anything is looked up.
    const anonymous = new CallClient(`${wsBase}/voice/calls/no-such-conversation`);
    expect(await anonymous.next("error")).toMatchObject({ code: "unauthorized" });
    expect((await anonymous.waitClosed()).code).toBe(4401);
    // Another conversation's token opens nothing either.
    const other = await startCall();
    const stolen = new CallClient(`${wsBase}/voice/calls/no-such-conversation?token=${tokens.get(other)}`);
    expect(await stolen.next("error")).toMatchObject({ code: "forbidden" });
    expect((await stolen.waitClosed()).code).toBe(4403);
    // A listener without a session is refused too.
    const eavesdropper = new CallClient(`${wsBase}/voice/calls/${other}/listen`);
    expect((await eavesdropper.waitClosed()).code).toBe(4401);

    const closedId = await startCall();
    await database.db.conversation.update({ where: { id: closedId }, data: { status: "closed" } });
    const closed = new CallClient(callUrl(closedId));
    expect(await closed.next("error")).toMatchObject({ code: "conversation-ended", message: "the conversation is closed" });
    expect((await closed.waitClosed()).code).toBe(4409);

    const web = await api.conversations.start.mutate({ flowId: database.seed.flowId, channel: "web" });
    tokens.set(web.conversationId, web.token);
    const wrongChannel = new CallClient(callUrl(web.conversationId));
    expect((await wrongChannel.next("error")).message).toMatch(/web channel/);

    const notARoute = new WebSocket(`${wsBase}/voice/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      notARoute.on("unexpected-response", (_req, res) => resolve(res.statusCode));
      notARoute.on("open", () => resolve(undefined));
      notARoute.on("error", () => undefined);
    });
    expect(status).toBe(404);

    // A full server says so instead of taking the call.
    const full = createServer();
    const fullGateway = attachVoiceGateway(full, { services: stackServices, engines: engines(), limits: { maxCalls: 0 } });
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
    const overRate = gateway.counters.framesOverRate;
    const frame = new Uint8Array(640);
    for (let i = 0; i < 500; i++) caller.socket.send(frame);
    caller.socket.send(new Uint8Array(64_000));
    expect((await caller.next("error", (m) => m.code === "bad-audio")).message).toMatch(/exceeds/);
    expect(gateway.counters.framesOverRate).toBeGreaterThan(overRate);
    caller.send({ type: "stats", packetLossPct: 2, jitterMs: 30 });
    caller.send({ type: "stats", packetLossPct: 500, jitterMs: 30 });
    expect((await caller.next("error", (m) => m.code === "bad-message")).message).toMatch(/packetLossPct/);
    expect(caller.closed).toBeNull();
    caller.close();
  }, 60_000);

  it("takes a voice message: stored encrypted, transcribed, answered like a typed message", async () => {
    const conversationId = await startCall();
    const post = (body: Uint8Array, id = conversationId) =>
      fetch(`${wsBase.replace("ws", "http")}/voice/messages/${id}`, {
        method: "POST",
        headers: { "content-type": "audio/wav", "x-parley-conversation-token": tokens.get(id) ?? "" },
        body,
      });
    const response = await post(speechWav("I want to send back a broken lamp."));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { recordingId: string; transcript: { text: string; confidence: number }; turn: { replies: { text: string }[] } };
    expect(body.transcript.text.toLowerCase()).toMatch(/lamp|broken/);
    expect(body.turn.replies[0]?.text).toMatch(/^Noted: /);

    const conversation = await api.conversations.get.query({ id: conversationId });
    const message = conversation.messages.find((m) => m.author === "contact")!;
    expect(message.meta?.spoken).toMatchObject({ recordingId: body.recordingId, confidence: body.transcript.confidence });
    const row = await database.db.audioRecording.findUniqueOrThrow({ where: { id: body.recordingId } });
    expect(row).toMatchObject({ conversationId, messageId: message.id, kind: "recording" });
    const stored = await createAudioStore(database.db, createAudioCipher(audioKey)).load(body.recordingId);
    expect(stored.samples.length).toBe(row.bytes / 2);

    // Silence: no words, so nothing is recorded as the customer's; the recording is kept.
    const quiet = await post(encodeWav(silence(2000), 16_000));
    expect(quiet.status).toBe(422);
    expect(((await quiet.json()) as { error: string }).error).toBe("no speech was heard in the recording");
    const after = await api.conversations.get.query({ id: conversationId });
    expect(after.messages.filter((m) => m.author === "contact")).toHaveLength(1);
    expect(await database.db.audioRecording.count({ where: { conversationId } })).toBe(2);

    expect((await post(new Uint8Array(600 * 1024))).status).toBe(413);
    const garbage = await post(new TextEncoder().encode("RIFF....not a wave file at all"));
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: string }).error).toBeTruthy();
    // Without a token: 401; with another conversation's token: 403; nothing stored either way.
    const recordings = await database.db.audioRecording.count();
    expect((await post(speechWav("Hello."), "no-such-conversation")).status).toBe(401);
    const stolen = await fetch(`${wsBase.replace("ws", "http")}/voice/messages/no-such-conversation`, {
      method: "POST",
      headers: { "content-type": "audio/wav", "x-parley-conversation-token": tokens.get(conversationId)! },
      body: speechWav("Hello."),
    });
    expect(stolen.status).toBe(403);
    expect(await database.db.audioRecording.count()).toBe(recordings);
  }, 60_000);
});

/**
 * The live voice gateway's stack for its end-to-end tests: a real Temporal dev server, worker,
 * SQLite database, HTTP API with the gateway attached, the real voice pipeline and offline speech
 * engines, and a published returns line to call. `voiceGatewayStack()` starts it for a test file.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import type { ApiServices } from "@parley/api";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createSpeechProviders, createVoicePipeline, transcribe } from "@parley/voice";
import { createConversationWorker } from "@parley/worker";
import { attachVoiceGateway, createApiServer, type VoiceEngines, type VoiceGateway } from "../../src";
import { createVoiceMessageRoute } from "../../src/voice/voice-message";
import { createAudioCipher } from "@parley/activities/voice";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../../test/support/temporal";
import { signIn, testClient, testServices } from "../../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/database";
import { CallClient, speech } from "./call-client";

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

/**
 * The real engines, plus one injected fault: a caller declaring `cpuBudget: "low"` gets a pipeline
 * that throws on its fifth frame — a stand-in for any bug inside one call's processing.
 */
export function faultyEngines(speechProviders: ReturnType<typeof createSpeechProviders>): VoiceEngines {
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

/** What the tests reach of the running stack; set once `beforeAll` ran. */
export interface VoiceGatewayStack {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  gateway: VoiceGateway;
  /** ws://127.0.0.1:<port> */
  wsBase: string;
  /** The signed-in owner's tRPC client, and their session cookie. */
  api: ReturnType<typeof testClient>;
  cookie: string;
  /** The published returns line. */
  flowId: string;
  speechProviders: ReturnType<typeof createSpeechProviders>;
  /** The key voice messages are stored under (the API's and the worker's). */
  audioKey: Buffer;
  services: ApiServices;
}

/** Starts the stack for the test file (and stops it after); call at the top level of a test file. */
export function voiceGatewayStack() {
  const stack = {} as VoiceGatewayStack;
  let worker: Worker;
  let running: Promise<void>;
  let server: ReturnType<typeof createApiServer>;

  beforeAll(async () => {
    [stack.env, stack.database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
    const taskQueue = uniqueTaskQueue("voice-gateway");
    stack.speechProviders = createSpeechProviders({});
    stack.audioKey = randomBytes(32);
    // The worker transcribes voice messages (transcribeRecording): same audio key as the API.
    worker = await createConversationWorker({
      connection: stack.env.nativeConnection,
      taskQueue,
      db: stack.database.db,
      activityDeps: { audioCipher: createAudioCipher(stack.audioKey), speech: stack.speechProviders },
    });
    running = worker.run();
    const services = testServices(stack.database, stack.env.client, taskQueue);
    stack.services = services;
    server = createApiServer({
      services,
      routes: [createVoiceMessageRoute({ services, audioCipher: createAudioCipher(stack.audioKey), maxBytes: 512 * 1024 })],
    });
    // Load the recognizer's model now, as a server does at boot: the first call should not wait on it.
    await transcribe(stack.speechProviders.stt, speech("Hello."));
    stack.gateway = attachVoiceGateway(server, { services, engines: faultyEngines(stack.speechProviders), limits: { helloTimeoutMs: 1500 } });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    stack.wsBase = `ws://127.0.0.1:${port}`;
    stack.cookie = await signIn(`http://127.0.0.1:${port}`);
    stack.api = testClient(`http://127.0.0.1:${port}`, { cookie: stack.cookie });
    const { id } = await stack.api.flows.create.mutate({ name: "Returns line" });
    await stack.api.flows.saveDraft.mutate({ id, graph: returnsCall });
    await stack.api.flows.publish.mutate({ id });
    stack.flowId = id;
  }, 120_000);

  afterAll(async () => {
    stack.gateway?.close();
    await new Promise((resolve) => server?.close(resolve));
    await Promise.all([stack.speechProviders?.stt.close?.(), stack.speechProviders?.tts.close?.()]);
    worker?.shutdown();
    await running;
    await stack.env?.teardown();
    await stack.database?.close();
  });

  /** Conversation tokens by conversation: the caller's credential, as the browser keeps it. */
  const tokens = new Map<string, string>();
  /** A call's URL with its conversation's token (browsers cannot set headers on a WebSocket). */
  const callUrl = (conversationId: string, base = stack.wsBase) => `${base}/voice/calls/${conversationId}?token=${tokens.get(conversationId) ?? ""}`;

  async function call(conversationId: string, capabilities: Record<string, unknown> = { sampleRate: 16_000 }) {
    const caller = new CallClient(callUrl(conversationId));
    await caller.opened();
    caller.send({ type: "hello", capabilities });
    return caller;
  }

  const startCall = async () => {
    const started = await stack.api.conversations.start.mutate({ flowId: stack.flowId, channel: "voice" });
    tokens.set(started.conversationId, started.token);
    return started.conversationId;
  };

  return { stack, tokens, callUrl, call, startCall };
}

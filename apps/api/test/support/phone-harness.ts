// The real stack for the SMS and WhatsApp channel tests: a Temporal dev server, a test database,
// a conversation worker whose deliveries go to the loopback provider peers, the API's HTTP
// server with the channels' webhook route, the channel dispatcher (polled by hand) and a flow
// that offers three options.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { createSecretBox } from "@parley/db";
import { ChannelDispatcher } from "@parley/activities";
import { createAudioCipher } from "@parley/activities/voice";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { appRouter, createCallerFactory, type ApiServices } from "@parley/api";
import type { ProviderUrls } from "@parley/channels";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../../src/server";
import { createPhoneWebhookRoute } from "../../src/channels/phone-webhooks";
import { createApiChannelRoute } from "../../src/channels/api-channel-route";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../../test/support/temporal";
import { asPerson, testServices } from "../../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/database";

export const MEDIA_MAX_BYTES = 64 * 1024;

const flow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "hello", kind: "message", position: { x: 0, y: 100 }, config: { text: "Hi from Parley." } },
    { id: "order", kind: "ask", position: { x: 0, y: 150 }, config: { question: "What is your order number?", variable: "order" } },
    { id: "topic", kind: "ask", position: { x: 0, y: 200 }, config: { question: "What is it about?", variable: "topic", inputType: "choice", choices: "Billing\nShipping\nReturns" } },
    { id: "routed", kind: "message", position: { x: 0, y: 300 }, config: { text: "Noted: {{topic}} for {{order}}." } },
    { id: "more", kind: "ask", position: { x: 0, y: 400 }, config: { question: "Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "next", target: "order" },
    { id: "e7", source: "order", sourcePort: "answered", target: "topic" },
    { id: "e3", source: "topic", sourcePort: "answered", target: "routed" },
    { id: "e4", source: "routed", sourcePort: "next", target: "more" },
    { id: "e5", source: "more", sourcePort: "answered", target: "more" },
    { id: "e6", source: "topic", sourcePort: "invalid", target: "more" },
  ],
};

const createCaller = createCallerFactory(appRouter);

export interface PhoneHarness {
  database: TestDatabase;
  services: ApiServices;
  api: ReturnType<typeof createCaller>;
  dispatcher: ChannelDispatcher;
  /** The API's base URL (webhooks are posted here, and signed for it). */
  baseUrl: string;
  flowId: string;
  audioCipher: ReturnType<typeof createAudioCipher>;
  close(): Promise<void>;
}

export async function startPhoneHarness(name: string, providerUrls: ProviderUrls): Promise<PhoneHarness> {
  const [env, database]: [TestWorkflowEnvironment, TestDatabase] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const secretsKey = randomBytes(32);
  const audioCipher = createAudioCipher(randomBytes(32));
  const taskQueue = uniqueTaskQueue(name);
  // The webhook route needs the server's URL (Twilio signs it), so it joins once the server listens.
  const routes: ((req: IncomingMessage, res: ServerResponse) => boolean)[] = [];
  const placeholder = testServices(database, env.client, taskQueue, { secretsKey });
  const server = createApiServer({ services: placeholder, routes: [(req, res) => routes.some((route) => route(req, res))] });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The services the webhook route and the settings see: the API's public URL is this server's.
  const services: ApiServices = Object.assign(placeholder, { apiPublicUrl: baseUrl });
  routes.push(createPhoneWebhookRoute({ services, seal: (plain) => audioCipher.seal(plain), publicUrl: baseUrl, providerUrls, maxMediaBytes: MEDIA_MAX_BYTES }), createApiChannelRoute(services));
  const worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    // Loopback is let through the SSRF guard only for the API channel's callback receiver's address.
    activityDeps: { secretBox: createSecretBox(secretsKey), providerUrls, apiPublicUrl: baseUrl, httpAllowedNetworks: ["127.0.0.1/32"] },
  });
  const running = worker.run();
  const api = createCaller(asPerson(services, database));
  const created = await api.flows.create({ name: `${name} topics` });
  await api.flows.saveDraft({ id: created.id, graph: flow });
  await api.flows.publish({ id: created.id, note: name });
  return {
    database,
    services,
    api,
    dispatcher: new ChannelDispatcher({ db: database.db, client: env.client, taskQueue, settleMs: 0 }),
    baseUrl,
    flowId: created.id,
    audioCipher,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
    },
  };
}

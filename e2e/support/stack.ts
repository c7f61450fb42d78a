import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createApiServices, type ApiContext, type ApiServices, type Role } from "@parley/api";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createApiChannelRoute, createApiServer, createAttachmentRoute, createPhoneWebhookRoute, temporalClient } from "@parley/api-server";
import { createAudioCipher, type AudioCipher } from "@parley/activities/voice";
import { createConversationWorker, type ConversationWorkerOptions } from "@parley/worker";
import { ChannelDispatcher, WebhookDispatcher } from "@parley/activities";
import { createSecretBox } from "@parley/db";
import { localSentenceEmbedder } from "@parley/ai";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";
import { startTemporalDevServer, uniqueTaskQueue } from "../../test/support/temporal";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../test/support/database";
import { asPerson, SEEDED_ROLE_EMAIL, signIn, TEST_APP_ORIGIN, TEST_AUTH_SECRET, testClient } from "../../test/support/api";
import { childEnv, repoRoot } from "../../test/support/env";

/** Email channels of the stack receive at `<public id>@` this domain. */
export const EMAIL_DOMAIN = "inbound.parley.test";
/** Where SMS/WhatsApp deliveries go by default in the browser tests: nowhere (a closed port). */
const CLOSED_PROVIDERS = { twilio: "http://127.0.0.1:9", whatsapp: "http://127.0.0.1:9" };
/** Seals files customers send by SMS/WhatsApp (the inbox lists them; nothing here opens them). */
const attachmentCipher = createAudioCipher(randomBytes(32));

/** The seeded people's emails; all sign in with TEST_PASSWORD. */
export const SEEDED_EMAIL = SEEDED_ROLE_EMAIL;

export interface Stack {
  database: TestDatabase;
  services: ApiServices;
  apiUrl: string;
  builderUrl: string;
  /** Seals what customers send (files, as the email channel stores them); the API's download route opens them. */
  audioCipher: AudioCipher;
  /** Password reset links the API "sent" (newest last), instead of an SMTP server. */
  mails: { to: string; url: string }[];
  /** Signs in over HTTP; the answer is the session's Cookie header. */
  signIn(email?: string, password?: string): Promise<string>;
  /** A tRPC client signed in as a seeded person (the owner by default), as the builder calls the API. */
  api(role?: Role): Promise<ReturnType<typeof testClient>>;
  /** Cuts every open connection to the API, live update streams included: a network drop as browsers see it. */
  dropConnections(): void;
  stop(): Promise<void>;
}

export interface StackOptions {
  /**
   * Attaches more to the API's HTTP server before it listens (e.g. the voice gateway, whose
   * WebSockets the builder opens at the API's URL); closed first on stop.
   */
  attach?: (server: Server, services: ApiServices, owner: ApiContext) => { close(): void | Promise<void> };
  /** The worker's activity settings besides the database and secrets key (e.g. the networks webhooks may reach). */
  activityDeps?: Omit<NonNullable<ConversationWorkerOptions["activityDeps"]>, "secretBox">;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`builder exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`builder did not answer at ${url}:\n${output()}`);
}

/**
 * The whole product for one test file: a real Temporal dev server, worker and API in this
 * process, and the production build of the builder app (`next start`) as a child process.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [env, database]: [TestWorkflowEnvironment, TestDatabase] = await Promise.all([
    startTemporalDevServer(),
    createTestDatabase(),
  ]);
  const taskQueue = uniqueTaskQueue("e2e");
  // As in production, conversation data in Temporal is encrypted: the browser tests go through the codec.
  const payloadCodec = new AesGcmPayloadCodec([{ id: "e2e", key: randomBytes(32) }]);
  // Workspace secrets and webhook signing secrets: sealed by the API, opened by the worker, as in production.
  const secretsKey = randomBytes(32);
  const worker: Worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    payloadCodec,
    // SMS/WhatsApp deliveries never leave the machine: a closed loopback port unless a test brings its peers.
    activityDeps: { providerUrls: CLOSED_PROVIDERS, ...options.activityDeps, secretBox: createSecretBox(secretsKey) },
  });
  const running = worker.run();
  const temporal = temporalClient({ connection: env.connection, namespace: env.namespace ?? "default", payloadCodec });
  // As in the worker's main: stored webhook events become delivery workflows.
  const webhookDispatcher = new WebhookDispatcher({ db: database.db, client: temporal, taskQueue, pollMs: 200 });
  webhookDispatcher.start();
  // And queued outbound messages of email channels become channel deliveries.
  const channelDispatcher = new ChannelDispatcher({ db: database.db, client: temporal, taskQueue, pollMs: 200 });
  channelDispatcher.start();
  // Both ports first: the API trusts the builder's origin (its session cookie, CORS) and names
  // itself in reset links.
  const [apiPort, port] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const builderUrl = `http://127.0.0.1:${port}`;
  const mails: Stack["mails"] = [];
  // As apps/api/src/main.ts builds them; test clients call with the test origin.
  const services = createApiServices({
    db: database.db,
    databaseUrl: database.url,
    temporal,
    taskQueue,
    secret: TEST_AUTH_SECRET,
    publicUrl: apiUrl,
    appOrigins: [builderUrl, TEST_APP_ORIGIN],
    signInAttemptsPerMinute: 1000,
    // The search tester embeds with the local sentence encoder, as main.ts does without an OpenAI key.
    ...(localSentenceEmbedder() ? { knowledgeEmbedder: localSentenceEmbedder()! } : {}),
    secretsKey,
    emailDomain: EMAIL_DOMAIN,
    // As with SMTP_URL set (reset links go to `mails` above): reports may be scheduled by email.
    mailsReports: true,
    sendPasswordReset: async (to, url) => {
      mails.push({ to: to.email, url });
    },
  });
  // As main.ts: SMS and WhatsApp webhooks, signed by the providers, at /channels/<kind>/<public id>;
  // custom (API) channels' signed posts at /channels/api/<public id>/messages.
  const phoneWebhooks = createPhoneWebhookRoute({ services, seal: (plain) => attachmentCipher.seal(plain), publicUrl: apiUrl, providerUrls: CLOSED_PROVIDERS, maxMediaBytes: 1024 * 1024 });
  const api = createApiServer({
    services,
    corsOrigins: ["*"],
    // Files from the widget's paperclip, sealed like every channel's.
    widgetFiles: { cipher: attachmentCipher, maxBytes: 1024 * 1024 },
    routes: [phoneWebhooks, createApiChannelRoute(services), createAttachmentRoute({ services, cipher: attachmentCipher })] });
  const attached = options.attach?.(api, services, asPerson(services, database, "owner"));
  await new Promise<void>((resolve) => api.listen(apiPort, "127.0.0.1", resolve));

  let output = "";
  const builder = spawn(
    process.execPath,
    [path.join(repoRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd: path.join(repoRoot, "apps/builder"), env: childEnv({ API_URL: apiUrl }), stdio: ["ignore", "pipe", "pipe"] },
  );
  builder.stdout?.on("data", (chunk) => (output += chunk));
  builder.stderr?.on("data", (chunk) => (output += chunk));
  await waitForHttp(`${builderUrl}/sign-in`, builder, () => output);

  return {
    database,
    services,
    apiUrl,
    builderUrl,
    audioCipher: attachmentCipher,
    mails,
    signIn: (email = SEEDED_EMAIL.owner, password = TEST_PASSWORD) => signIn(apiUrl, email, password),
    async api(role = "owner") {
      return testClient(apiUrl, { cookie: await signIn(apiUrl, SEEDED_EMAIL[role], TEST_PASSWORD) });
    },
    dropConnections: () => api.closeAllConnections(),
    async stop() {
      builder.kill("SIGTERM");
      await attached?.close();
      await new Promise((resolve) => api.close(resolve));
      await Promise.all([webhookDispatcher.stop(), channelDispatcher.stop()]);
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
    },
  };
}

// The authorization matrix: every procedure of the router (and the plain HTTP and WebSocket
// routes) × every kind of caller → allowed or refused, with the database unchanged after every
// refusal. The rows (authorization-matrix/rows-*.ts, one table per router area, and routes.ts)
// are written by hand, independently of the policies in the code: a procedure added without a
// row fails the first test, and a policy that drifts from its row fails the second. The world
// the calls go into is authorization-matrix/fixtures.ts, their inputs samples.ts.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { appRouter } from "@parley/api";
import { createApiServer, attachVoiceGateway, createCodecRoute, type VoiceGateway } from "../src";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";
import { createVoiceMessageRoute } from "../src/voice/voice-message";
import { createAudioCipher } from "@parley/activities/voice";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import { createConversationWorker } from "@parley/worker";
import { testServices, TEST_APP_ORIGIN } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { MatrixClient, refused } from "./authorization-matrix/clients";
import { createFixtures, type MatrixFixtures } from "./authorization-matrix/fixtures";
import { ASYNC_EFFECTS, fingerprint, settledFingerprint } from "./authorization-matrix/fingerprint";
import { PRINCIPALS, type Credentials } from "./authorization-matrix/principals";
import { ROUTES } from "./authorization-matrix/routes";
import { DUPLICATE_ROWS, ROWS } from "./authorization-matrix/rows";
import { sampleInput } from "./authorization-matrix/samples";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let gateway: VoiceGateway;
let baseUrl: string;
/** What each principal sends: cookies, keys or tokens (headers), and a `?token=` for sockets. */
const credentials: Credentials = new Map();
/** Records of workspace 1 that the other workspace's admin must never see in an answer. */
const workspaceOneIds: string[] = [];
let fixtures: MatrixFixtures;
let client: MatrixClient;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("matrix");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  const services = testServices(database, env.client, taskQueue);
  server = createApiServer({
    services,
    routes: [createVoiceMessageRoute({ services, audioCipher: createAudioCipher(Buffer.alloc(32, 1)) })],
    // The codec endpoint without a token: sessions only (from the origin it trusts, here the test app's).
    standaloneRoutes: [createCodecRoute({ codec: new AesGcmPayloadCodec([{ id: "matrix", key: Buffer.alloc(32, 2) }]), services, token: undefined, corsOrigins: [TEST_APP_ORIGIN] })],
  });
  const speech = createSpeechProviders({});
  gateway = attachVoiceGateway(server, {
    services,
    engines: { createPipeline: (options) => createVoicePipeline(options), stt: speech.stt, tts: speech.tts },
    limits: { helloTimeoutMs: 60_000 },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new MatrixClient(baseUrl, credentials);
  fixtures = await createFixtures(database, baseUrl, credentials, workspaceOneIds);
}, 120_000);

afterAll(async () => {
  gateway?.close();
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

describe("the authorization matrix", () => {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string; meta?: { policy?: unknown } } }> } })._def.procedures;

  it("has a row for every procedure, and every procedure declares its policy", () => {
    const paths = Object.keys(procedures).sort();
    expect(paths.filter((path) => !(path in ROWS)), "procedures without a row in the matrix").toEqual([]);
    expect(Object.keys(ROWS).filter((path) => !paths.includes(path)), "rows for procedures that no longer exist").toEqual([]);
    expect(DUPLICATE_ROWS, "procedures with a row in more than one table").toEqual([]);
    expect(paths.filter((path) => !procedures[path]!._def.meta?.policy), "procedures without a declared policy").toEqual([]);
  });

  it("lets exactly the listed callers through, changes nothing on a refusal, and never shows another workspace's data", async () => {
    const wrong: string[] = [];
    let n = 0;
    for (const [path, procedure] of Object.entries(procedures)) {
      const allowed = new Set(ROWS[path]);
      for (const principal of PRINCIPALS) {
        const input = sampleInput(fixtures, path, ++n);
        // A signal an earlier caller sent is persisted by the workflow after the answer: wait for quiet first.
        const before = ASYNC_EFFECTS.has(path) ? await settledFingerprint(database.db) : await fingerprint(database.db);
        const outcome = await client.callProcedure(path, procedure._def.type, principal, input);
        if (outcome.status >= 500) wrong.push(`${path} as ${principal}: ${outcome.status} ${outcome.body.slice(0, 200)}`);
        if (principal === "otherWorkspaceAdmin" && !allowed.has(principal)) {
          // Refused, not found, or an answer about their own workspace only.
          const leaked = outcome.status === 200 && workspaceOneIds.some((id) => outcome.body.includes(id));
          if (leaked) wrong.push(`${path} as ${principal}: answered with workspace 1's data`);
          if ((refused(outcome) || outcome.status === 404) && (await fingerprint(database.db)) !== before) wrong.push(`${path} as ${principal}: refused but the database changed`);
          continue;
        }
        if (allowed.has(principal) && refused(outcome)) wrong.push(`${path} as ${principal}: expected through, got ${outcome.status} ${outcome.body.slice(0, 160)}`);
        if (!allowed.has(principal)) {
          if (!refused(outcome)) wrong.push(`${path} as ${principal}: expected 401/403, got ${outcome.status} ${outcome.body.slice(0, 160)}`);
          else if ((await fingerprint(database.db)) !== before) wrong.push(`${path} as ${principal}: refused but the database changed`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it("has a row for every plain HTTP and WebSocket route, and they let exactly those callers through", async () => {
    const wrong: string[] = [];
    const customerConversation = fixtures.customerConversationId;
    for (const [route, allowedList] of Object.entries(ROUTES)) {
      const allowed = new Set(allowedList);
      for (const principal of PRINCIPALS) {
        const before = await fingerprint(database.db);
        const outcome = route.startsWith("POST /codec")
          ? await client.decode(principal)
          : route.startsWith("POST")
            ? await client.upload(principal, customerConversation)
            : await client.openSocket(principal, customerConversation, route.endsWith("/listen"));
        const isRefused = outcome === 401 || outcome === 403 || outcome === 4401 || outcome === 4403;
        if (allowed.has(principal) && isRefused) wrong.push(`${route} as ${principal}: expected through, got ${outcome}`);
        if (!allowed.has(principal)) {
          if (!isRefused && !(principal === "otherWorkspaceAdmin" && (outcome === 404 || outcome === 4404))) wrong.push(`${route} as ${principal}: expected a refusal, got ${outcome}`);
          else if ((await fingerprint(database.db)) !== before) wrong.push(`${route} as ${principal}: refused but the database changed`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe("the sign-in routes", () => {
  it("serves only the auth library's routes Parley uses: the rest are 404s for everyone", async () => {
    const owner = credentials.get("owner")!.headers;
    for (const path of ["/update-session", "/update-user", "/sign-up/email", "/delete-user", "/change-email", "/link-social"]) {
      const response = await fetch(`${baseUrl}/api/auth${path}`, {
        method: "POST",
        headers: { ...owner, "content-type": "application/json" },
        body: JSON.stringify({ activeWorkspaceId: "elsewhere", name: "Mallory", email: "m@example.com", password: "a-long-password" }),
      });
      expect(response.status, path).toBe(404);
    }
    const session = await fetch(`${baseUrl}/api/auth/get-session`, { headers: owner });
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe("admin@parley.dev");
  });
});

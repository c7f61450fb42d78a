// The authorization matrix: every procedure of the router (and the plain HTTP and WebSocket
// routes) × every kind of caller → allowed or refused, with the database unchanged after every
// refusal. The rows below are written by hand, independently of the policies in the code: a
// procedure added without a row here fails the first test, and a policy that drifts from its row
// fails the second.
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { hashPassword } from "better-auth/crypto";
import { appRouter, generateApiKey } from "@parley/api";
import { createApiServer, attachVoiceGateway, createCodecRoute, type VoiceGateway } from "../src";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";
import { createVoiceMessageRoute } from "../src/voice/voice-message";
import { createAudioCipher } from "@parley/activities/voice";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import { createConversationWorker } from "@parley/worker";
import { signIn, testServices, TEST_APP_ORIGIN } from "../../../test/support/api";
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from "../../../test/support/database";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";

const PRINCIPALS = [
  "anonymous",
  "customer",
  "otherCustomer",
  "owner",
  "admin",
  "supervisor",
  "agent",
  "analyst",
  "otherWorkspaceAdmin",
  "key:read",
  "key:write",
  "key:admin",
] as const;
type Principal = (typeof PRINCIPALS)[number];

const STAFF: Principal[] = ["owner", "admin", "supervisor", "agent", "analyst"];
const WORKERS: Principal[] = ["owner", "admin", "supervisor", "agent"];
const MANAGERS: Principal[] = ["owner", "admin"];
/** Who watches the floor: teams, skills and presence (read only for supervisors). */
const SUPERVISORS: Principal[] = ["owner", "admin", "supervisor"];
const KEYS: Principal[] = ["key:read", "key:write", "key:admin"];
const WRITE_KEYS: Principal[] = ["key:write", "key:admin"];
const ANYONE = [...PRINCIPALS];
/** Signed-in people, whatever their workspace. */
const SIGNED_IN: Principal[] = [...STAFF, "otherWorkspaceAdmin"];

/**
 * Who may call each procedure of workspace 1's data. The admin of another workspace is never
 * listed: whatever they call must be refused, or not find workspace 1's records, or answer with
 * their own workspace's data only (checked separately).
 */
const ROWS: Record<string, Principal[]> = {
  "flows.list": [...STAFF, ...KEYS],
  "flows.get": [...STAFF, ...KEYS],
  "flows.customActivities": [...STAFF, ...KEYS],
  "flows.create": [...MANAGERS, ...WRITE_KEYS],
  "flows.saveDraft": [...MANAGERS, ...WRITE_KEYS],
  "flows.publish": [...MANAGERS, ...WRITE_KEYS],
  "flows.versions": [...STAFF, ...KEYS],
  /** Figures, never transcripts: whoever reads reports (not agents). */
  "flowAnalytics.nodes": ["owner", "admin", "supervisor", "analyst", ...KEYS],
  "flows.version": [...STAFF, ...KEYS],
  "flows.diff": [...STAFF, ...KEYS],
  "flows.restore": [...MANAGERS, ...WRITE_KEYS],
  "simulator.start": [...MANAGERS, ...WRITE_KEYS],
  "simulator.skip": [...MANAGERS, ...WRITE_KEYS],
  "simulator.stop": [...MANAGERS, ...WRITE_KEYS],
  "simulator.trace": [...MANAGERS, ...WRITE_KEYS],
  "simulator.rerun": [...MANAGERS, ...WRITE_KEYS],
  "replayChecks.start": [...MANAGERS, ...WRITE_KEYS],
  "replayChecks.get": [...MANAGERS, ...WRITE_KEYS],
  "replayChecks.cancel": [...MANAGERS, ...WRITE_KEYS],
  "testCases.list": [...STAFF, ...KEYS],
  "testCases.create": [...MANAGERS, ...WRITE_KEYS],
  "testCases.delete": [...MANAGERS, ...WRITE_KEYS],
  "testCases.run": [...MANAGERS, ...WRITE_KEYS],
  "testCases.runAll": [...MANAGERS, ...WRITE_KEYS],
  "flows.rename": [...MANAGERS, ...WRITE_KEYS],
  "flows.duplicate": [...MANAGERS, ...WRITE_KEYS],
  "flows.delete": [...MANAGERS, ...WRITE_KEYS],
  "conversations.reply": WORKERS,
  "conversations.assign": WORKERS,
  "conversations.resolve": WORKERS,
  "conversations.handBack": WORKERS,
  "conversations.start": ANYONE,
  "conversations.resume": ["customer"],
  "conversations.startFromMessage": [...MANAGERS, ...WRITE_KEYS],
  "conversations.send": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "conversations.list": [...WORKERS, ...KEYS],
  "conversations.get": [...WORKERS, ...KEYS],
  /** A customer's file: whoever may read its conversation. */
  "attachments.get": [...WORKERS, ...KEYS],
  /** Analysts too: the steps and timings, without what was said. */
  "conversations.path": [...STAFF, ...KEYS],
  "conversations.messagesSince": ["customer", ...WORKERS, ...KEYS],
  "conversations.stream": ["customer"],
  /** Moving one's own conversation to email: the customer alone (a bad address here, so nothing moves). */
  "conversations.continueByEmail": ["customer"],
  /** The same by SMS: the customer alone (a number that is not one here, so nothing moves). */
  "conversations.continueBySms": ["customer"],
  "conversations.state": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "conversations.listenIn": ["owner", "admin", "supervisor"],
  "conversations.counts": [...WORKERS, ...KEYS],
  "conversations.viewCounts": [...WORKERS, ...KEYS],
  // Saved views belong to people; an agent deleting another's shared view is refused by the
  // procedure itself (packages/api/test/inbox-search.test.ts), not by its policy.
  /** Live updates: the same callers as the inbox's reads (what each hears is filtered like the inbox; live-updates.test.ts). */
  "live.events": [...WORKERS, ...KEYS],
  "savedViews.list": WORKERS,
  "savedViews.create": WORKERS,
  "savedViews.delete": WORKERS,
  "users.list": [...STAFF, ...KEYS],
  "notifications.list": [...WORKERS, ...KEYS],
  "notifications.markRead": [...WORKERS, ...KEYS],
  "knowledge.bases.list": [...STAFF, ...KEYS],
  "knowledge.bases.get": [...STAFF, ...KEYS],
  "knowledge.bases.create": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.bases.update": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.bases.delete": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.get": [...STAFF, ...KEYS],
  "knowledge.documents.create": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.update": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.delete": [...MANAGERS, ...WRITE_KEYS],
  "knowledge.documents.chunks": [...STAFF, ...KEYS],
  "knowledge.search": [...STAFF, ...KEYS],
  "aiTest.intent": [...MANAGERS, ...WRITE_KEYS],
  "sentiment.trend": [...WORKERS, ...KEYS],
  "account.me": ANYONE,
  "account.switchWorkspace": SIGNED_IN,
  "account.updateProfile": SIGNED_IN,
  "members.list": MANAGERS,
  "members.invite": MANAGERS,
  "members.revokeInvitation": MANAGERS,
  "members.changeRole": MANAGERS,
  "members.setActive": MANAGERS,
  "invitations.preview": ANYONE,
  "invitations.accept": ANYONE,
  "apiKeys.list": MANAGERS,
  "apiKeys.create": MANAGERS,
  "apiKeys.revoke": MANAGERS,
  "audit.list": [...MANAGERS, "key:admin"],
  "audit.exportCsv": [...MANAGERS, "key:admin"],
  "settings.retention": [...MANAGERS, "key:admin"],
  "health.status": [...MANAGERS, "key:admin"],
  "settings.setRetention": [...MANAGERS, "key:admin"],
  "secrets.list": [...MANAGERS, "key:admin"],
  "secrets.set": [...MANAGERS, "key:admin"],
  "secrets.delete": [...MANAGERS, "key:admin"],
  /** The contacts page: agents and up; keys read, and write keys create and update by identity. */
  "contacts.list": [...WORKERS, ...KEYS],
  "contacts.get": [...WORKERS, ...KEYS],
  "contacts.upsert": [...WORKERS, ...WRITE_KEYS],
  "contacts.updateAttributes": [...WORKERS, ...WRITE_KEYS],
  /** A person's decision, like the inbox's other writes. */
  "contacts.merge": WORKERS,
  "webhooks.list": [...MANAGERS, "key:admin"],
  "webhooks.create": [...MANAGERS, "key:admin"],
  "webhooks.update": [...MANAGERS, "key:admin"],
  "webhooks.delete": [...MANAGERS, "key:admin"],
  "webhooks.rotateSecret": [...MANAGERS, "key:admin"],
  "webhooks.deliveries": [...MANAGERS, "key:admin"],
  "webhooks.sendTest": [...MANAGERS, "key:admin"],
  "webhooks.redeliver": [...MANAGERS, "key:admin"],
  "contacts.erase": [...MANAGERS, "key:admin"],
  "members.setCapacity": MANAGERS,
  "teams.list": SUPERVISORS,
  "teams.names": [...STAFF, ...KEYS],
  "teams.create": MANAGERS,
  "teams.update": MANAGERS,
  "teams.delete": MANAGERS,
  "teams.addMember": MANAGERS,
  "teams.removeMember": MANAGERS,
  "skills.list": SUPERVISORS,
  "skills.names": [...STAFF, ...KEYS],
  "skills.create": MANAGERS,
  "skills.rename": MANAGERS,
  "skills.delete": MANAGERS,
  "skills.setAgentLevels": MANAGERS,
  "presence.mine": WORKERS,
  "presence.set": WORKERS,
  "presence.list": SUPERVISORS,
  // Offers are a signed-in agent's own: keys have none to answer.
  "routing.offers": WORKERS,
  "routing.accept": WORKERS,
  "routing.decline": WORKERS,
  "labels.list": [...WORKERS, ...KEYS],
  "labels.create": [...MANAGERS, "key:admin"],
  "labels.update": [...MANAGERS, "key:admin"],
  "labels.delete": [...MANAGERS, "key:admin"],
  "channels.list": [...MANAGERS, "key:admin"],
  "channels.create": [...MANAGERS, "key:admin"],
  "channels.update": [...MANAGERS, "key:admin"],
  "channels.delete": [...MANAGERS, "key:admin"],
  "channels.rotateSecret": [...MANAGERS, "key:admin"],
  "channels.testImap": [...MANAGERS, "key:admin"],
  "labels.ofConversation": [...WORKERS, ...KEYS],
  "labels.setOnConversation": WORKERS,
  "cannedResponses.list": [...WORKERS, ...KEYS],
  "cannedResponses.create": [...MANAGERS, "key:admin"],
  "cannedResponses.update": [...MANAGERS, "key:admin"],
  "cannedResponses.delete": [...MANAGERS, "key:admin"],
  "cannedResponses.render": WORKERS,
  "contactPanel.get": [...WORKERS, ...KEYS],
  "contactPanel.update": WORKERS,
  "macros.list": [...WORKERS, ...KEYS],
  "macros.create": [...MANAGERS, "key:admin"],
  "macros.update": [...MANAGERS, "key:admin"],
  "macros.delete": [...MANAGERS, "key:admin"],
  "macros.run": WORKERS,
  "automation.list": [...MANAGERS, "key:admin"],
  "automation.create": [...MANAGERS, "key:admin"],
  "automation.update": [...MANAGERS, "key:admin"],
  "automation.setEnabled": [...MANAGERS, "key:admin"],
  "automation.delete": [...MANAGERS, "key:admin"],
  "automation.test": [...MANAGERS, "key:admin"],
  "slaPolicies.list": [...MANAGERS, "key:admin"],
  "slaPolicies.create": [...MANAGERS, "key:admin"],
  "slaPolicies.update": [...MANAGERS, "key:admin"],
  "slaPolicies.delete": [...MANAGERS, "key:admin"],
  "notes.list": WORKERS,
  "notes.add": WORKERS,
  "supervise.board": SUPERVISORS,
  "supervise.whisper": SUPERVISORS,
  "supervise.bargeIn": SUPERVISORS,
  "supervise.takeOver": SUPERVISORS,
  "analytics.conversations": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.team": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.satisfaction": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.voice": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.satisfactionComments": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.drillDown": [...SUPERVISORS, "analyst", ...KEYS],
  "analytics.filterOptions": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.catalog": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.run": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.csv": [...SUPERVISORS, "analyst", ...KEYS],
  "reports.list": [...SUPERVISORS, "analyst", ...KEYS],
  // Saved reports carry their author: people only. Deleting another's is refused by the procedure.
  "reports.save": [...SUPERVISORS, "analyst"],
  "reports.delete": [...SUPERVISORS, "analyst"],
};

/** The plain HTTP and WebSocket routes, with the same meaning. */
const ROUTES: Record<string, Principal[]> = {
  "POST /voice/messages/:conversationId": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "WS /voice/calls/:conversationId": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "WS /voice/calls/:conversationId/listen": ["owner", "admin", "supervisor"],
  /**
   * Temporal's codec endpoint opens payloads for roles that see every conversation. Its keys are
   * the deployment's, not a workspace's (the Temporal UI it serves is an operator's view of every
   * workspace), so any workspace's owner, admin or supervisor may use it: per-workspace payload
   * keys would be what narrows this.
   */
  "POST /codec/decode": ["owner", "admin", "supervisor", "otherWorkspaceAdmin"],
};

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let gateway: VoiceGateway;
let baseUrl: string;
/** What each principal sends: cookies, keys or tokens (headers), and a `?token=` for sockets. */
const credentials = new Map<Principal, { headers: Record<string, string>; query: string }>();
/** Records of workspace 1 that the other workspace's admin must never see in an answer. */
const workspaceOneIds: string[] = [];
let sample: (path: string, n: number) => unknown;
/** The conversation the "customer" principal holds the token of. */
let customerConversationId: string;

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
  const { db, seed } = database;

  // Another workspace with its own admin.
  const other = await db.workspace.create({ data: { name: "Other", slug: "other" } });
  const otherAdmin = await db.user.create({ data: { email: "other-admin@example.com", name: "Olga Other", emailVerified: true } });
  await db.account.create({ data: { userId: otherAdmin.id, providerId: "credential", accountId: otherAdmin.id, password: await hashPassword(TEST_PASSWORD) } });
  await db.member.create({ data: { workspaceId: other.id, userId: otherAdmin.id, role: "admin" } });
  // A colleague whose role and status the matrix may change freely.
  const temp = await db.user.create({ data: { email: "temp@parley.dev", name: "Tim Temp", emailVerified: true } });
  await db.member.create({ data: { workspaceId: seed.workspaceId, userId: temp.id, role: "agent" } });

  const cookie = (value: string) => ({ headers: { cookie: value, origin: TEST_APP_ORIGIN }, query: "" });
  credentials.set("anonymous", { headers: {}, query: "" });
  for (const [principal, email] of [
    ["owner", "admin@parley.dev"],
    ["supervisor", "supervisor@parley.dev"],
    ["agent", "agent@parley.dev"],
    ["analyst", "analyst@parley.dev"],
    ["otherWorkspaceAdmin", "other-admin@example.com"],
  ] as const) {
    credentials.set(principal, cookie(await signIn(baseUrl, email)));
  }
  // An admin (not owner) of workspace 1.
  const admin = await db.user.create({ data: { email: "second-admin@parley.dev", name: "Adam Admin", emailVerified: true } });
  await db.account.create({ data: { userId: admin.id, providerId: "credential", accountId: admin.id, password: await hashPassword(TEST_PASSWORD) } });
  await db.member.create({ data: { workspaceId: seed.workspaceId, userId: admin.id, role: "admin" } });
  credentials.set("admin", cookie(await signIn(baseUrl, "second-admin@parley.dev")));
  for (const scope of ["read", "write", "admin"] as const) {
    const { key, prefix, hash } = generateApiKey();
    await db.apiKey.create({ data: { workspaceId: seed.workspaceId, name: `matrix ${scope}`, scope, prefix, hash } });
    credentials.set(`key:${scope}`, { headers: { authorization: `Bearer ${key}` }, query: "" });
  }
  const throwawayKey = await db.apiKey.create({ data: { workspaceId: seed.workspaceId, name: "throwaway", scope: "read", prefix: "pk_x", hash: generateApiKey().hash } });

  // The customer's conversation (A), another customer's (B), and one to resolve (R).
  const open = async () => {
    const response = await fetch(`${baseUrl}/trpc/conversations.start`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ flowId: seed.flowId }),
    });
    return ((await response.json()) as { result: { data: { conversationId: string; token: string } } }).result.data;
  };
  const [a, b, r] = [await open(), await open(), await open()];
  customerConversationId = a.conversationId;
  credentials.set("customer", { headers: { "x-parley-conversation-token": a.token }, query: `?token=${a.token}` });
  credentials.set("otherCustomer", { headers: { "x-parley-conversation-token": b.token }, query: `?token=${b.token}` });

  // A simulator's test conversation of the seeded flow's draft, started by the owner.
  const simulated = (await (
    await fetch(`${baseUrl}/trpc/simulator.start`, {
      method: "POST",
      headers: { ...credentials.get("owner")!.headers, "content-type": "application/json" },
      body: JSON.stringify({ flowId: seed.flowId }),
    })
  ).json()) as { result: { data: { conversationId: string } } };
  const testConversationId = simulated.result.data.conversationId;

  const scratchFlow = await db.flow.findFirstOrThrow({ where: { workspaceId: seed.workspaceId, name: "Support with a human" }, include: { versions: true } });
  const draft = scratchFlow.versions.find((version) => !version.published)!;
  // A replay check of a flow no conversation ran yet: it replays nothing, so changes nothing later.
  const replayCheck = (await (
    await fetch(`${baseUrl}/trpc/replayChecks.start`, {
      method: "POST",
      headers: { ...credentials.get("owner")!.headers, "content-type": "application/json" },
      body: JSON.stringify({ flowId: scratchFlow.id }),
    })
  ).json()) as { result: { data: { id: string } } };
  const replayCheckId = replayCheck.result.data.id;
  const scratchCase = await db.flowTestCase.create({ data: { flowId: scratchFlow.id, name: "Scratch case", inputs: ["hello"], expectedReplies: [] } });
  const doomedCase = await db.flowTestCase.create({ data: { flowId: scratchFlow.id, name: "Doomed case", inputs: ["hello"], expectedReplies: [] } });
  const doomedFlow = await db.flow.create({
    data: { workspaceId: seed.workspaceId, name: "Doomed flow", versions: { create: { version: 1, schemaVersion: 1, graph: { schemaVersion: 1, nodes: [], edges: [] } } } },
  });
  const scratchBase = await db.knowledgeBase.create({ data: { workspaceId: seed.workspaceId, name: "Scratch" } });
  const doomedBase = await db.knowledgeBase.create({ data: { workspaceId: seed.workspaceId, name: "Doomed" } });
  const document = await db.knowledgeDocument.findFirstOrThrow({ where: { knowledgeBaseId: seed.knowledgeBaseId } });
  const doomedDocument = await db.knowledgeDocument.create({
    data: { knowledgeBaseId: scratchBase.id, title: "Doomed", content: "Delete me.", contentHash: "x", sourceType: "text" },
  });
  const doomedContact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Forget Me" } });
  const scratchContact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Keep Me" } });
  const mergedContact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Merge Me" } });
  const file = await db.messageAttachment.create({
    data: { conversationId: a.conversationId, fileName: "matrix.txt", contentType: "text/plain", bytes: 1, iv: Buffer.alloc(12), tag: Buffer.alloc(16), data: Buffer.alloc(1) },
  });
  const invitation = await db.invitation.create({
    data: { workspaceId: seed.workspaceId, email: "invitee@parley.dev", role: "agent", tokenHash: createHash("sha256").update("matrix-invitation-token-0123").digest("hex"), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const scratchTeam = await db.team.create({ data: { workspaceId: seed.workspaceId, name: "Scratch team" } });
  const doomedTeam = await db.team.create({ data: { workspaceId: seed.workspaceId, name: "Doomed team" } });
  const scratchSkill = await db.skill.create({ data: { workspaceId: seed.workspaceId, name: "scratch" } });
  const doomedSkill = await db.skill.create({ data: { workspaceId: seed.workspaceId, name: "doomed" } });
  workspaceOneIds.push(scratchTeam.id, doomedTeam.id, scratchSkill.id, doomedSkill.id, scratchCase.id, doomedCase.id);
  const scratchLabel = await db.label.create({ data: { workspaceId: seed.workspaceId, name: "scratch", color: "#336699" } });
  const doomedLabel = await db.label.create({ data: { workspaceId: seed.workspaceId, name: "doomed", color: "#993333" } });
  const widgetChannel = (name: string, publicId: string) =>
    db.workspaceChannel.create({ data: { workspaceId: seed.workspaceId, kind: "web_widget", name, flowId: seed.flowId, publicId, allowedOrigins: ["*"], config: {} } });
  const scratchChannel = await widgetChannel("Scratch widget", "matrix-scratch-widget");
  const doomedChannel = await widgetChannel("Doomed widget", "matrix-doomed-widget");
  const apiChannel = await db.workspaceChannel.create({ data: { workspaceId: seed.workspaceId, kind: "api", name: "Matrix API", flowId: seed.flowId, publicId: "matrix-api-channel", allowedOrigins: [], config: {} } });
  workspaceOneIds.push(scratchChannel.id, doomedChannel.id, apiChannel.id);
  const scratchCanned = await db.cannedResponse.create({ data: { workspaceId: seed.workspaceId, shortcut: "scratch", title: "Scratch", body: "Hi {{contact.name}}" } });
  const doomedCanned = await db.cannedResponse.create({ data: { workspaceId: seed.workspaceId, shortcut: "doomed", title: "Doomed", body: "Bye" } });
  workspaceOneIds.push(scratchLabel.id, doomedLabel.id, scratchCanned.id, doomedCanned.id);
  const scratchMacro = await db.macro.create({ data: { workspaceId: seed.workspaceId, name: "Scratch macro", actions: [{ type: "addLabel", labelId: scratchLabel.id }] } });
  const doomedMacro = await db.macro.create({ data: { workspaceId: seed.workspaceId, name: "Doomed macro", actions: [{ type: "addLabel", labelId: scratchLabel.id }] } });
  workspaceOneIds.push(scratchMacro.id, doomedMacro.id);
  const sealedNothing = { secretIv: Buffer.alloc(12), secretTag: Buffer.alloc(16), secretData: Buffer.alloc(8) };
  const webhookFields = { workspaceId: seed.workspaceId, eventTypes: ["conversation.created"], ...sealedNothing };
  const scratchWebhook = await db.webhookSubscription.create({ data: { ...webhookFields, url: "https://hooks.example.com/scratch" } });
  const doomedWebhook = await db.webhookSubscription.create({ data: { ...webhookFields, url: "https://hooks.example.com/doomed" } });
  const pastEvent = await db.webhookEvent.create({ data: { workspaceId: seed.workspaceId, source: "test", payload: { id: "evt_0", type: "webhook.test" }, dispatchedAt: new Date() } });
  workspaceOneIds.push(scratchWebhook.id, doomedWebhook.id);
  const scratchRule = await db.automationRule.create({ data: { workspaceId: seed.workspaceId, name: "Scratch rule", enabled: false, event: "conversation.created", conditions: [], actions: [{ type: "addLabel", labelId: scratchLabel.id }] } });
  const doomedRule = await db.automationRule.create({ data: { workspaceId: seed.workspaceId, name: "Doomed rule", enabled: false, event: "conversation.created", conditions: [], actions: [{ type: "addLabel", labelId: scratchLabel.id }] } });
  workspaceOneIds.push(scratchRule.id, doomedRule.id);
  const slaConfig = { firstResponse: 15, nextResponse: 30, resolution: 480 };
  const scratchPolicy = await db.slaPolicy.create({ data: { workspaceId: seed.workspaceId, name: "Scratch policy", enabled: false, teams: [], priorities: [], channels: [], config: slaConfig } });
  const doomedPolicy = await db.slaPolicy.create({ data: { workspaceId: seed.workspaceId, name: "Doomed policy", enabled: false, teams: [], priorities: [], channels: [], config: slaConfig } });
  workspaceOneIds.push(scratchPolicy.id, doomedPolicy.id);
  workspaceOneIds.push(file.id);
  workspaceOneIds.push(seed.workspaceId, seed.flowId, scratchFlow.id, doomedFlow.id, a.conversationId, b.conversationId, r.conversationId, testConversationId, seed.knowledgeBaseId, document.id, invitation.id, throwawayKey.id, doomedContact.id, scratchContact.id, mergedContact.id);

  const lastWeek = { from: new Date(Date.now() - 7 * 86_400_000).toISOString(), to: new Date().toISOString() };
  sample = (path, n) =>
    ({
      "flows.get": { id: seed.flowId },
      "flows.create": { name: `Matrix ${n}` },
      "flows.saveDraft": { id: scratchFlow.id, graph: draft.graph },
      "flows.publish": { id: scratchFlow.id, note: `Matrix ${n}` },
      "flows.versions": { id: seed.flowId },
      "flowAnalytics.nodes": { flowId: seed.flowId },
      "flows.version": { id: seed.flowId, version: "draft" },
      "flows.diff": { id: seed.flowId, from: "draft", to: "draft" },
      "flows.restore": { id: seed.flowId, version: 1 },
      "simulator.start": { flowId: seed.flowId },
      "simulator.skip": { conversationId: testConversationId },
      "simulator.stop": { conversationId: testConversationId },
      "simulator.trace": { conversationId: testConversationId },
      "simulator.rerun": { conversationId: a.conversationId, nodeRunId: `${a.conversationId}-n1` },
      "replayChecks.start": { flowId: scratchFlow.id, limit: 1 },
      "replayChecks.get": { id: replayCheckId },
      "replayChecks.cancel": { id: replayCheckId },
      "testCases.list": { flowId: scratchFlow.id },
      "testCases.create": { flowId: scratchFlow.id, name: `Matrix ${n}`, inputs: ["hello"], expectedReplies: [] },
      "testCases.delete": { flowId: scratchFlow.id, id: doomedCase.id },
      "testCases.run": { flowId: scratchFlow.id, id: scratchCase.id },
      "testCases.runAll": { flowId: scratchFlow.id },
      // The scratch flow keeps its name (the setup finds it by name); the description changes.
      "flows.rename": { id: scratchFlow.id, name: scratchFlow.name, description: `Renamed ${n}` },
      "flows.duplicate": { id: seed.flowId },
      "flows.delete": { id: doomedFlow.id },
      "conversations.reply": { conversationId: a.conversationId, text: "Hello from the matrix" },
      "conversations.assign": { conversationId: a.conversationId, agentId: null },
      "conversations.resolve": { conversationId: r.conversationId },
      "conversations.handBack": { conversationId: a.conversationId },
      "conversations.start": { flowId: seed.flowId },
      "conversations.resume": { conversationId: a.conversationId },
      "conversations.startFromMessage": { channel: "api", text: "hello" },
      "conversations.send": { conversationId: a.conversationId, text: `Matrix ${n}` },
      "conversations.list": {},
      "conversations.get": { id: a.conversationId },
      "attachments.get": { id: file.id },
      "conversations.path": { conversationId: a.conversationId },
      "conversations.messagesSince": { conversationId: a.conversationId, afterSeq: 0 },
      "conversations.stream": { conversationId: a.conversationId },
      "conversations.continueByEmail": { conversationId: a.conversationId, email: "not an address" },
      "conversations.continueBySms": { conversationId: a.conversationId, phone: "not a number" },
      "conversations.state": { conversationId: a.conversationId },
      "conversations.listenIn": { conversationId: a.conversationId },
      "notifications.list": {},
      "notifications.markRead": {},
      "knowledge.bases.get": { id: seed.knowledgeBaseId },
      "knowledge.bases.create": { name: `Matrix ${n}` },
      "knowledge.bases.update": { id: scratchBase.id, description: `Edited ${n}` },
      "knowledge.bases.delete": { id: doomedBase.id },
      "knowledge.documents.get": { id: document.id },
      "knowledge.documents.create": { knowledgeBaseId: scratchBase.id, title: `Matrix ${n}`, source: { sourceType: "text", content: "Refunds take five days." } },
      "knowledge.documents.update": { id: document.id, title: document.title },
      "knowledge.documents.delete": { id: doomedDocument.id },
      "knowledge.documents.chunks": { id: document.id },
      "knowledge.search": { knowledgeBaseId: seed.knowledgeBaseId, query: "refund" },
      "aiTest.intent": { text: "I want my money back", intents: [{ name: "refund", examples: ["refund please", "money back"] }] },
      "sentiment.trend": { conversationId: a.conversationId },
      "account.switchWorkspace": { workspaceId: seed.workspaceId },
      "account.updateProfile": { name: `Person ${n}` },
      "members.invite": { email: `matrix-${n}@parley.dev`, role: "agent" },
      "members.revokeInvitation": { id: invitation.id },
      "members.changeRole": { userId: temp.id, role: "agent" },
      "members.setActive": { userId: temp.id, active: true },
      "invitations.preview": { token: "matrix-invitation-token-0123" },
      "invitations.accept": { token: "matrix-invitation-token-0123", name: "Ivy Invitee", password: "a-long-password" },
      "apiKeys.create": { name: `Matrix ${n}`, scope: "read" },
      "apiKeys.revoke": { id: throwawayKey.id },
      "audit.list": {},
      "audit.exportCsv": {},
      "settings.setRetention": { retainTranscriptsDays: 365, retainRecordingsDays: 90, retainAuditDays: 730 },
      "secrets.set": { name: "MATRIX_TOKEN", value: `value ${n}` },
      "secrets.delete": { name: "NEVER_SET" },
      "contacts.list": {},
      "contacts.get": { id: scratchContact.id },
      "contacts.upsert": { email: `matrix-${n}@example.com` },
      "contacts.updateAttributes": { id: scratchContact.id, attributes: { plan: `plan ${n}` } },
      "contacts.merge": { keptId: scratchContact.id, mergedId: mergedContact.id },
      "webhooks.create": { url: `https://hooks.example.com/matrix-${n}`, eventTypes: ["conversation.created"] },
      "webhooks.update": { id: scratchWebhook.id, description: `Edited ${n}` },
      "webhooks.delete": { id: doomedWebhook.id },
      "webhooks.rotateSecret": { id: scratchWebhook.id },
      "webhooks.deliveries": { id: scratchWebhook.id },
      "webhooks.sendTest": { id: scratchWebhook.id },
      "webhooks.redeliver": { id: scratchWebhook.id, eventId: `evt_${pastEvent.id}` },
      "contacts.erase": { contactId: doomedContact.id },
      "members.setCapacity": { userId: temp.id, chatCapacity: 4, callCapacity: 1 },
      "teams.create": { name: `Matrix ${n}` },
      "teams.update": { id: scratchTeam.id, description: `Edited ${n}` },
      "teams.delete": { id: doomedTeam.id },
      "teams.addMember": { teamId: scratchTeam.id, userId: temp.id },
      "teams.removeMember": { teamId: scratchTeam.id, userId: temp.id },
      "skills.create": { name: `matrix-${n}` },
      "skills.rename": { id: scratchSkill.id, name: `scratch-${n}` },
      "skills.delete": { id: doomedSkill.id },
      "skills.setAgentLevels": { userId: temp.id, levels: [{ skillId: scratchSkill.id, level: 2 }] },
      "presence.set": { presence: "online" },
      "routing.accept": { offerId: "no-such-offer" },
      "routing.decline": { offerId: "no-such-offer" },
      "labels.create": { name: `matrix-${n}`, color: "#123456" },
      "labels.update": { id: scratchLabel.id, name: `scratch-${n}`, color: "#336699" },
      "labels.delete": { id: doomedLabel.id },
      "channels.list": {},
      "channels.create": { kind: "web_widget", name: `Matrix ${n}`, flowId: seed.flowId, allowedOrigins: ["https://shop.example.com"], config: {} },
      "channels.update": { id: scratchChannel.id, kind: "web_widget", name: "Scratch widget", flowId: seed.flowId, allowedOrigins: ["*"], config: { color: "#112233" } },
      "channels.delete": { id: doomedChannel.id },
      "channels.rotateSecret": { id: apiChannel.id },
      // Port 1 on loopback refuses at once: the answer is { ok: false, error } for whoever may ask.
      "channels.testImap": { imap: { host: "127.0.0.1", port: 1, tls: false, user: "matrix" }, password: "matrix" },
      "labels.ofConversation": { conversationId: a.conversationId },
      "labels.setOnConversation": { conversationId: a.conversationId, labelId: scratchLabel.id, on: n % 2 === 0 },
      "cannedResponses.create": { shortcut: `matrix-${n}`, title: `Matrix ${n}`, body: "Hello" },
      "cannedResponses.update": { id: scratchCanned.id, shortcut: `scratch-${n}`, title: "Scratch", body: "Hi {{contact.name}}" },
      "cannedResponses.delete": { id: doomedCanned.id },
      "cannedResponses.render": { id: scratchCanned.id, conversationId: a.conversationId },
      "contactPanel.get": { conversationId: a.conversationId },
      "macros.create": { name: `Matrix ${n}`, actions: [{ type: "addLabel", labelId: scratchLabel.id }] },
      "macros.update": { id: scratchMacro.id, name: "Scratch macro", actions: [{ type: "removeLabel", labelId: scratchLabel.id }] },
      "macros.delete": { id: doomedMacro.id },
      "macros.run": { macroId: scratchMacro.id, conversationId: a.conversationId },
      "automation.list": undefined,
      "automation.create": { name: `Matrix rule ${n}`, enabled: false, event: "conversation.created", actions: [{ type: "addLabel", labelId: scratchLabel.id }] },
      "automation.update": { id: scratchRule.id, rule: { name: "Scratch rule", enabled: false, event: "message.received", actions: [{ type: "addLabel", labelId: scratchLabel.id }] } },
      "automation.setEnabled": { id: scratchRule.id, enabled: false },
      "automation.delete": { id: doomedRule.id },
      "automation.test": { conversationId: a.conversationId, rule: { name: "Dry", event: "message.received", actions: [{ type: "resolve" }] } },
      "slaPolicies.list": undefined,
      "slaPolicies.create": { name: `Matrix policy ${n}`, enabled: false, config: slaConfig },
      "slaPolicies.update": { id: scratchPolicy.id, policy: { name: "Scratch policy", enabled: false, config: slaConfig } },
      "slaPolicies.delete": { id: doomedPolicy.id },
      "contactPanel.update": { conversationId: a.conversationId, phone: `+44 20 7946 ${String(n).padStart(4, "0")}` },
      "savedViews.create": { name: `Matrix ${n}`, filters: { view: "mine", status: ["handoff"] } },
      "savedViews.delete": { id: "no-such-view" },
      "notes.list": { conversationId: a.conversationId },
      "notes.add": { conversationId: a.conversationId, text: `Matrix note ${n}` },
      "supervise.board": undefined,
      // The bot has A: whisper and barge-in need an agent on it (412 after the policy let them through).
      "supervise.whisper": { conversationId: a.conversationId, text: `Matrix whisper ${n}` },
      "supervise.bargeIn": { conversationId: a.conversationId, text: `Matrix barge-in ${n}` },
      // B, not A: the routes below still need the customer's conversation with the bot.
      "supervise.takeOver": { conversationId: b.conversationId },
      "analytics.conversations": lastWeek,
      "analytics.team": lastWeek,
      "analytics.satisfaction": lastWeek,
      "analytics.voice": lastWeek,
      "analytics.satisfactionComments": { range: lastWeek },
      "analytics.drillDown": { range: lastWeek, figure: "conversations" },
      "reports.run": { range: lastWeek, definition: { metric: "conversations", groupBy: "channel", grain: "day" } },
      "reports.csv": { range: lastWeek, definition: { metric: "csat", groupBy: "agent", grain: "week" } },
      "reports.save": { name: `Matrix report ${n}`, definition: { metric: "quality" } },
      "reports.delete": { id: "no-such-report" },
    })[path];
}, 120_000);

afterAll(async () => {
  gateway?.close();
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** Every row of every table, hashed: equal before and after a refusal means nothing changed. */
async function fingerprint(): Promise<string> {
  const db = database.db;
  const tables = await Promise.all([
    db.workspace.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
    // Every request of a person notes when they were last active (auto-away reads it), refused or not.
    db.member.findMany({ orderBy: { id: "asc" }, omit: { lastActiveAt: true } }),
    db.invitation.findMany({ orderBy: { id: "asc" } }),
    db.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, revokedAt: true, scope: true } }),
    db.flow.findMany({ orderBy: { id: "asc" } }),
    db.flowVersion.findMany({ orderBy: { id: "asc" } }),
    db.contact.findMany({ orderBy: { id: "asc" } }),
    db.contactIdentity.findMany({ orderBy: { id: "asc" } }),
    db.conversation.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, assigneeId: true, team: true, priority: true } }),
    db.message.findMany({ orderBy: { id: "asc" } }),
    db.notification.findMany({ orderBy: { id: "asc" } }),
    db.knowledgeBase.findMany({ orderBy: { id: "asc" } }),
    db.knowledgeDocument.findMany({ orderBy: { id: "asc" }, select: { id: true, title: true, contentHash: true } }),
    db.audioRecording.count(),
    db.auditEvent.count(),
    db.secret.findMany({ orderBy: { id: "asc" } }),
    db.team.findMany({ orderBy: { id: "asc" } }),
    db.teamMember.findMany({ orderBy: [{ teamId: "asc" }, { memberId: "asc" }] }),
    db.skill.findMany({ orderBy: { id: "asc" } }),
    db.agentSkill.findMany({ orderBy: [{ skillId: "asc" }, { memberId: "asc" }] }),
    db.routingOffer.findMany({ orderBy: { id: "asc" } }),
    db.label.findMany({ orderBy: { id: "asc" } }),
    db.workspaceChannel.findMany({ orderBy: { id: "asc" } }),
    db.conversationLabel.findMany({ orderBy: [{ conversationId: "asc" }, { labelId: "asc" }] }),
    db.cannedResponse.findMany({ orderBy: { id: "asc" }, omit: { updatedAt: true } }),
    db.macro.findMany({ orderBy: { id: "asc" }, omit: { updatedAt: true } }),
    db.savedView.findMany({ orderBy: { id: "asc" } }),
    db.conversationNote.findMany({ orderBy: { id: "asc" } }),
    db.webhookSubscription.findMany({ orderBy: { id: "asc" }, omit: { updatedAt: true } }),
    // Only the rows a request makes (tests, redeliveries): the others follow conversations' analytics.
    db.webhookEvent.count({ where: { subscriptionId: { not: null } } }),
  ]);
  return createHash("sha256").update(JSON.stringify(tables)).digest("hex");
}

/** Procedures whose effect the conversation's workflow writes after the call has answered. */
const ASYNC_EFFECTS = new Set(["conversations.reply", "conversations.assign", "conversations.resolve", "conversations.handBack", "conversations.send", "supervise.takeOver", "supervise.bargeIn", "conversations.start", "testCases.run", "testCases.runAll"]);

/** The fingerprint once two reads 200 ms apart agree (the workflow has written what it was sent). */
async function settledFingerprint(): Promise<string> {
  let last = await fingerprint();
  for (let attempt = 0; attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await fingerprint();
    if (next === last) return next;
    last = next;
  }
  return last;
}

interface Outcome {
  status: number;
  body: string;
}

async function callProcedure(path: string, type: string, principal: Principal, input: unknown): Promise<Outcome> {
  const { headers } = credentials.get(principal)!;
  const encoded = input === undefined ? undefined : JSON.stringify(input);
  if (type === "subscription") return subscribe(path, headers, encoded);
  const response =
    type === "query"
      ? await fetch(`${baseUrl}/trpc/${path}${encoded === undefined ? "" : `?input=${encodeURIComponent(encoded)}`}`, { headers })
      : await fetch(`${baseUrl}/trpc/${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, ...(encoded === undefined ? {} : { body: encoded }) });
  return { status: response.status, body: await response.text() };
}

/**
 * Opens a server-sent events subscription as a browser's EventSource would (GET) and reads up to
 * its first event: a refusal arrives as an error event in the stream (the HTTP status is already
 * 200 by then), so its tRPC code becomes the status here.
 */
async function subscribe(path: string, headers: Record<string, string>, encoded: string | undefined): Promise<Outcome> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/trpc/${path}${encoded === undefined ? "" : `?input=${encodeURIComponent(encoded)}`}`, {
    headers: { ...headers, accept: "text/event-stream" },
    signal: abort.signal,
  });
  const reader = response.body!.getReader();
  let body = "";
  while (!/\n(data|event): (?!\{"type":"connected)/.test(body) || !body.endsWith("\n\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    body += new TextDecoder().decode(value);
  }
  abort.abort();
  const code = /"code":"(UNAUTHORIZED|FORBIDDEN)"/.exec(body)?.[1];
  return { status: code === "UNAUTHORIZED" ? 401 : code === "FORBIDDEN" ? 403 : response.status, body };
}

const refused = (outcome: Outcome) => outcome.status === 401 || outcome.status === 403;

describe("the authorization matrix", () => {
  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string; meta?: { policy?: unknown } } }> } })._def.procedures;

  it("has a row for every procedure, and every procedure declares its policy", () => {
    const paths = Object.keys(procedures).sort();
    expect(paths.filter((path) => !(path in ROWS)), "procedures without a row in the matrix").toEqual([]);
    expect(Object.keys(ROWS).filter((path) => !paths.includes(path)), "rows for procedures that no longer exist").toEqual([]);
    expect(paths.filter((path) => !procedures[path]!._def.meta?.policy), "procedures without a declared policy").toEqual([]);
  });

  it("lets exactly the listed callers through, changes nothing on a refusal, and never shows another workspace's data", async () => {
    const wrong: string[] = [];
    let n = 0;
    for (const [path, procedure] of Object.entries(procedures)) {
      const allowed = new Set(ROWS[path]);
      for (const principal of PRINCIPALS) {
        const input = sample(path, ++n);
        // A signal an earlier caller sent is persisted by the workflow after the answer: wait for quiet first.
        const before = ASYNC_EFFECTS.has(path) ? await settledFingerprint() : await fingerprint();
        const outcome = await callProcedure(path, procedure._def.type, principal, input);
        if (outcome.status >= 500) wrong.push(`${path} as ${principal}: ${outcome.status} ${outcome.body.slice(0, 200)}`);
        if (principal === "otherWorkspaceAdmin" && !allowed.has(principal)) {
          // Refused, not found, or an answer about their own workspace only.
          const leaked = outcome.status === 200 && workspaceOneIds.some((id) => outcome.body.includes(id));
          if (leaked) wrong.push(`${path} as ${principal}: answered with workspace 1's data`);
          if ((refused(outcome) || outcome.status === 404) && (await fingerprint()) !== before) wrong.push(`${path} as ${principal}: refused but the database changed`);
          continue;
        }
        if (allowed.has(principal) && refused(outcome)) wrong.push(`${path} as ${principal}: expected through, got ${outcome.status} ${outcome.body.slice(0, 160)}`);
        if (!allowed.has(principal)) {
          if (!refused(outcome)) wrong.push(`${path} as ${principal}: expected 401/403, got ${outcome.status} ${outcome.body.slice(0, 160)}`);
          else if ((await fingerprint()) !== before) wrong.push(`${path} as ${principal}: refused but the database changed`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it("has a row for every plain HTTP and WebSocket route, and they let exactly those callers through", async () => {
    const wrong: string[] = [];
    const customerConversation = customerConversationId;
    for (const [route, allowedList] of Object.entries(ROUTES)) {
      const allowed = new Set(allowedList);
      for (const principal of PRINCIPALS) {
        const before = await fingerprint();
        const outcome = route.startsWith("POST /codec")
          ? await decode(principal)
          : route.startsWith("POST")
            ? await upload(principal, customerConversation)
            : await openSocket(principal, customerConversation, route.endsWith("/listen"));
        const isRefused = outcome === 401 || outcome === 403 || outcome === 4401 || outcome === 4403;
        if (allowed.has(principal) && isRefused) wrong.push(`${route} as ${principal}: expected through, got ${outcome}`);
        if (!allowed.has(principal)) {
          if (!isRefused && !(principal === "otherWorkspaceAdmin" && (outcome === 404 || outcome === 4404))) wrong.push(`${route} as ${principal}: expected a refusal, got ${outcome}`);
          else if ((await fingerprint()) !== before) wrong.push(`${route} as ${principal}: refused but the database changed`);
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

/** Asks the codec endpoint to decode nothing: through the authorization point that is a 200. */
async function decode(principal: Principal): Promise<number> {
  const { headers } = credentials.get(principal)!;
  const response = await fetch(`${baseUrl}/codec/decode`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ payloads: [] }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** An upload of a WAV file too short to hold speech: through the authorization point it is a 4xx of its own (never 401/403). */
async function upload(principal: Principal, conversationId: string): Promise<number> {
  const { headers } = credentials.get(principal)!;
  const response = await fetch(`${baseUrl}/voice/messages/${conversationId}`, {
    method: "POST",
    headers: { ...headers, "content-type": "audio/wav" },
    body: new TextEncoder().encode("RIFF not really a wave"),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Opens a call or listen-in socket and reports how it went: the close code when the server
 * closes it at once (4401 unauthorized, 4403 forbidden, 4404…), or 101 when it stays open.
 */
async function openSocket(principal: Principal, conversationId: string, listen: boolean): Promise<number> {
  const { headers, query } = credentials.get(principal)!;
  const url = `${baseUrl.replace("http", "ws")}/voice/calls/${conversationId}${listen ? "/listen" : ""}${query}`;
  // Sockets take no custom headers in browsers; cookies and the origin they do send. A key is a header here, as from a server.
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.close();
      resolve(101);
    }, 1500);
    socket.on("close", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on("error", () => undefined);
    socket.on("unexpected-response", (_req, res) => {
      clearTimeout(timer);
      resolve(res.statusCode ?? 0);
    });
  });
}

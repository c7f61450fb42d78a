/**
 * The world the matrix calls into: a second workspace with its admin, a signed-in person of each
 * role, API keys of each scope, customers holding their conversations' tokens, and the records
 * (scratch ones to change, doomed ones to delete) that each procedure's sample input names.
 */
import { createHash } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { generateApiKey } from "@parley/api";
import { signIn, TEST_APP_ORIGIN } from "../../../../test/support/api";
import { TEST_PASSWORD, type TestDatabase } from "../../../../test/support/database";
import type { Credentials } from "./principals";

export type MatrixFixtures = Awaited<ReturnType<typeof createFixtures>>;

/**
 * Creates the records and fills `credentials`; `workspaceOneIds` gets the ids of workspace 1's
 * records, which the other workspace's admin must never see in an answer.
 */
export async function createFixtures(database: TestDatabase, baseUrl: string, credentials: Credentials, workspaceOneIds: string[]) {
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
  return { customerConversationId: a.conversationId, temp, throwawayKey, testConversationId, scratchFlow, draft, replayCheckId, scratchCase, doomedCase, doomedFlow, scratchBase, doomedBase, document, doomedDocument, doomedContact, scratchContact, mergedContact, file, invitation, scratchTeam, doomedTeam, scratchSkill, doomedSkill, scratchLabel, doomedLabel, scratchChannel, doomedChannel, apiChannel, scratchCanned, doomedCanned, scratchMacro, doomedMacro, scratchWebhook, doomedWebhook, pastEvent, scratchRule, doomedRule, slaConfig, scratchPolicy, doomedPolicy, lastWeek, a, b, r, seed };
}

/** The database's state as one hash, to show that a refused call changed nothing. */
import { createHash } from "node:crypto";
import type { Db } from "@parley/db";

/** Every row of every table, hashed: equal before and after a refusal means nothing changed. */
export async function fingerprint(db: Db): Promise<string> {
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
export const ASYNC_EFFECTS = new Set(["conversations.reply", "conversations.assign", "conversations.resolve", "conversations.handBack", "conversations.send", "supervise.takeOver", "supervise.bargeIn", "conversations.start", "testCases.run", "testCases.runAll"]);

/** The fingerprint once two reads 200 ms apart agree (the workflow has written what it was sent). */
export async function settledFingerprint(db: Db): Promise<string> {
  let last = await fingerprint(db);
  for (let attempt = 0; attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await fingerprint(db);
    if (next === last) return next;
    last = next;
  }
  return last;
}

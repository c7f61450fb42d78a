import { ApplicationFailure } from "@temporalio/common";
import type { CompiledFlow } from "@parley/flow";
import type { Db } from "@parley/db";
import type { RecordTurnInput } from "./types";

/** Ask-node answer types that say who the contact is, and the contact field each one fills. */
const CONTACT_FIELDS = { email: "email", phone: "phone" } as const;

/**
 * An ask node of input type email or phone that was answered this turn writes the answer (already
 * checked and normalised by the node) onto the conversation's contact, so the inbox and the next
 * conversation know it. Done here, in the persistence activity, rather than in workflow code: the
 * workflow stays as it was and recorded histories replay unchanged. One extra read, and only on
 * turns that answered an ask node. The answers become the contact's identities too (linkAnswers).
 */
export async function contactFromAnswers(db: Db, loadFlow: (flowVersionId: string) => Promise<CompiledFlow>, input: RecordTurnInput): Promise<void> {
  const answered = (input.nodeRuns ?? []).filter((run) => run.kind === "ask" && run.outcome === "answered");
  if (answered.length === 0) return;
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { flowVersionId: true, contactId: true, test: true } });
  if (!conversation || conversation.test) return;
  // The conversation runs on this version, so it loads; if it ever did not, the turn is already
  // stored and the contact simply keeps what it had (failing here would fail the turn for good).
  const flow = await loadFlow(conversation.flowVersionId).catch((err: unknown) => {
    if (err instanceof ApplicationFailure && err.nonRetryable) return null;
    throw err;
  });
  if (!flow) return;
  const update: { email?: string; phone?: string } = {};
  for (const run of answered) {
    const node = flow.nodes[run.nodeId];
    if (node?.kind !== "ask") continue;
    const config = node.config as { variable?: string; inputType?: string };
    const field = CONTACT_FIELDS[config.inputType as keyof typeof CONTACT_FIELDS];
    const value = config.variable ? input.variables[config.variable] : undefined;
    if (field && typeof value === "string" && value.length > 0) update[field] = value;
  }
  if (Object.keys(update).length === 0) return;
  const linked = await linkAnswers(db, conversation.contactId, update);
  await db.contact.update({ where: { id: conversation.contactId }, data: { ...update, ...(linked > 0 ? { revision: { increment: 1 } } : {}) } });
}

/** An E.164 number, as the ask node's phone answer type normalises one. */
const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * The answers as the contact's identities too (the API's resolveContact then finds this person by
 * them on any channel), in the same normal form: a lower-cased email, an E.164 phone. An identity
 * another contact holds stays there (the unique constraint refuses it): linking never merges.
 * Resolves with how many were added.
 */
async function linkAnswers(db: Db, contactId: string, answers: { email?: string; phone?: string }): Promise<number> {
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { workspaceId: true } });
  if (!contact) return 0;
  const identities = [
    ...(answers.email ? [{ kind: "email" as const, value: answers.email.trim().toLowerCase() }] : []),
    ...(answers.phone && E164.test(answers.phone) ? [{ kind: "phone" as const, value: answers.phone }] : []),
  ];
  let added = 0;
  for (const identity of identities) {
    try {
      await db.contactIdentity.create({ data: { workspaceId: contact.workspaceId, contactId, ...identity }, select: { id: true } });
      added++;
    } catch (err) {
      if ((err as { code?: unknown }).code !== "P2002") throw err;
    }
  }
  return added;
}

import { ApplicationFailure } from "@temporalio/common";
import { LruCache } from "@parley/ai";
import type { CompiledFlow } from "@parley/flow";
import type { Db } from "@parley/db";
import type { RecordTurnInput } from "./types";

/** Ask-node answer types that say who the contact is, and the contact field each one fills. */
const CONTACT_FIELDS = { email: "email", phone: "phone" } as const;

/** What a turn needs to know of its conversation that never changes: the pinned version, whether it is a test. */
interface PinnedConversation {
  flowVersionId: string;
  test: boolean;
}

/** Conversations a worker remembers the pinned version of: the busy ones of a large deployment. */
const PINNED_CACHED = 10_000;

/**
 * An ask node of input type email or phone that was answered this turn writes the answer (already
 * checked and normalised by the node) onto the conversation's contact, so the inbox and the next
 * conversation know it. Done here, in the persistence activity, rather than in workflow code: the
 * workflow stays as it was and recorded histories replay unchanged. The answers become the
 * contact's identities too (linkAnswers). Most turns answer an ask node
 * and the reply waits for this activity, so which version a conversation runs is remembered (it
 * never changes): the database is read only for the conversation's first such turn on this
 * worker, and for the contact when there is something to write.
 */
export function contactFromAnswers(db: Db, loadFlow: (flowVersionId: string) => Promise<CompiledFlow>) {
  const pinned = new LruCache<string, PinnedConversation>(PINNED_CACHED);
  const pinnedConversation = async (id: string): Promise<PinnedConversation | null> => {
    const known = pinned.get(id);
    if (known) return known;
    const row = await db.conversation.findUnique({ where: { id }, select: { flowVersionId: true, test: true } });
    if (row) pinned.set(id, row);
    return row;
  };

  return async (input: RecordTurnInput): Promise<void> => {
    const answered = (input.nodeRuns ?? []).filter((run) => run.kind === "ask" && run.outcome === "answered");
    if (answered.length === 0) return;
    const conversation = await pinnedConversation(input.conversationId);
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
    const row = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { contactId: true } });
    if (!row) return;
    const linked = await linkAnswers(db, row.contactId, update);
    await db.contact.update({ where: { id: row.contactId }, data: { ...update, ...(linked > 0 ? { revision: { increment: 1 } } : {}) } });
  };
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

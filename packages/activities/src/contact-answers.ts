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
 * turns that answered an ask node.
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
  if (Object.keys(update).length > 0) await db.contact.update({ where: { id: conversation.contactId }, data: update });
}

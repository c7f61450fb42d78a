import { ApplicationFailure } from "@temporalio/common";
import { LruCache, type QualityAssessor } from "@parley/ai";
import { compileFlow, validateFlow, type CompiledFlow } from "@parley/flow";
import { databaseKindOf, dbErrorInfo, writeTransaction, type Db } from "@parley/db";
import { FailureType, type RecordTurnInput, type TurnsStoredInput } from "./types";
import { turnStatements } from "./turn-sql";
import { analyticsStatements, turnEvents } from "./analytics-events";
import { contactFromAnswers } from "./contact-answers";
import { scoreConversationQuality } from "./conversation-quality";

export interface PersistenceDeps {
  db: Db;
  /** With an OpenAI key: writes the rubric assessment of a finished conversation; without, none. */
  qualityAssessor?: QualityAssessor;
}

/** Activities that load flows and persist conversation state in the app database. */
export function createPersistenceActivities({ db, qualityAssessor }: PersistenceDeps) {
  const kind = databaseKindOf(db);
  /**
   * Compiled flows by published version. A published version never changes (a database trigger
   * refuses it), so every conversation started on it gets the same compiled graph: it is read,
   * validated and compiled once per worker instead of on every start. Drafts are never cached.
   */
  const compiled = new LruCache<string, CompiledFlow>(COMPILED_FLOWS_CACHED);
  const contactAnswers = contactFromAnswers(db, (flowVersionId) => activities.loadFlow(flowVersionId));
  const activities = {
    /** Loads a published flow version and compiles it for the interpreter. */
    async loadFlow(flowVersionId: string): Promise<CompiledFlow> {
      const cached = compiled.get(flowVersionId);
      if (cached) return cached;
      const version = await db.flowVersion.findUnique({ where: { id: flowVersionId } }).catch((err: unknown) => {
        throw dataRejected(err, `flow version id ${JSON.stringify(flowVersionId.slice(0, 64))}`);
      });
      if (!version) {
        throw ApplicationFailure.nonRetryable(`flow version ${flowVersionId} not found`, FailureType.FlowVersionNotFound);
      }
      if (!version.published) {
        throw ApplicationFailure.nonRetryable(
          `flow version ${flowVersionId} is a draft; conversations run published versions only`,
          FailureType.FlowVersionNotPublished,
        );
      }
      const validation = validateFlow(version.graph);
      if (!validation.ok || !validation.graph) {
        const first = validation.issues.find((issue) => issue.severity === "error");
        throw ApplicationFailure.nonRetryable(
          `flow version ${flowVersionId} is invalid: ${first?.message ?? "unknown problem"}`,
          FailureType.InvalidFlow,
          validation.issues,
        );
      }
      const flow = compileFlow(validation.graph);
      compiled.set(flowVersionId, flow);
      return flow;
    },

    /**
     * Writes a turn's messages, node runs, status, variables and analytics events in one transaction. Message ids
     * come from the workflow (conversation + seq), so a retry rewrites the same rows instead of
     * adding any. A batch transaction (no interactive round trips) of raw statements (turn-sql.ts
     * says why) keeps this on the hot path of every turn.
     */
    async recordTurn(input: RecordTurnInput): Promise<void> {
      let updated: number | undefined;
      try {
        const person = await knownPeople(db, [...input.messages.map((message) => message.authorId), input.handoff?.assigneeId]);
        const events = turnEvents(input, await endingConversationStart(db, input), new Date());
        // The conversation's row first: it counts 0 when the conversation does not exist.
        [updated] = await writeTransaction(db, [...turnStatements(kind, input, person), ...analyticsStatements(kind, input.conversationId, events)]);
      } catch (err) {
        // An unknown conversation fails the rows that point to it (a foreign key), and the
        // transaction with them: asked here, off the hot path.
        if (!(await conversationExists(db, input.conversationId))) updated = 0;
        else throw dataRejected(err, `the turn of conversation ${input.conversationId}`);
      }
      // A state older than the stored one updates nothing (turn-sql.ts): only a missing conversation fails.
      if (updated === 0 && (input.stateVersion === undefined || !(await conversationExists(db, input.conversationId)))) {
        throw ApplicationFailure.nonRetryable(`conversation ${input.conversationId} not found`, FailureType.ConversationNotFound);
      }
      await contactAnswers(input);
      await scoreConversationQuality(db, input, qualityAssessor);
    },

    /**
     * Whether the rows a conversation handed to a sender are all in the database, and its state
     * at least as new as the last handed one: reads only, so the workflow's check after a
     * hand-over takes no write lock (SQLite has one per database, shared with the API's writes).
     */
    async turnsStored(input: TurnsStoredInput): Promise<boolean> {
      const [conversation, messages, nodeRuns] = await Promise.all([
        db.conversation.findUnique({ where: { id: input.conversationId }, select: { stateVersion: true } }),
        input.messageIds.length > 0 ? db.message.count({ where: { id: { in: input.messageIds } } }) : 0,
        input.nodeRunIds.length > 0 ? db.nodeRun.count({ where: { id: { in: input.nodeRunIds } } }) : 0,
      ]);
      return (conversation?.stateVersion ?? -1) >= input.stateVersion && messages === input.messageIds.length && nodeRuns === input.nodeRunIds.length;
    },
  };
  return activities;
}

/** Published versions a worker keeps compiled: every flow of a large deployment, at a few KB each. */
const COMPILED_FLOWS_CACHED = 500;

/**
 * The agents named by a turn who exist, as a lookup that answers null for anyone else. An agent
 * deleted after the API checked them (or an id from a client that talks to Temporal directly)
 * would fail the whole turn on its foreign key, again on every retry: their messages are kept
 * without an author instead. One indexed query, and only on turns that name someone.
 */
async function knownPeople(db: Db, ids: (string | null | undefined)[]): Promise<(id: string | null | undefined) => string | null> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string" && id.length > 0))];
  if (wanted.length === 0) return () => null;
  const found = new Set((await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true } })).map((user) => user.id));
  return (id) => (id && found.has(id) ? id : null);
}

/** When the conversation began, read only on a turn that ends it (its resolution time). */
async function endingConversationStart(db: Db, input: RecordTurnInput): Promise<Date | null> {
  if (input.status !== "resolved" && input.status !== "closed") return null;
  const row = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/** False only when the database says so: a read that fails (a busy database) leaves the turn's own error to be retried. */
async function conversationExists(db: Db, id: string): Promise<boolean> {
  const row = await db.conversation.findUnique({ where: { id }, select: { id: true } }).catch(() => ({ id }));
  return row !== null;
}

/**
 * A value the database can never store (broken UTF-16, NUL on PostgreSQL, too long, a
 * constraint) fails for good as DataRejected: retried, it would fail forever and the
 * conversation would never save again. Anything else (a busy or unreachable database) is
 * returned as it is, for Temporal to retry. The message names the kind of refusal, not
 * Prisma's text (which quotes our source files).
 */
function dataRejected(err: unknown, what: string): unknown {
  const info = dbErrorInfo(err);
  if (!info || info.kind === "missing") return err;
  const where = [info.model, info.fields?.join(", ")].filter(Boolean).join(" ");
  return ApplicationFailure.nonRetryable(
    `the database refused ${what} (${info.kind}${where ? `: ${where}` : ""})`,
    FailureType.DataRejected,
  );
}

import { ApplicationFailure } from "@temporalio/common";
import { compileFlow, validateFlow, type CompiledFlow } from "@parley/flow";
import { dbErrorInfo, type Db } from "@parley/db";
import { FailureTypes, type RecordTurnInput } from "./types";

export interface PersistenceDeps {
  db: Db;
}

/** Activities that load flows and persist conversation state in the app database. */
export function createPersistenceActivities({ db }: PersistenceDeps) {
  return {
    /** Loads a published flow version and compiles it for the interpreter. */
    async loadFlow(flowVersionId: string): Promise<CompiledFlow> {
      const version = await db.flowVersion.findUnique({ where: { id: flowVersionId } }).catch((err: unknown) => {
        throw dataRejected(err, `flow version id ${JSON.stringify(flowVersionId.slice(0, 64))}`);
      });
      if (!version) {
        throw ApplicationFailure.nonRetryable(`flow version ${flowVersionId} not found`, FailureTypes.FlowVersionNotFound);
      }
      if (!version.published) {
        throw ApplicationFailure.nonRetryable(
          `flow version ${flowVersionId} is a draft; conversations run published versions only`,
          FailureTypes.FlowVersionNotPublished,
        );
      }
      const validation = validateFlow(version.graph);
      if (!validation.ok || !validation.graph) {
        const first = validation.issues.find((issue) => issue.severity === "error");
        throw ApplicationFailure.nonRetryable(
          `flow version ${flowVersionId} is invalid: ${first?.message ?? "unknown problem"}`,
          FailureTypes.InvalidFlow,
          validation.issues,
        );
      }
      return compileFlow(validation.graph);
    },

    /**
     * Writes a turn's messages, status and variables in one transaction. Message ids come from
     * the workflow (conversation + seq), so a retry rewrites the same rows instead of adding any.
     * A batch transaction (no interactive round trips) keeps this on the hot path of every turn.
     */
    async recordTurn(input: RecordTurnInput): Promise<void> {
      const last = input.messages.at(-1);
      try {
        const person = await knownPeople(db, [...input.messages.map((message) => message.authorId), input.handoff?.assigneeId]);
        await db.$transaction([
          // The conversation first: if it does not exist, nothing else is written.
          db.conversation.update({
            where: { id: input.conversationId },
            data: {
              status: input.status,
              variables: input.variables,
              ...(last ? { lastMessageAt: new Date(last.createdAt) } : {}),
              ...(input.sla ? { sla: input.sla as object } : {}),
              ...(input.csat ? { csatScore: input.csat.score, csatScale: input.csat.scale } : {}),
              // A handoff writes queue, priority and assignee; null (the bot has it, e.g. after a
              // hand-back) clears queue and assignee; undefined leaves them as they are.
              ...(input.handoff
                ? {
                    team: input.handoff.team,
                    priority: input.handoff.priority,
                    assigneeId: person(input.handoff.assigneeId),
                    handedOffAt: new Date(input.handoff.since),
                  }
                : input.handoff === null
                  ? { team: null, assigneeId: null, handedOffAt: null }
                  : {}),
            },
          }),
          ...input.messages.map((message) => {
            const data = {
              seq: message.seq,
              author: message.author,
              authorId: person(message.authorId),
              ...(message.meta ? { meta: message.meta } : {}),
              text: message.text,
              createdAt: new Date(message.createdAt),
            };
            return db.message.upsert({
              where: { id: message.id },
              create: { id: message.id, conversationId: input.conversationId, ...data },
              update: data,
            });
          }),
          // A voice message's recording is linked to the message transcribed from it, in the
          // same transaction (idempotent; scoped to the conversation, so a foreign id links nothing).
          ...input.messages.flatMap((message) => {
            const recordingId = message.meta?.spoken?.recordingId;
            return recordingId
              ? [db.audioRecording.updateMany({ where: { id: recordingId, conversationId: input.conversationId }, data: { messageId: message.id } })]
              : [];
          }),
          ...(input.nodeRuns ?? []).map((run) => {
            const data = {
              nodeId: run.nodeId,
              kind: run.kind,
              startedAt: new Date(run.startedAt),
              finishedAt: run.finishedAt ? new Date(run.finishedAt) : null,
              outcome: run.outcome,
              error: run.error,
            };
            return db.nodeRun.upsert({
              where: { id: run.id },
              create: { id: run.id, conversationId: input.conversationId, ...data },
              update: data,
            });
          }),
        ]);
      } catch (err) {
        const refusal = dbErrorInfo(err);
        if (refusal?.kind === "missing") {
          throw ApplicationFailure.nonRetryable(
            `conversation ${input.conversationId} not found`,
            FailureTypes.ConversationNotFound,
          );
        }
        throw dataRejected(err, `the turn of conversation ${input.conversationId}`);
      }
    },
  };
}

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
    FailureTypes.DataRejected,
  );
}

import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Variables } from "@parley/flow";
import type { NodeRunDetail } from "@parley/workflows";
import type { Prisma } from "@parley/db";
import { staffProcedure } from "../procedures";
import type { Caller } from "../auth/caller";
import { auditRequest } from "../auth/caller";
import { recordSensitiveRead } from "../auth/audit";
import { visibleConversations } from "../auth/conversation-scope";
import { roleAllows, scopeAllows } from "../auth/roles";
import { idSchema } from "../inputs";
import { storedGraph } from "./flows";
import { runNumber } from "../node-run-order";


/** Whether the caller reads transcripts (people who work conversations, API keys) or only figures (analysts). */
function readsTranscripts(caller: Caller): boolean {
  if (caller.kind === "apiKey") return scopeAllows(caller.scope, "conversations:read");
  return caller.kind === "user" && roleAllows(caller.role, "conversations:read");
}

/**
 * Which conversations' paths the caller may open: whoever reads conversations, the ones they may
 * read; an analyst, who reads the per-node figures of every flow, any of the workspace's real
 * conversations — but only its steps and timings, never what was said or the variables.
 */
function pathScope(caller: Caller, transcripts: boolean): Prisma.ConversationWhereInput {
  return transcripts ? visibleConversations(caller) : { workspaceId: caller.workspaceId, test: false };
}

/**
 * A conversation's path ("time travel"): the graph of the version it is pinned to, each step it
 * ran in order with its timing, the port it left by and its error, the variables after it where
 * the workflow recorded them, and the messages, for the builder's Path view.
 */
export const conversationPath = {
  path: staffProcedure("flows:read")
    .input(z.object({ conversationId: idSchema }))
    .query(async ({ ctx, input }) => {
      const transcripts = readsTranscripts(ctx.caller);
      const conversation = await ctx.db.conversation.findFirst({
        where: { id: input.conversationId, ...pathScope(ctx.caller, transcripts) },
        include: {
          contact: { select: { name: true } },
          flowVersion: { include: { flow: { select: { id: true, name: true } } } },
          nodeRuns: { orderBy: [{ startedAt: "asc" }, { id: "asc" }] },
          messages: transcripts ? { orderBy: { seq: "asc" } } : false,
        },
      });
      if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.conversationId} not found` });
      if (transcripts) {
        await recordSensitiveRead(ctx.db, auditRequest(ctx), {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          action: "conversation.read",
          target: { type: "conversation", id: conversation.id },
        });
      }
      const runs = [...conversation.nodeRuns].sort((a, b) => runNumber(a.id) - runNumber(b.id));
      const notes = (conversation.messages ?? []).filter((message) => message.author === "system");
      // A step that fails softly (an HTTP error, a failed expression) leaves by a port and says
      // why in a system note written while it ran: that note is its error on the path.
      const noteDuring = (run: (typeof runs)[number]) =>
        notes.find((note) => note.createdAt >= run.startedAt && run.finishedAt !== null && note.createdAt <= run.finishedAt)?.text ?? null;
      const { flowVersion } = conversation;
      return {
        conversation: {
          id: conversation.id,
          status: conversation.status,
          test: conversation.test,
          contactName: transcripts ? conversation.contact.name : null,
          createdAt: conversation.createdAt.toISOString(),
        },
        flow: { id: flowVersion.flow.id, name: flowVersion.flow.name, version: flowVersion.version, published: flowVersion.published },
        graph: storedGraph(flowVersion),
        steps: runs.map((run) => {
          const detail = (run.detail as NodeRunDetail | null) ?? null;
          return {
            id: run.id,
            nodeId: run.nodeId,
            kind: run.kind,
            outcome: run.outcome,
            error: run.error ?? (run.outcome === "error" ? noteDuring(run) : null),
            failed: run.error !== null || run.outcome === "error",
            startedAt: run.startedAt.toISOString(),
            finishedAt: run.finishedAt?.toISOString() ?? null,
            durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
            variables: transcripts ? ((detail?.variables as Variables | undefined) ?? null) : null,
            /** The transcript's last seq once the step finished (null: not recorded). */
            seq: detail?.seq ?? null,
          };
        }),
        messages: (conversation.messages ?? []).map((message) => ({
          id: message.id,
          seq: message.seq,
          author: message.author,
          text: message.text,
          createdAt: message.createdAt.toISOString(),
        })),
        transcripts,
      };
    }),
};

import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { type MessageMeta, type SlaView } from "@parley/workflows";
import type { QualityFactor } from "@parley/ai";
import { sendCustomerMessage } from "@parley/workflows/client";
import { router } from "../trpc";
import { anyoneProcedure, customerProcedure, staffProcedure } from "../procedures";
import { visibleConversations } from "../auth/conversation-scope";
import { auditRequest } from "../auth/caller";
import { recordAudit, recordSensitiveRead } from "../auth/audit";
import { idSchema, messageTextSchema, voiceUtteranceSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";
import { conversationWorkflowId } from "../conversation-access";
import { turnStore } from "../turn-store";
import { agentActions } from "./agent-actions";
import { inboxList } from "./inbox-list";
import { customerTranscript } from "./customer-transcript";
import { customerStream } from "../live/customer-stream";
import { conversationPath } from "./conversation-path";
import { continueByEmail, continueByEmailSchema, continueBySms, continueBySmsSchema } from "../channels/continue-on-channel";
import { parseChannelConfig } from "@parley/channels";
import { allowsChannel, channelNotAllowed, channelSchema, contactSchema, flowForMessage, openConversation, publishedFlows } from "./conversation-start";
import { flowToStart } from "./published-flow";

/** The channels a conversation moved through, from its move notes (see channels/continue-by-email.ts). */
function channelHistory(metas: (MessageMeta | null)[]): string[] {
  const moves = metas.flatMap((meta) => (meta?.channelMove ? [meta.channelMove] : []));
  return moves.length === 0 ? [] : [moves[0]!.from, ...moves.map((move) => move.to)];
}

/**
 * Whether the voice gateway may open a call in it: a voice conversation, or a web widget's
 * conversation whose channel offers calls (the call button; the same conversation goes on by voice).
 */
function voiceCallable(channel: string, via: { kind: string; config: unknown } | null): boolean {
  if (channel === "voice") return true;
  return channel === "web" && via?.kind === "web_widget" && parseChannelConfig("web_widget", via.config).voice;
}

export const conversationsRouter = router({
  ...agentActions,
  ...conversationPath,
  ...inboxList,

  /**
   * Opens a conversation on the flow's latest published version and returns the bot's opening.
   * `channel` (default web) must be one the flow's start node allows.
   */
  start: anyoneProcedure
    .input(z.object({ flowId: idSchema, contact: contactSchema.optional(), channel: channelSchema.default("web") }))
    .mutation(async ({ ctx, input }) => {
      // The flow's id is the public entry point (as a chat widget's key is): the conversation belongs
      // to the flow's workspace (read with its published version), its customer gets a token for it alone.
      const found = await flowToStart(ctx.db, input.flowId);
      if (!found) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${input.flowId} not found` });
      const { flow, published } = found;
      const inFlowWorkspace = { ...ctx, workspaceId: flow.workspaceId };
      if (!published) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: `flow "${flow.name}" has no published version` });
      }
      if (!allowsChannel(published, input.channel)) throw channelNotAllowed(published, input.channel);
      const { conversationId, opening } = await openConversation(inFlowWorkspace, published, input.channel, input.contact);
      const { token, expiresAt } = await ctx.tokens.issue({ conversationId, workspaceId: flow.workspaceId });
      return { conversationId, status: opening.status, replies: opening.replies, token, tokenExpiresAt: expiresAt.toISOString() };
    }),

  /**
   * The customer's way back after a reload: their transcript (what they see) and a fresh token,
   * so a conversation outlives the token it started with as long as the customer comes back.
   */
  resume: customerProcedure()
    .input(z.object({ conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const transcript = await customerTranscript(ctx, input.conversationId, 0);
      const { token, expiresAt } = await ctx.tokens.issue({ conversationId: input.conversationId, workspaceId: ctx.workspaceId });
      return { ...transcript, token, tokenExpiresAt: expiresAt.toISOString() };
    }),

  /** The customer's "Continue by email": the same conversation goes on by email (channels/continue-on-channel.ts). */
  continueByEmail: customerProcedure()
    .input(continueByEmailSchema.extend({ conversationId: idSchema }))
    .mutation(({ ctx, input }) => continueByEmail(ctx, input.conversationId, { email: input.email })),

  /** The customer's "Continue by SMS": the same conversation goes on by text message to that number. */
  continueBySms: customerProcedure()
    .input(continueBySmsSchema.extend({ conversationId: idSchema }))
    .mutation(({ ctx, input }) => continueBySms(ctx, input.conversationId, { phone: input.phone })),

  /**
   * An inbound first message on a channel (a WhatsApp text, an email, an API call): starts the
   * workspace's published flow whose start node allows the channel and has a trigger matching
   * the text (the first by flow name), delivers the text as the customer's first message and
   * returns everything the bot said: its opening, then its reply.
   */
  startFromMessage: staffProcedure("conversations:ingest")
    .input(z.object({ channel: channelSchema, text: messageTextSchema, contact: contactSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      const published = flowForMessage(await publishedFlows(ctx), input.channel, input.text);
      if (!published) {
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `no published flow starts on the ${input.channel} channel with a trigger matching this message`,
        });
      }
      const { conversationId, opening } = await openConversation(ctx, published, input.channel, input.contact);
      if (opening.status !== "active") {
        // The flow ended without waiting: there is no one left to read the message.
        return { conversationId, flowId: published.flow.id, status: opening.status, replies: opening.replies };
      }
      try {
        const turn = await sendCustomerMessage(ctx.temporal.workflow.getHandle(conversationId), { text: input.text }, { storeTurn: turnStore(ctx.db) });
        return { conversationId, flowId: published.flow.id, status: turn.status, replies: [...opening.replies, ...turn.replies] };
      } catch (err) {
        throw toTrpcError(err);
      }
    }),

  /** A customer's message; returns the bot's replies once the flow is waiting again or ended. */
  send: customerProcedure({ orStaff: "conversations:ingest" })
    .input(
      z.object({
        conversationId: idSchema,
        text: messageTextSchema,
        /**
         * Idempotency key chosen by the client (the web chat and the voice gateway always send
         * one): resending a message with the same id (after a timeout or a dropped connection)
         * applies it once and returns the same replies, even after the conversation continued as
         * new; the same id with other words is refused with 409 CONFLICT.
         */
        clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "use 1-64 letters, digits, - or _").optional(),
        /** Set when the message was spoken: confidence and audio quality, recorded in its meta. */
        voice: voiceUtteranceSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const workflowId = await conversationWorkflowId(ctx, input.conversationId);
      try {
        return await sendCustomerMessage(
          ctx.temporal.workflow.getHandle(workflowId),
          {
            text: input.text,
            ...(input.voice ? { voice: input.voice } : {}),
            ...(input.clientMessageId ? { clientMessageId: input.clientMessageId } : {}),
          },
          {
            ...(input.clientMessageId ? { updateId: `message-${input.clientMessageId}` } : {}),
            ...(ctx.conversationDeadlineMs ? { deadlineMs: ctx.conversationDeadlineMs } : {}),
            // The reply leaves once the API has stored the turn, without the workflow's second activation.
            storeTurn: turnStore(ctx.db),
          },
        );
      } catch (err) {
        const error = toTrpcError(err);
        if (error.code !== "PRECONDITION_FAILED") throw error;
        // Off the hot path: a closed conversation is worth naming the state it ended in.
        const row = await ctx.db.conversation.findUnique({ where: { id: workflowId }, select: { status: true } });
        throw row && row.status !== "active" && row.status !== "handoff"
          ? new TRPCError({ code: "PRECONDITION_FAILED", message: `the conversation is ${row.status}`, cause: err })
          : error;
      }
    }),

  get: staffProcedure("conversations:read").input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const conversation = await ctx.db.conversation.findFirst({
      where: { id: input.id, ...visibleConversations(ctx.caller) },
      include: {
        contact: true,
        assignee: { select: { id: true, name: true } },
        flowVersion: { include: { flow: { select: { id: true, name: true } } } },
        workspaceChannel: { select: { id: true, name: true } },
        messages: { orderBy: { seq: "asc" } },
        attachments: { select: { id: true, messageId: true, fileName: true, bytes: true }, orderBy: { createdAt: "asc" } },
      },
    });
    if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.id} not found` });
    await recordSensitiveRead(ctx.db, auditRequest(ctx), {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: "conversation.read",
      target: { type: "conversation", id: conversation.id },
    });
    return {
      id: conversation.id,
      status: conversation.status,
      channel: conversation.channel,
      /** The configured channel (a web widget) it came through; null for the web chat page, the API, ... */
      via: conversation.workspaceChannel,
      /** The channels it went through, oldest first ("Web widget", "Email"), when the customer moved it; empty otherwise. */
      channelHistory: channelHistory(conversation.messages.map((message) => message.meta as MessageMeta | null)),
      workflowId: conversation.workflowId,
      contact: { id: conversation.contact.id, name: conversation.contact.name, email: conversation.contact.email, phone: conversation.contact.phone },
      flow: {
        id: conversation.flowVersion.flow.id,
        name: conversation.flowVersion.flow.name,
        version: conversation.flowVersion.version,
      },
      assignee: conversation.assignee,
      team: conversation.team,
      priority: conversation.priority,
      handedOffAt: conversation.handedOffAt?.toISOString() ?? null,
      createdAt: conversation.createdAt.toISOString(),
      updatedAt: conversation.updatedAt.toISOString(),
      messages: conversation.messages.map((message) => ({
        id: message.id,
        seq: message.seq,
        author: message.author,
        authorId: message.authorId,
        text: message.text,
        meta: (message.meta as MessageMeta | null) ?? null,
        createdAt: message.createdAt.toISOString(),
        /** Delivery through a channel Parley sends to (email): queued, sent or failed (with why); null otherwise. */
        delivery: message.deliveryStatus ? { status: message.deliveryStatus as "queued" | "sent" | "delivered" | "failed", error: message.deliveryError } : null,
        /** Files that came with it (an email's attachments), stored encrypted. */
        attachments: conversation.attachments.filter((file) => file.messageId === message.id).map(({ id, fileName, bytes }) => ({ id, fileName, bytes })),
      })),
      /** SLA clocks as the workflow last saved them (per clock: phase, target, elapsed, due). */
      sla: (conversation.sla as SlaView | null) ?? null,
      csat: conversation.csatScale ? { score: conversation.csatScore, scale: conversation.csatScale } : null,
      /** Quality score (0–100) and its reasons once the conversation ended or was rated. */
      quality:
        conversation.qualityScore === null
          ? null
          : {
              score: conversation.qualityScore,
              factors: (conversation.qualityFactors as QualityFactor[] | null) ?? [],
              /** With an OpenAI key: the model's written rubric assessment once the conversation ended. */
              assessment: (conversation.qualityAssessment as { text: string; by: string } | null) ?? null,
            },
    };
  }),

  /**
   * What the customer sees after message `afterSeq`: their own, the bot's and agents' messages
   * (no internal system notes). The web chat polls it while a person has the conversation.
   */
  messagesSince: customerProcedure({ orStaff: "conversations:read" })
    .input(z.object({ conversationId: idSchema, afterSeq: z.number().int().min(0) }))
    .query(({ ctx, input }) => customerTranscript(ctx, input.conversationId, input.afterSeq)),

  /**
   * The same transcript, pushed (server-sent events) as it changes: for the conversation's
   * customer only (their token; never a staff session, which has the inbox's `live.events`).
   * `lastEventId` is the last message `seq` seen: the browser's reconnect sends it back.
   */
  stream: customerProcedure()
    .input(z.object({ conversationId: idSchema, lastEventId: z.string().regex(/^\d{1,15}$/).nullish() }))
    .subscription(({ ctx, input, signal }) => customerStream(ctx, input.conversationId, Number(input.lastEventId ?? "0"), signal)),

  /**
   * A conversation's state for whoever may talk in it: its customer (token), or a channel
   * integration's key. The voice gateway and voice uploads check it before opening a call or
   * storing audio.
   */
  state: customerProcedure({ orStaff: "conversations:ingest" })
    .input(z.object({ conversationId: idSchema }))
    .query(async ({ ctx, input }) => {
      const conversation = await ctx.db.conversation.findFirst({
        where: { id: input.conversationId, ...visibleConversations(ctx.caller) },
        select: { id: true, status: true, channel: true, workflowId: true, workspaceChannel: { select: { kind: true, config: true } } },
      });
      if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.conversationId} not found` });
      const { workspaceChannel, ...state } = conversation;
      return { ...state, callable: voiceCallable(state.channel, workspaceChannel) };
    }),

  /** Opens a listen-in on a live call (supervisors and up); every session is audited. */
  listenIn: staffProcedure("conversations:listen")
    .input(z.object({ conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const conversation = await ctx.db.conversation.findFirst({
        where: { id: input.conversationId, ...visibleConversations(ctx.caller) },
        select: { id: true, status: true, channel: true },
      });
      if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.conversationId} not found` });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "conversation.listen_in",
        target: { type: "conversation", id: conversation.id },
      });
      return conversation;
    }),

  /** How many conversations are in each status (for the inbox's tabs). */
  counts: staffProcedure("conversations:read").query(async ({ ctx }) => {
    const groups = await ctx.db.conversation.groupBy({
      by: ["status"],
      where: visibleConversations(ctx.caller),
      _count: { _all: true },
    });
    const counts = { active: 0, handoff: 0, resolved: 0, closed: 0 };
    for (const group of groups) counts[group.status] = group._count._all;
    return { ...counts, all: counts.active + counts.handoff + counts.resolved + counts.closed };
  }),
});


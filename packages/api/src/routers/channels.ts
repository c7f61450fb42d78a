import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";
import { CHANNEL_KINDS, parseChannelConfig } from "../channels/kinds";
import { allowedOriginsSchema, storedOrigins } from "../channels/origins";
import { webWidgetConfigSchema } from "../channels/web-widget";

type ChannelContext = ApiServices & { workspaceId: string };

/** One member per kind: the kind names which config schema applies. */
const channelSettingsSchema = z.object({
  name: labelSchema("channel name", 80),
  flowId: idSchema,
  allowedOrigins: allowedOriginsSchema,
  kind: z.literal("web_widget"),
  config: webWidgetConfigSchema,
});

const channelSelect = {
  id: true,
  kind: true,
  name: true,
  publicId: true,
  allowedOrigins: true,
  config: true,
  createdAt: true,
  flow: { select: { id: true, name: true, deletedAt: true } },
} as const;

/** A snippet's public id: 18 random bytes, unguessable, URL-safe. */
const newPublicId = () => randomBytes(18).toString("base64url");

async function findChannel(ctx: ChannelContext, id: string) {
  const channel = await ctx.db.workspaceChannel.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: channelSelect });
  if (!channel) throw new TRPCError({ code: "NOT_FOUND", message: `channel ${id} not found` });
  return channel;
}

async function checkFlow(ctx: ChannelContext, flowId: string): Promise<void> {
  const flow = await ctx.db.flow.findFirst({ where: { id: flowId, workspaceId: ctx.workspaceId, deletedAt: null }, select: { id: true } });
  if (!flow) throw new TRPCError({ code: "BAD_REQUEST", message: `flow ${flowId} not found in this workspace` });
}

function channelView(channel: Awaited<ReturnType<typeof findChannel>>) {
  return {
    id: channel.id,
    kind: channel.kind,
    kindLabel: CHANNEL_KINDS[channel.kind].label,
    name: channel.name,
    publicId: channel.publicId,
    allowedOrigins: storedOrigins(channel.allowedOrigins),
    config: parseChannelConfig(channel.kind, channel.config),
    flow: channel.flow && !channel.flow.deletedAt ? { id: channel.flow.id, name: channel.flow.name } : null,
    createdAt: channel.createdAt.toISOString(),
  };
}

/**
 * Settings → Channels: the ways in for customers an admin sets up (the embeddable web widget
 * for now). Each change is in the audit log; the snippet's public id never changes, so pages
 * that embed it keep working through edits.
 */
export const channelsRouter = router({
  list: staffProcedure("settings:manage").query(async ({ ctx }) => {
    const channels = await ctx.db.workspaceChannel.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: channelSelect });
    return channels.map(channelView);
  }),

  create: staffProcedure("settings:manage")
    .input(channelSettingsSchema)
    .mutation(async ({ ctx, input }) => {
      await checkFlow(ctx, input.flowId);
      const channel = await ctx.db.workspaceChannel.create({
        data: {
          workspaceId: ctx.workspaceId,
          kind: input.kind,
          name: input.name,
          flowId: input.flowId,
          publicId: newPublicId(),
          allowedOrigins: asJson(input.allowedOrigins),
          config: asJson(input.config),
        },
        select: channelSelect,
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "channel.create",
        target: { type: "channel", id: channel.id },
        details: { name: input.name, kind: input.kind, flowId: input.flowId, allowedOrigins: input.allowedOrigins },
      });
      return channelView(channel);
    }),

  update: staffProcedure("settings:manage")
    .input(channelSettingsSchema.extend({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const before = await findChannel(ctx, input.id);
      if (before.kind !== input.kind) throw new TRPCError({ code: "BAD_REQUEST", message: "a channel's kind cannot change; create another channel" });
      await checkFlow(ctx, input.flowId);
      const channel = await ctx.db.workspaceChannel.update({
        where: { id: before.id },
        data: { name: input.name, flowId: input.flowId, allowedOrigins: asJson(input.allowedOrigins), config: asJson(input.config) },
        select: channelSelect,
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "channel.update",
        target: { type: "channel", id: channel.id },
        details: { name: input.name, flowId: input.flowId, allowedOrigins: input.allowedOrigins },
      });
      return channelView(channel);
    }),

  /** Pages that still embed the snippet then get 404s and show nothing; conversations stay. */
  delete: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const channel = await findChannel(ctx, input.id);
      await ctx.db.workspaceChannel.delete({ where: { id: channel.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "channel.delete",
        target: { type: "channel", id: channel.id },
        details: { name: channel.name },
      });
      return { ok: true as const };
    }),
});

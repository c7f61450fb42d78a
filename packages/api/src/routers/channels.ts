import { randomBytes, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson, type SecretBox } from "@parley/db";
import { apiConfigSchema, CHANNEL_KINDS, channelSecretName, emailConfigSchema, emailImapSchema, parseChannelConfig, twilioConfigSchema, webWidgetConfigSchema, whatsappConfigSchema, whatsappCredentialsSchema } from "@parley/channels";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";
import { allowedOriginsSchema, storedOrigins } from "../channels/origins";
import { checkImapSettings, imapMailboxSelect, imapStatusView, syncImapMailbox, testImapConnection } from "../channels/imap-settings";

type ChannelContext = ApiServices & { workspaceId: string };

const common = { name: labelSchema("channel name", 80), flowId: idSchema };

/** One member per kind: the kind names which config schema applies. */
const channelSettingsSchema = z.discriminatedUnion("kind", [
  z.object({ ...common, kind: z.literal("web_widget"), allowedOrigins: allowedOriginsSchema, config: webWidgetConfigSchema }),
  z.object({
    ...common,
    kind: z.literal("email"),
    config: emailConfigSchema,
    /** The relay's password: sealed, never shown again; absent keeps the stored one, null removes it. */
    relayPassword: z.string().min(1).max(500).nullable().optional(),
    /** The IMAP mailbox's password (inbound "imap"): sealed apart from the relay's, the same rules. */
    imapPassword: z.string().min(1).max(500).nullable().optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("twilio"),
    config: twilioConfigSchema,
    /** The account's auth token (signs Twilio's webhooks, authenticates sends): sealed like the relay password. */
    authToken: z.string().trim().regex(/^[0-9a-fA-F]{32}$/, "an auth token is 32 hex digits").nullable().optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("whatsapp"),
    config: whatsappConfigSchema,
    /** The access token and app secret, sealed together: both or neither. */
    credentials: whatsappCredentialsSchema.nullable().optional(),
  }),
  /** The signing secret is Parley's own: made on create, replaced by rotateSecret, never set by hand. */
  z.object({ ...common, kind: z.literal("api"), config: apiConfigSchema }),
]);
type ChannelSettings = z.infer<typeof channelSettingsSchema>;

const channelSelect = {
  id: true,
  kind: true,
  name: true,
  publicId: true,
  allowedOrigins: true,
  config: true,
  secretData: true,
  createdAt: true,
  flow: { select: { id: true, name: true, deletedAt: true } },
  imapMailbox: imapMailboxSelect,
} as const;

/**
 * A snippet's public id: 18 random bytes, unguessable, URL-safe. An email channel's is lower-case
 * hex (15 bytes), since it is an address's local part and some mail systems fold case.
 */
const newPublicId = (kind: ChannelSettings["kind"]): string => (kind === "email" ? randomBytes(15).toString("hex") : randomBytes(18).toString("base64url"));

const originsOf = (input: ChannelSettings) => (input.kind === "web_widget" ? input.allowedOrigins : []);

/** The kind's credential in clear as sealed: null to remove, undefined to keep the stored one. */
function credentialOf(input: ChannelSettings): string | null | undefined {
  if (input.kind === "email") return input.relayPassword;
  if (input.kind === "twilio") return input.authToken;
  if (input.kind === "whatsapp") return input.credentials === undefined || input.credentials === null ? input.credentials : JSON.stringify(input.credentials);
  return undefined;
}

/** A custom channel's signing secret: 32 random bytes, prefixed so it is recognisable in a vault. */
const newSigningSecret = () => `pcs_${randomBytes(32).toString("base64url")}`;

/** The channel's credential sealed for it (AAD names it), null to remove, undefined to keep. */
function sealedPassword(secretBox: SecretBox | undefined, workspaceId: string, channelId: string, credential: string | null | undefined) {
  if (credential === undefined) return {};
  if (credential === null) return { secretIv: null, secretTag: null, secretData: null };
  if (!secretBox) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this server has no secrets key (PARLEY_SECRETS_KEY), so it cannot keep the channel's credential" });
  const sealed = secretBox.seal(workspaceId, channelSecretName(channelId), credential);
  return { secretIv: Buffer.from(sealed.iv), secretTag: Buffer.from(sealed.tag), secretData: Buffer.from(sealed.data) };
}

async function findChannel(ctx: ChannelContext, id: string) {
  const channel = await ctx.db.workspaceChannel.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: channelSelect });
  if (!channel) throw new TRPCError({ code: "NOT_FOUND", message: `channel ${id} not found` });
  return channel;
}

async function checkFlow(ctx: ChannelContext, flowId: string): Promise<void> {
  const flow = await ctx.db.flow.findFirst({ where: { id: flowId, workspaceId: ctx.workspaceId, deletedAt: null }, select: { id: true } });
  if (!flow) throw new TRPCError({ code: "BAD_REQUEST", message: `flow ${flowId} not found in this workspace` });
}

function channelView(ctx: ChannelContext, channel: Awaited<ReturnType<typeof findChannel>>) {
  const common = {
    id: channel.id,
    kindLabel: CHANNEL_KINDS[channel.kind].label,
    name: channel.name,
    publicId: channel.publicId,
    allowedOrigins: storedOrigins(channel.allowedOrigins),
    flow: channel.flow && !channel.flow.deletedAt ? { id: channel.flow.id, name: channel.flow.name } : null,
    createdAt: channel.createdAt.toISOString(),
  };
  // One member per kind, so the settings page narrows the config by `kind`.
  if (channel.kind === "web_widget") return { ...common, kind: "web_widget" as const, config: parseChannelConfig("web_widget", channel.config) };
  /** The URL to paste into Twilio's number settings or Meta's webhook settings. */
  const webhookUrl = `${ctx.apiPublicUrl ?? ""}/channels/${channel.kind}/${channel.publicId}`;
  if (channel.kind === "twilio") return { ...common, kind: "twilio" as const, config: parseChannelConfig("twilio", channel.config), webhookUrl, hasCredential: channel.secretData !== null };
  if (channel.kind === "whatsapp") return { ...common, kind: "whatsapp" as const, config: parseChannelConfig("whatsapp", channel.config), webhookUrl, hasCredential: channel.secretData !== null };
  if (channel.kind === "api") {
    /** Where the integration posts its messages (signed with the channel's secret). */
    const inboundUrl = `${ctx.apiPublicUrl ?? ""}/channels/api/${channel.publicId}/messages`;
    return { ...common, kind: "api" as const, config: parseChannelConfig("api", channel.config), inboundUrl, hasCredential: channel.secretData !== null };
  }
  return {
    ...common,
    kind: "email" as const,
    config: parseChannelConfig("email", channel.config),
    /** Where customers write (the channel's own address works too once forwarded here); null without PARLEY_EMAIL_DOMAIN. */
    inboundAddress: ctx.emailDomain ? `${channel.publicId}@${ctx.emailDomain}` : null,
    hasRelayPassword: channel.secretData !== null,
    /** The IMAP poller's last word (error, when it last polled, messages taken and skipped). */
    imap: imapStatusView(channel.imapMailbox),
  };
}

/**
 * Settings → Channels: the ways in for customers an admin sets up (the embeddable web widget,
 * email). Each change is in the audit log; the snippet's public id never changes, so pages
 * that embed it keep working through edits.
 */
export const channelsRouter = router({
  list: staffProcedure("settings:manage").query(async ({ ctx }) => {
    const channels = await ctx.db.workspaceChannel.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: channelSelect });
    return channels.map((channel) => channelView(ctx, channel));
  }),

  create: staffProcedure("settings:manage")
    .input(channelSettingsSchema)
    .mutation(async ({ ctx, input }) => {
      await checkFlow(ctx, input.flowId);
      checkImapSettings(input);
      const id = randomUUID();
      const secret = input.kind === "api" ? newSigningSecret() : credentialOf(input);
      await ctx.db.workspaceChannel.create({
        data: {
          id,
          workspaceId: ctx.workspaceId,
          kind: input.kind,
          name: input.name,
          flowId: input.flowId,
          publicId: newPublicId(input.kind),
          allowedOrigins: asJson(originsOf(input)),
          config: asJson(input.config),
          ...sealedPassword(ctx.secretBox, ctx.workspaceId, id, secret),
        },
        select: { id: true },
      });
      if (input.kind === "email") await syncImapMailbox(ctx, id, input.config, null, input.imapPassword);
      const channel = await findChannel(ctx, id);
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "channel.create",
        target: { type: "channel", id: channel.id },
        details: { name: input.name, kind: input.kind, flowId: input.flowId, allowedOrigins: originsOf(input) },
      });
      // A custom channel's secret is shown this once (and after each rotation), never again.
      return { ...channelView(ctx, channel), ...(input.kind === "api" ? { signingSecret: secret! } : {}) };
    }),

  update: staffProcedure("settings:manage")
    .input(z.intersection(channelSettingsSchema, z.object({ id: idSchema })))
    .mutation(async ({ ctx, input }) => {
      const before = await findChannel(ctx, input.id);
      if (before.kind !== input.kind) throw new TRPCError({ code: "BAD_REQUEST", message: "a channel's kind cannot change; create another channel" });
      await checkFlow(ctx, input.flowId);
      checkImapSettings(input);
      await ctx.db.workspaceChannel.update({
        where: { id: before.id },
        data: {
          name: input.name,
          flowId: input.flowId,
          allowedOrigins: asJson(originsOf(input)),
          config: asJson(input.config),
          ...sealedPassword(ctx.secretBox, ctx.workspaceId, before.id, credentialOf(input)),
        },
        select: { id: true },
      });
      if (input.kind === "email") await syncImapMailbox(ctx, before.id, input.config, parseChannelConfig("email", before.config), input.imapPassword);
      const channel = await findChannel(ctx, before.id);
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "channel.update",
        target: { type: "channel", id: channel.id },
        details: {
          name: input.name,
          flowId: input.flowId,
          allowedOrigins: originsOf(input),
          ...(credentialOf(input) !== undefined ? { credential: credentialOf(input) === null ? "removed" : "set" } : {}),
          ...(input.kind === "email" && input.imapPassword !== undefined ? { imapPassword: input.imapPassword === null ? "removed" : "set" } : {}),
        },
      });
      return channelView(ctx, channel);
    }),

  /**
   * Signs in to an IMAP mailbox and counts its messages, changing nothing: the form's settings,
   * with the typed password or the channel's stored one. A refusal is an answer (`ok: false` and
   * the server's reason), not an error.
   */
  testImap: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema.optional(), imap: emailImapSchema, password: z.string().min(1).max(500).optional() }))
    .mutation(({ ctx, input }) => testImapConnection(ctx, input)),

  /** A custom (API) channel's new signing secret, shown once; the old one stops verifying at once. */
  rotateSecret: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const channel = await findChannel(ctx, input.id);
      if (channel.kind !== "api") throw new TRPCError({ code: "BAD_REQUEST", message: "only a custom (API) channel has a signing secret Parley makes" });
      const signingSecret = newSigningSecret();
      await ctx.db.workspaceChannel.update({ where: { id: channel.id }, data: sealedPassword(ctx.secretBox, ctx.workspaceId, channel.id, signingSecret), select: { id: true } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "channel.rotate_secret", target: { type: "channel", id: channel.id }, details: { name: channel.name } });
      return { signingSecret };
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

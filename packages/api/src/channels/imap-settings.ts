import { TRPCError } from "@trpc/server";
import type { SecretBox } from "@parley/db";
import { describeImapError, imapMessageCount, imapSecretName, type EmailConfig, type EmailImap } from "@parley/channels";
import type { ApiServices } from "../context";

type Ctx = ApiServices & { workspaceId: string };

/** What Settings → Channels reads of a channel's IMAP mailbox (never the password). */
export const imapMailboxSelect = {
  select: { passwordData: true, lastError: true, lastErrorAt: true, lastPolledAt: true, nextPollAt: true, taken: true, skipped: true, failures: true },
} as const;

type ImapMailboxRow = { passwordData: Uint8Array | null; lastError: string | null; lastErrorAt: Date | null; lastPolledAt: Date | null; nextPollAt: Date; taken: number; skipped: number; failures: number };

/** The poller's view of the mailbox for the settings page: how the last poll went. */
export function imapStatusView(row: ImapMailboxRow | null | undefined) {
  if (!row) return { hasPassword: false, lastError: null, lastErrorAt: null, lastPolledAt: null, nextPollAt: null, taken: 0, skipped: 0, failures: 0 };
  return {
    hasPassword: row.passwordData !== null,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
    lastPolledAt: row.lastPolledAt?.toISOString() ?? null,
    nextPollAt: row.nextPollAt.toISOString(),
    taken: row.taken,
    skipped: row.skipped,
    failures: row.failures,
  };
}

function seal(secretBox: SecretBox | undefined, workspaceId: string, channelId: string, password: string | null) {
  if (password === null) return { passwordIv: null, passwordTag: null, passwordData: null };
  if (!secretBox) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this server has no secrets key (PARLEY_SECRETS_KEY), so it cannot keep the IMAP password" });
  const sealed = secretBox.seal(workspaceId, imapSecretName(channelId), password);
  return { passwordIv: Buffer.from(sealed.iv), passwordTag: Buffer.from(sealed.tag), passwordData: Buffer.from(sealed.data) };
}

/** Checked before a channel is written: inbound "imap" needs the mailbox's settings. */
export function checkImapSettings(input: { kind: string; config: unknown }): void {
  const config = input.config as Partial<EmailConfig>;
  if (input.kind === "email" && config.inbound === "imap" && !config.imap) throw new TRPCError({ code: "BAD_REQUEST", message: "config.imap: polling a mailbox needs its IMAP settings" });
}

const sameMailbox = (a: EmailImap | null | undefined, b: EmailImap | null | undefined) => a?.host === b?.host && a?.port === b?.port && a?.user === b?.user && a?.mailbox === b?.mailbox;

/**
 * After an email channel is saved: its ImapMailbox row holds the sealed password (undefined keeps
 * it, null removes it) and is due at once, so a fixed setting is tried without waiting out a
 * backoff. Another server, user or mailbox starts the cursor over (its UIDs mean other messages).
 */
export async function syncImapMailbox(ctx: Ctx, channelId: string, config: EmailConfig, before: EmailConfig | null, password: string | null | undefined): Promise<void> {
  if (config.inbound !== "imap" && password === undefined) return;
  const sealed = password === undefined ? {} : seal(ctx.secretBox, ctx.workspaceId, channelId, password);
  const restart = before !== null && !sameMailbox(before.imap, config.imap) ? { uidValidity: null, lastUid: 0n } : {};
  const due = { nextPollAt: new Date(), failures: 0, lastError: null, lastErrorAt: null };
  await ctx.db.imapMailbox.upsert({
    where: { channelId },
    create: { channelId, ...sealed, ...due },
    update: { ...sealed, ...restart, ...due },
    select: { channelId: true },
  });
}

/** "Test connection": the password typed in the form, else the channel's stored one. */
export async function testImapConnection(ctx: Ctx, input: { id?: string | undefined; imap: EmailImap; password?: string | undefined }) {
  let password = input.password;
  if (password === undefined && input.id) {
    const row = await ctx.db.imapMailbox.findFirst({ where: { channelId: input.id, channel: { workspaceId: ctx.workspaceId } }, select: { passwordIv: true, passwordTag: true, passwordData: true } });
    if (row?.passwordIv && row.passwordTag && row.passwordData && ctx.secretBox) {
      try {
        password = ctx.secretBox.open(ctx.workspaceId, imapSecretName(input.id), { iv: row.passwordIv, tag: row.passwordTag, data: row.passwordData });
      } catch {
        password = undefined;
      }
    }
  }
  if (password === undefined) return { ok: false as const, error: "enter the IMAP password to test the connection" };
  try {
    const { messages, unseen } = await imapMessageCount(input.imap, password);
    return { ok: true as const, messages, unseen };
  } catch (err) {
    return { ok: false as const, error: describeImapError(err, input.imap).message };
  }
}

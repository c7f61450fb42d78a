import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { PollingLoop } from "@parley/activities";
import { ImapError, imapSecretName, InboundEmailError, parseChannelConfig, parseInboundEmail, pollImapMailbox, type ImapCursor, type ImapMail, type InboundEmail } from "@parley/channels";
import type { ApiServices } from "../context";
import { receiveEmail, type EmailChannel, type SealBytes } from "./email-inbound";

export interface ImapPollerOptions {
  /** Seals attachments at rest (the audio cipher), as the SMTP endpoint does. */
  seal: SealBytes;
  /** The largest message taken (PARLEY_EMAIL_MAX_BYTES, the SMTP endpoint's limit); larger ones are skipped. */
  maxBytes: number;
  /** How often this process looks for mailboxes that are due. */
  tickMs?: number;
  /** How long a claimed mailbox stays this process's; a process that died frees it after this. */
  leaseMs?: number;
  /** Messages per poll at most (the rest follow at once in the next poll). */
  batch?: number;
}

/** How one poll of one mailbox went. */
export interface ImapPollOutcome {
  taken: number;
  skipped: number;
  error: string | null;
}

/** Backoff after failures: the poll interval doubled per failure in a row, at most an hour. */
export const backoffSeconds = (pollSeconds: number, failures: number) => Math.min(pollSeconds * 2 ** Math.min(failures, 12), 3600);

/**
 * Polls the IMAP mailboxes of email channels whose inbound is "imap", in the API process next to
 * the SMTP endpoint: each message goes through the same `parseInboundEmail` + `receiveEmail` as
 * SMTP mail. The state lives in the ImapMailbox row (UIDVALIDITY + last UID taken, next poll,
 * last error), so a restart resumes where it stopped; a lease on the row makes each mailbox
 * polled by one API process at a time. A message that does not parse, or is too big, is skipped
 * (logged, counted, flagged \Seen) and never holds up the others; a failure to take one (Temporal
 * or the database away, the flow unpublished) stops the poll there and backs off, so nothing is lost.
 */
export class ImapPoller {
  private readonly owner = randomUUID();
  private readonly loop: PollingLoop;

  constructor(
    private readonly services: ApiServices,
    private readonly options: ImapPollerOptions,
  ) {
    this.loop = new PollingLoop("[imap] looking for due mailboxes", async () => (await this.tick(), false), options.tickMs ?? 5000);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops the timer; resolves when a poll in flight has finished. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  async tick(now = new Date()): Promise<number> {
    const due = await this.services.db.imapMailbox.findMany({
      where: { nextPollAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      select: { channelId: true },
      orderBy: { nextPollAt: "asc" },
      take: 20,
    });
    let polled = 0;
    for (const { channelId } of due) {
      if ((await this.pollChannel(channelId)) !== null) polled += 1;
    }
    return polled;
  }

  /** One poll of one channel's mailbox, if this process gets its lease; null when it does not (or the channel polls no IMAP). */
  async pollChannel(channelId: string): Promise<ImapPollOutcome | null> {
    const db = this.services.db;
    const now = new Date();
    const claimed = await db.imapMailbox.updateMany({
      where: { channelId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + (this.options.leaseMs ?? 120_000)) },
    });
    if (claimed.count === 0) return null;
    const row = await db.imapMailbox.findUnique({ where: { channelId }, include: { channel: { select: { id: true, workspaceId: true, flowId: true, kind: true, config: true } } } });
    const config = row?.channel.kind === "email" ? parseChannelConfig("email", row.channel.config) : null;
    if (!row || !config || config.inbound !== "imap" || !config.imap) {
      // Switched back to SMTP: the row keeps its cursor and waits until IMAP is chosen again.
      await db.imapMailbox.updateMany({ where: { channelId, leaseOwner: this.owner }, data: { leaseOwner: null, leaseUntil: null, nextPollAt: new Date(now.getTime() + 3600_000) } });
      return null;
    }
    const settings = config.imap;
    const channel: EmailChannel = { id: row.channel.id, workspaceId: row.channel.workspaceId, flowId: row.channel.flowId, config };
    const outcome: ImapPollOutcome = { taken: 0, skipped: 0, error: null };
    let more = false;
    try {
      const password = this.password(row);
      const take = async (mail: ImapMail) => {
        const email = await this.parse(channelId, mail);
        if (email === null) return void (outcome.skipped += 1);
        // The same path as the SMTP endpoint; it remembers Message-IDs, so taking a mail again adds nothing.
        await receiveEmail(this.services, channel, email, this.options.seal);
        outcome.taken += 1;
      };
      // Each committed message also renews the lease, so a long poll keeps its mailbox to itself.
      const commit = async (cursor: ImapCursor) => {
        const leaseUntil = new Date(Date.now() + (this.options.leaseMs ?? 120_000));
        await db.imapMailbox.update({ where: { channelId }, data: { uidValidity: cursor.uidValidity, lastUid: cursor.lastUid, leaseUntil }, select: { channelId: true } });
      };
      const cursor: ImapCursor = { uidValidity: row.uidValidity, lastUid: row.lastUid };
      ({ more } = await pollImapMailbox(settings, password, cursor, take, { maxBytes: this.options.maxBytes, limit: this.options.batch ?? 50, commit }));
    } catch (err) {
      outcome.error = describePollFailure(err);
      console.error(`[imap] channel ${channelId}: ${outcome.error}`);
    }
    const failures = outcome.error ? row.failures + 1 : 0;
    const wait = outcome.error ? backoffSeconds(settings.pollSeconds, failures - 1) : more ? 0 : settings.pollSeconds;
    const done = new Date();
    await db.imapMailbox.updateMany({
      where: { channelId, leaseOwner: this.owner },
      data: {
        leaseOwner: null,
        leaseUntil: null,
        failures,
        nextPollAt: new Date(done.getTime() + wait * 1000),
        lastPolledAt: done,
        taken: { increment: outcome.taken },
        skipped: { increment: outcome.skipped },
        ...(outcome.error ? { lastError: outcome.error, lastErrorAt: done } : { lastError: null }),
      },
    });
    return outcome;
  }

  private password(row: { channel: { workspaceId: string; id: string }; passwordIv: Uint8Array | null; passwordTag: Uint8Array | null; passwordData: Uint8Array | null }): string {
    if (!row.passwordIv || !row.passwordTag || !row.passwordData) throw new ImapError("no IMAP password is set for this channel", "auth");
    if (!this.services.secretBox) throw new ImapError("this server has no secrets key (PARLEY_SECRETS_KEY), so it cannot open the IMAP password", "auth");
    try {
      return this.services.secretBox.open(row.channel.workspaceId, imapSecretName(row.channel.id), { iv: row.passwordIv, tag: row.passwordTag, data: row.passwordData });
    } catch {
      throw new ImapError("the stored IMAP password does not open with this server's secrets key; enter it again", "auth");
    }
  }

  /** The mail, or null when it is skipped for good (too big, unparseable, automatic): logged with the reason. */
  private async parse(channelId: string, mail: ImapMail): Promise<InboundEmail | null> {
    const skip = (reason: string) => {
      console.warn(`[imap] channel ${channelId}: message UID ${mail.uid} skipped: ${reason}`);
      return null;
    };
    if (!mail.raw) return skip(`${mail.size} bytes is over the limit of ${this.options.maxBytes}`);
    try {
      const email = await parseInboundEmail(mail.raw);
      // Out-of-office answers and bounces are dropped, as on SMTP: replying to them could loop.
      return email.automatic ? skip("an automatic message (auto-reply or bounce)") : email;
    } catch (err) {
      return skip(err instanceof InboundEmailError ? err.message : "the message could not be parsed");
    }
  }
}

/** The error Settings → Channels shows for the channel. */
function describePollFailure(err: unknown): string {
  if (err instanceof ImapError) return err.message;
  if (err instanceof TRPCError) return `a message could not be taken and waits in the mailbox: ${err.message}`;
  return `polling failed: ${err instanceof Error ? err.message : String(err)}`;
}

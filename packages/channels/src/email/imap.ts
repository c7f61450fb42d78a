import { ImapFlow } from "imapflow";
import type { EmailImap } from "./config";

/** AAD name of an email channel's sealed IMAP password (the relay password is `channel:<id>`). */
export const imapSecretName = (channelId: string) => `channel:${channelId}:imap`;

/** Where polling got to in a mailbox: every message up to lastUid under this UIDVALIDITY is done. */
export interface ImapCursor {
  uidValidity: bigint | null;
  lastUid: bigint;
}

/** One new message: its raw source, or null when it is over the size limit (not downloaded). */
export interface ImapMail {
  uid: number;
  size: number;
  raw: Buffer | null;
}

export interface ImapPollOptions {
  /** Larger messages are not downloaded: `take` gets `raw: null` and decides (the poller skips them). */
  maxBytes: number;
  /** At most this many messages per poll, so one poll stays short and the lease holds. */
  limit: number;
  /** Called after each message is taken and flagged \Seen; persist it before the next one. */
  commit(cursor: ImapCursor): Promise<void>;
  timeoutMs?: number;
}

const where = (settings: EmailImap) => `${settings.host}:${settings.port}`;

/** A failed connection, sign-in or mailbox, in words an admin can act on. */
export class ImapError extends Error {
  constructor(
    message: string,
    readonly reason: "auth" | "connection" | "mailbox" | "protocol",
  ) {
    super(message);
    this.name = "ImapError";
  }
}

type ImapFlowError = Error & { code?: string; authenticationFailed?: boolean; responseText?: string; mailboxMissing?: boolean; serverResponseCode?: string };

/** imapflow's errors (socket codes, NO answers) as one sentence naming the server. */
export function describeImapError(err: unknown, settings: EmailImap): ImapError {
  if (err instanceof ImapError) return err;
  const e = (err instanceof Error ? err : new Error(String(err))) as ImapFlowError;
  const where = `${settings.host}:${settings.port}`;
  if (e.authenticationFailed || e.serverResponseCode === "AUTHENTICATIONFAILED")
    return new ImapError(`${where} refused the user name or password for ${settings.user}${e.responseText ? ` (${e.responseText})` : ""}`, "auth");
  if (e.mailboxMissing || e.serverResponseCode === "NONEXISTENT") return new ImapError(`${where} has no mailbox "${settings.mailbox}"`, "mailbox");
  if (e.code === "ECONNREFUSED") return new ImapError(`nothing answers at ${where} (connection refused)`, "connection");
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return new ImapError(`the host ${settings.host} is not known`, "connection");
  if (e.code === "ETIMEOUT" || e.code === "ETIMEDOUT" || e.code === "CONNECT_TIMEOUT" || e.code === "GREETING_TIMEOUT")
    return new ImapError(`${where} did not answer in time`, "connection");
  if (e.code === "ECONNRESET" || e.code === "NoConnection" || e.code === "EConnectionClosed") return new ImapError(`${where} closed the connection (${e.message})`, "connection");
  if (/SSL|TLS|CERT/i.test(e.code ?? "") || /ssl|tls|certificate/i.test(e.message))
    return new ImapError(`TLS with ${where} failed: ${e.message} (is "TLS" right for this port?)`, "connection");
  return new ImapError(`${where}: ${e.responseText ?? e.message}`, "protocol");
}

/** Signs in, runs `use`, logs out; every failure comes out as an ImapError. */
async function withClient<T>(settings: EmailImap, password: string, timeoutMs: number, use: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.tls,
    auth: { user: settings.user, pass: password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: Math.max(timeoutMs * 3, 60_000),
    // One poll, then LOGOUT: no IDLE between commands.
    disableAutoIdle: true,
  });
  // A dropped socket after a failed command is reported through the command's own rejection.
  client.on("error", () => {});
  try {
    await client.connect();
    const result = await use(client);
    await client.logout();
    return result;
  } catch (err) {
    client.close();
    throw describeImapError(err, settings);
  }
}

/** "Test connection": signs in and counts the mailbox's messages (STATUS, nothing is changed). */
export async function imapMessageCount(settings: EmailImap, password: string, timeoutMs = 10_000): Promise<{ messages: number; unseen: number }> {
  return withClient(settings, password, timeoutMs, async (client) => {
    const status = await client.status(settings.mailbox, { messages: true, unseen: true });
    if (!status) throw new ImapError(`${settings.host}:${settings.port} has no mailbox "${settings.mailbox}"`, "mailbox");
    return { messages: status.messages ?? 0, unseen: status.unseen ?? 0 };
  });
}

/**
 * One poll: the unseen messages above the cursor's UID (all unseen ones when UIDVALIDITY changed
 * or on the first poll), oldest first. Each goes to `take`; only when it resolves is the message
 * flagged \Seen and the cursor committed, so a crash in between takes it again (the inbound path
 * is idempotent on Message-ID) and nothing is skipped. A `take` that throws ends the poll there.
 */
export async function pollImapMailbox(settings: EmailImap, password: string, cursor: ImapCursor, take: (mail: ImapMail) => Promise<void>, options: ImapPollOptions): Promise<{ cursor: ImapCursor; taken: number; more: boolean }> {
  return withClient(settings, password, options.timeoutMs ?? 15_000, async (client) => {
    const mailbox = await client.mailboxOpen(settings.mailbox);
    let current: ImapCursor = mailbox.uidValidity === cursor.uidValidity ? cursor : { uidValidity: mailbox.uidValidity, lastUid: 0n };
    if (current !== cursor) await options.commit(current);
    // UID n:* always names the highest message, even below n: filtered again here.
    const found = await client.search({ uid: `${current.lastUid + 1n}:*`, seen: false }, { uid: true });
    // imapflow answers false (not an error) when a command fails: never read that as "no mail".
    if (!found) throw new ImapError(`${where(settings)} did not answer the search for new messages`, "protocol");
    const uids = found.filter((uid) => BigInt(uid) > current.lastUid).sort((a, b) => a - b);
    const batch = uids.slice(0, options.limit);
    if (batch.length === 0) return { cursor: current, taken: 0, more: false };
    const sizes = new Map<number, number>();
    for (const message of await client.fetchAll(batch.join(","), { uid: true, size: true }, { uid: true })) sizes.set(message.uid, message.size ?? 0);
    let taken = 0;
    for (const uid of batch) {
      const size = sizes.get(uid);
      // Gone since the search (expunged elsewhere) or the fetch failed: stop here, the next poll sees.
      if (size === undefined) throw new ImapError(`${where(settings)} did not return message UID ${uid}`, "protocol");
      let raw: Buffer | null = null;
      if (size <= options.maxBytes) {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (!message || !message.source) throw new ImapError(`${where(settings)} did not return message UID ${uid}`, "protocol");
        raw = message.source;
      }
      await take({ uid, size, raw });
      if (!(await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true })))
        throw new ImapError(`${where(settings)} closed the connection before message UID ${uid} was flagged \\Seen (it is taken again next time)`, "connection");
      current = { uidValidity: current.uidValidity, lastUid: BigInt(uid) };
      await options.commit(current);
      taken += 1;
    }
    return { cursor: current, taken, more: uids.length > batch.length };
  });
}

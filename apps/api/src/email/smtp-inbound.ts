import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { TRPCError } from "@trpc/server";
import { InboundEmailError, parseInboundEmail, type InboundEmail } from "@parley/channels";
import { emailChannelFor, receiveEmail, type ApiServices, type SealBytes } from "@parley/api";

export interface SmtpInboundOptions {
  services: ApiServices;
  /** Seals attachments at rest (the audio cipher). */
  seal: SealBytes;
  /** The largest message taken (announced as SIZE; larger ones are refused with 552). */
  maxBytes: number;
}

/** An SMTP answer: 5xx the sender gives up (and bounces), 4xx it tries again later. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** Reads the message, stopping (but draining) once it is over the limit. */
async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks);
}

/**
 * The inbound SMTP endpoint of email channels (the `smtp-server` package): RCPT TO must name an
 * email channel (550 otherwise), the message must fit the SIZE limit (552), and must parse with a
 * sender (550). Each recipient channel then takes the mail (packages/api receiveEmail); when
 * Temporal or the database is away the answer is 451 and the sending server tries again later, so
 * nothing is lost and nothing here throws past the server.
 */
export function createSmtpInbound(options: SmtpInboundOptions): SMTPServer {
  const { services } = options;
  const server = new SMTPServer({
    banner: "Parley inbound mail",
    size: options.maxBytes,
    // A receiving MX: senders do not sign in. TLS belongs to the MX or proxy in front of it.
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      emailChannelFor(services, address.address).then(
        (channel) => callback(channel ? undefined : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`)),
        (err: unknown) => {
          console.error("[smtp] looking up a recipient failed:", err);
          callback(smtpError(451, "4.3.0 temporary failure, try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (message) => callback(null, message),
        (err: unknown) => callback(err instanceof Error && "responseCode" in err ? err : smtpError(451, "4.3.0 temporary failure, try again later")),
      );
    },
  });
  // A client that misbehaves (a reset connection, a protocol error) is its own problem.
  server.on("error", (err) => console.error("[smtp] connection error:", err.message));

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await readMessage(stream, options.maxBytes);
    if (!raw) throw smtpError(552, `5.3.4 message too big: at most ${options.maxBytes} bytes`);
    let email: InboundEmail;
    try {
      email = await parseInboundEmail(raw);
    } catch (err) {
      throw smtpError(550, `5.6.0 ${err instanceof InboundEmailError ? err.message : "the message could not be parsed"}`);
    }
    // Out-of-office answers and bounces are taken and dropped: replying to them could loop.
    if (email.automatic) return "2.0.0 automatic message dropped";
    let transient = false;
    let taken = 0;
    for (const recipient of session.envelope.rcptTo) {
      const channel = await emailChannelFor(services, recipient.address);
      if (!channel) continue;
      try {
        await receiveEmail(services, channel, email, options.seal);
        taken += 1;
      } catch (err) {
        const permanent = err instanceof TRPCError && (err.code === "PRECONDITION_FAILED" || err.code === "BAD_REQUEST" || err.code === "NOT_FOUND");
        if (!permanent) transient = true;
        console.error(`[smtp] mail ${email.messageId} for ${recipient.address} not taken:`, err instanceof Error ? err.message : err);
      }
    }
    // Channels that took it already remember its Message-ID, so a retry adds it to the others only.
    if (transient) throw smtpError(451, "4.3.0 temporary failure, try again later");
    if (taken === 0) throw smtpError(550, "5.7.1 this channel cannot take mail right now (its flow is not published)");
    return `2.0.0 taken as ${email.messageId}`;
  }

  return server;
}

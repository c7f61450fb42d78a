export { emailConfigSchema, emailImapSchema, emailRelaySchema, type EmailConfig, type EmailImap, type EmailRelay } from "./config";
export { describeImapError, imapMessageCount, imapSecretName, ImapError, pollImapMailbox, type ImapCursor, type ImapMail, type ImapPollOptions } from "./imap";
export { renderEmail, replySubject, OPTIONS_HINT, type RenderedEmail } from "./render";
export { parseInboundEmail, stripReply, InboundEmailError, DEFAULT_INBOUND_LIMITS, type InboundEmail, type InboundLimits } from "./inbound";
export { relayFromUrl, sendEmail, RelayError, type OutgoingEmail } from "./outbound";
export { bareMessageId, messageIdsOf, publicIdOfRecipient, domainOf } from "./addresses";

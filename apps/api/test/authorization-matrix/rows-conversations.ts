/** Conversations and what hangs off them: attachments, live updates, notifications, sentiment. Who may call each procedure (rows of ../authorization-matrix.test.ts). */
import { STAFF, WORKERS, MANAGERS, KEYS, WRITE_KEYS, ANYONE, type Principal } from "./principals";

export const conversationRows: Record<string, Principal[]> = {
  "conversations.reply": WORKERS,
  "conversations.assign": WORKERS,
  "conversations.resolve": WORKERS,
  "conversations.handBack": WORKERS,
  "conversations.start": ANYONE,
  "conversations.resume": ["customer"],
  "conversations.startFromMessage": [...MANAGERS, ...WRITE_KEYS],
  "conversations.send": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "conversations.list": [...WORKERS, ...KEYS],
  "conversations.get": [...WORKERS, ...KEYS],
  /** A customer's file: whoever may read its conversation. */
  "attachments.get": [...WORKERS, ...KEYS],
  /** Analysts too: the steps and timings, without what was said. */
  "conversations.path": [...STAFF, ...KEYS],
  "conversations.messagesSince": ["customer", ...WORKERS, ...KEYS],
  "conversations.stream": ["customer"],
  /** Moving one's own conversation to email: the customer alone (a bad address here, so nothing moves). */
  "conversations.continueByEmail": ["customer"],
  /** The same by SMS: the customer alone (a number that is not one here, so nothing moves). */
  "conversations.continueBySms": ["customer"],
  "conversations.state": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "conversations.listenIn": ["owner", "admin", "supervisor"],
  "conversations.counts": [...WORKERS, ...KEYS],
  "conversations.viewCounts": [...WORKERS, ...KEYS],
  /** Live updates: the same callers as the inbox's reads (what each hears is filtered like the inbox; live-updates.test.ts). */
  "live.events": [...WORKERS, ...KEYS],
  "notifications.list": [...WORKERS, ...KEYS],
  "notifications.markRead": [...WORKERS, ...KEYS],
  "sentiment.trend": [...WORKERS, ...KEYS],
};

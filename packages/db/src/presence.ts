import type { Db } from "./client";
import type { Presence } from "./generated/sqlite/enums";

/**
 * Whether an agent takes offers, and when "online" is no longer true. Here, beside the member
 * rows, because the API (presence screens) and the routing activities apply the same rule.
 */
export const PRESENCES = ["online", "away", "offline"] as const satisfies readonly Presence[];

/** Without PARLEY_AUTO_AWAY_MINUTES: an agent online but idle this long reads as away. */
export const DEFAULT_AUTO_AWAY_MS = 10 * 60_000;

/** How long `lastActiveAt` may lag: one write a minute per member, not one per request. */
export const ACTIVITY_RESOLUTION_MS = 60_000;

export interface PresenceFacts {
  presence: Presence;
  presenceAt: Date | null;
  lastActiveAt: Date | null;
}

/**
 * What a member's presence means now: online only while their session keeps making requests.
 * An agent who went online and then closed the laptop is away once `awayAfterMs` passes since
 * their last request (or since they went online, if they made none after). Pure, so the routing
 * engine applies the same rule when it picks an agent.
 */
export function effectivePresence(member: PresenceFacts, now: Date, awayAfterMs: number = DEFAULT_AUTO_AWAY_MS): Presence {
  if (member.presence !== "online") return member.presence;
  const seen = latest(member.lastActiveAt, member.presenceAt);
  if (!seen) return "away";
  return now.getTime() - seen.getTime() > awayAfterMs ? "away" : "online";
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * Writes down the auto-away that `effectivePresence` read, so every reader (the inbox, routing,
 * reports) agrees without a scheduler. Conditional on the facts still being the ones read: a
 * member who came back meanwhile (a newer lastActiveAt or presenceAt) is left online.
 */
export async function persistAutoAway(db: Db, members: readonly ({ id: string } & PresenceFacts)[], now: Date, awayAfterMs: number) {
  const idle = members.filter((member) => member.presence === "online" && effectivePresence(member, now, awayAfterMs) === "away");
  for (const member of idle) {
    await db.member.updateMany({
      where: { id: member.id, presence: "online", lastActiveAt: member.lastActiveAt, presenceAt: member.presenceAt },
      data: { presence: "away", presenceAt: now },
    });
  }
  return idle.length;
}

/**
 * Notes that a member's session made a request, at most once per ACTIVITY_RESOLUTION_MS. The
 * caller already read `lastActiveAt`; the WHERE on that old value makes two concurrent requests
 * write once, and a request in the same minute writes nothing at all (no write lock on SQLite).
 */
export async function touchActivity(db: Db, member: { id: string; lastActiveAt: Date | null }, now: Date = new Date()) {
  if (member.lastActiveAt && now.getTime() - member.lastActiveAt.getTime() < ACTIVITY_RESOLUTION_MS) return;
  await db.member.updateMany({ where: { id: member.id, lastActiveAt: member.lastActiveAt }, data: { lastActiveAt: now } });
}

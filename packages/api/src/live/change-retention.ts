import type { Db } from "@parley/db";
import { AUTOMATION_CURSOR } from "../automation/cursor";

/** Rows live this long: long enough for a laptop waking from sleep to catch up, short enough to stay small. */
export const RETAIN_MS = 60 * 60_000;
/** Rows the automation engine has not read yet stay this long, so an engine that was down acts on what it missed. */
export const UNREAD_RETAIN_MS = 7 * 24 * 60 * 60_000;

/**
 * Drops the ChangeEvent rows nobody needs any more: past the live feed's hour and already read
 * by the automation engine (its durable cursor), or past a week whatever happened. Without an
 * engine cursor (automation never ran) age alone decides. Idempotent: every process may run it.
 */
export async function pruneChangeEvents(db: Db, now = Date.now()): Promise<void> {
  const engine = await db.automationCursor.findUnique({ where: { name: AUTOMATION_CURSOR }, select: { position: true } });
  const read = engine ? { id: { lte: engine.position } } : {};
  await db.changeEvent.deleteMany({
    where: { OR: [{ createdAt: { lt: new Date(now - UNREAD_RETAIN_MS) } }, { createdAt: { lt: new Date(now - RETAIN_MS) }, ...read }] },
  });
}

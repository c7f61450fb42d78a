import { createPersistenceActivities, type RecordTurnInput } from "@parley/activities";
import type { Db } from "@parley/db";

const stores = new WeakMap<Db, (turn: RecordTurnInput) => Promise<void>>();

/**
 * Writes a turn the conversation handed to the API (`storeTurn` of sendCustomerMessage) with the
 * worker's own `recordTurn`: same statements, same idempotence, so the workflow's check seconds
 * later finds them and writes nothing. One per database (its compiled-flow cache is per process). A
 * failure is logged, not thrown: the message is durable in the workflow's history already, and
 * the workflow stores what is missing itself seconds later (packages/workflows handed-turns.ts).
 */
export function turnStore(db: Db): (turn: RecordTurnInput) => Promise<void> {
  let store = stores.get(db);
  if (!store) {
    const { recordTurn } = createPersistenceActivities({ db });
    store = (turn) =>
      recordTurn(turn).catch((err: unknown) => {
        console.warn(`[conversations] storing the turn of ${turn.conversationId} failed (the workflow stores it itself):`, err);
      });
    stores.set(db, store);
  }
  return store;
}

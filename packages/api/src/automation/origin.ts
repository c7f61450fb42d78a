import type { Db } from "@parley/db";
import { asJson } from "@parley/db";
import type { AutomationEventName } from "./rule-schema";

/** Past this many rule-caused steps, a conversation's change sets off no rule (A → B → A → …). */
export const MAX_AUTOMATION_DEPTH = 3;
/** A run's effects are looked for this long; a change later than that is nobody's doing but people's. */
const EFFECT_WINDOW_MS = 10 * 60_000;

interface PendingEffect {
  event: AutomationEventName;
  /** The event key that was found to be this effect (reading the same row again finds the same run). */
  seenAs?: string;
}

export interface Origin {
  ruleId: string;
  runId: string;
  /** The depth of the events the run caused. */
  depth: number;
}

const pendingOf = (value: unknown): PendingEffect[] => (Array.isArray(value) ? (value as PendingEffect[]) : []);

/**
 * Which rule run caused this change, if any. A run writes down the events its actions will cause
 * before it applies them; the first such event seen afterwards on the conversation is taken as
 * the run's doing and carries its origin (rule, depth), so the rule does not react to itself and
 * a chain of rules stops at MAX_AUTOMATION_DEPTH. Durable (a row), so it holds across restarts.
 */
export async function originOf(db: Db, conversationId: string, event: { name: AutomationEventName; key: string }, happenedAt: Date): Promise<Origin | null> {
  const runs = await db.automationRun.findMany({
    where: { conversationId, outcome: "applied", createdAt: { gte: new Date(happenedAt.getTime() - EFFECT_WINDOW_MS), lte: happenedAt } },
    orderBy: { createdAt: "asc" },
    select: { id: true, ruleId: true, depth: true, pendingEffects: true },
  });
  // The same event read again (a duplicate read, a restart) finds the run it was matched to before.
  const seen = runs.find((run) => pendingOf(run.pendingEffects).some((effect) => effect.seenAs === event.key && effect.event === event.name));
  if (seen) return { ruleId: seen.ruleId, runId: seen.id, depth: seen.depth + 1 };
  for (const run of runs) {
    const effects = pendingOf(run.pendingEffects);
    if (!effects.some((effect) => effect.event === event.name && !effect.seenAs)) continue;
    // A run's actions reach the conversation in one save: the change that shows one of its effects
    // shows all it will show, so the rest are closed too (a later change is no longer its doing).
    const closed = effects.map((effect) => (effect.seenAs ? effect : { ...effect, seenAs: event.key }));
    await db.automationRun.update({ where: { id: run.id }, data: { pendingEffects: asJson(closed) } });
    return { ruleId: run.ruleId, runId: run.id, depth: run.depth + 1 };
  }
  return null;
}

export const pendingEffects = (events: AutomationEventName[]) => asJson(events.map((event): PendingEffect => ({ event })));

import { condition, continueAsNew, proxyActivities, setHandler } from "@temporalio/workflow";
import type { Activities } from "@parley/activities";
import { automationActivitySignal, automationStopSignal, type AutomationIdleInput } from "./background-contracts";

const marks = proxyActivities<Activities>({
  startToCloseTimeout: "10 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "1 minute" },
});

/** Quiet spells before the history is carried over to a fresh run (each reset adds a few events). */
const RESETS_PER_RUN = 500;

/** Thresholds as whole minutes, ascending, each once; anything unusable is dropped. */
export function idleThresholds(minutes: unknown): number[] {
  const list = Array.isArray(minutes) ? minutes : [];
  return [...new Set(list.filter((value): value is number => Number.isInteger(value) && value > 0 && value <= 60 * 24 * 30))].sort((a, b) => a - b);
}

/**
 * "Idle for N minutes" as a durable timer, not a scan: one workflow per conversation, started
 * (or reset) by the automation engine with signal-with-start whenever the conversation sees
 * activity. After each threshold of quiet it leaves an idle mark (a ChangeEvent row) that the
 * engine turns into rule runs; activity starts the spell over, the conversation's end stops it.
 */
export async function automationIdle(input: AutomationIdleInput): Promise<void> {
  let thresholds = idleThresholds(input.minutes);
  let resets = 0;
  let lastChangeId = input.lastChangeId ?? 0;
  let stopped = false;
  setHandler(automationActivitySignal, (change) => {
    const { minutes, changeId } = (change ?? {}) as { minutes?: unknown; changeId?: unknown };
    if (typeof changeId !== "number" || changeId <= lastChangeId) return;
    lastChangeId = changeId;
    resets++;
    thresholds = idleThresholds(minutes);
  });
  setHandler(automationStopSignal, () => {
    stopped = true;
  });

  while (!stopped) {
    const spell = resets;
    const quietSince = Date.now();
    for (const minutes of thresholds) {
      const waited = quietSince + minutes * 60_000 - Date.now();
      const interrupted = waited > 0 && (await condition(() => stopped || resets !== spell, waited));
      if (interrupted) break;
      await marks.markConversationIdle({ workspaceId: input.workspaceId, conversationId: input.conversationId, minutes, quietSince });
    }
    // Every mark of this spell is out: wait for the next activity (or the end).
    await condition(() => stopped || resets !== spell);
    if (!stopped && resets >= RESETS_PER_RUN) await continueAsNew<typeof automationIdle>({ ...input, minutes: thresholds, lastChangeId });
  }
}

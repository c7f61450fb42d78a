import type { Client } from "@temporalio/client";
import type { Db } from "@parley/db";
import { agentChangedSignal, teamQueueWorkflowId } from "@parley/workflows";

const isNotFound = (err: unknown) => (err as { code?: unknown; name?: unknown } | null)?.code === 5 || (err as { name?: unknown } | null)?.name === "WorkflowNotFoundError";

/**
 * Tells the queues of every team the agent belongs to that their availability changed: a slot
 * freed (resolve, hand back, a transfer away), presence or capacity changed. `available: false`
 * (offline, away) withdraws their open offers, which go to the next agent. Queues that are not
 * running have nobody waiting. Best effort: each queue also looks again on its own every 30 s.
 * The presence and capacity screens call this after they write the member row.
 */
export async function signalAgentAvailability(services: { db: Db; temporal: Client }, input: { workspaceId: string; userId: string; available: boolean }): Promise<void> {
  const teams = await services.db.teamMember.findMany({
    where: { member: { workspaceId: input.workspaceId, userId: input.userId } },
    select: { teamId: true },
  });
  await Promise.all(
    teams.map(({ teamId }) =>
      services.temporal.workflow
        .getHandle(teamQueueWorkflowId(teamId))
        .signal(agentChangedSignal, { agentId: input.userId, available: input.available })
        .catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        }),
    ),
  );
}

/**
 * signalAgentAvailability without waiting or failing the request: the change is already stored,
 * and the queues look again on their own within 30 s if the signal is lost.
 */
export function tellQueues(services: { db: Db; temporal: Client }, input: { workspaceId: string; userId: string; available: boolean }): void {
  signalAgentAvailability(services, input).catch(() => {});
}

import type { Db } from "@parley/db";

export interface AutomationDeps {
  db: Db;
}

export interface IdleMarkInput {
  workspaceId: string;
  conversationId: string;
  minutes: number;
  /** When the conversation went quiet (ms since epoch, the workflow's clock): names this quiet spell. */
  quietSince: number;
}

/** The mark a quiet spell leaves for the automation engine: "<minutes>@<quiet since>". */
export const idleMarkDetail = (minutes: number, quietSince: number) => `${minutes}@${quietSince}`;

/**
 * The automation idle timer's only effect: a ChangeEvent row the API's automation engine reads
 * like any other change. A retried write may leave a second row with the same detail; the engine
 * claims each (rule, detail) once, so the rule still runs once.
 */
export function createAutomationActivities(deps: AutomationDeps) {
  return {
    async markConversationIdle(input: IdleMarkInput): Promise<void> {
      const conversation = await deps.db.conversation.findUnique({ where: { id: input.conversationId }, select: { team: true, assigneeId: true, status: true, test: true } });
      // Gone (erased) or a simulator's test conversation: nothing for rules to act on.
      if (!conversation || conversation.test) return;
      await deps.db.changeEvent.create({
        data: {
          workspaceId: input.workspaceId,
          kind: "automation.idle",
          conversationId: input.conversationId,
          team: conversation.team,
          assigneeId: conversation.assigneeId,
          status: conversation.status,
          detail: idleMarkDetail(input.minutes, input.quietSince),
        },
      });
    },
  };
}

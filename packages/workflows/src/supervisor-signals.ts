import { patched, setHandler } from "@temporalio/workflow";
import { superviseSignal, type SupervisorAction } from "./contracts";
import type { ConversationRun } from "./conversation-run";
import { addAgentMessage, applyAssignment } from "./agent-signals";
import { isAssignment } from "./message-checks";

/**
 * Patch id: conversations handle supervisors' whisper, barge-in and take-over. A worker without
 * this handler left such a signal unhandled in history; replaying that history must not act on it.
 */
const SUPERVISOR_ACTIONS = "supervisor-actions";

const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/** Whether the payload is one of the three actions with the fields it needs (signals cannot be refused). */
function isSupervisorAction(input: unknown): input is SupervisorAction {
  if (typeof input !== "object" || input === null) return false;
  const { action, supervisorId } = input as Record<string, unknown>;
  if (!isText(supervisorId)) return false;
  const fields = input as Record<string, unknown>;
  if (action === "whisper") return isText(fields.agentId) && isText(fields.noteId);
  if (action === "bargeIn") return isText(fields.text);
  return action === "takeOver" && isText(fields.note);
}

/**
 * Supervisors on a live conversation. Each action is a signal so the conversation's history
 * records who did what and when, next to the agents' own actions:
 * - whisper: the note itself is app data the API stored (never in the transcript, the customer's
 *   view or the bot's context); the history records that it was sent and to whom, nothing more;
 * - barge-in: a message to the customer under the supervisor's name; the assignee stays;
 * - take-over: the conversation is assigned to the supervisor, as an assignment by hand.
 */
export function handleSupervisorSignals(run: ConversationRun): void {
  setHandler(superviseSignal, (input) => {
    if (run.phase === "ended" || !isSupervisorAction(input) || !patched(SUPERVISOR_ACTIONS)) return;
    switch (input.action) {
      case "whisper":
        return;
      case "bargeIn":
        addAgentMessage(run, input.supervisorId, input.text);
        return;
      case "takeOver": {
        const change = { agentId: input.supervisorId, note: input.note };
        if (isAssignment(change)) applyAssignment(run, change);
        return;
      }
    }
  });
}

import type { FlowNode, NodeConfig, NodeKind } from "@parley/flow";
import { aiReplyStep } from "./ai-reply";
import { askStep } from "./ask";
import { businessHoursStep } from "./business-hours";
import { conditionStep } from "./condition";
import { csatStep } from "./csat";
import { customActivityStep } from "./custom-activity";
import { endStep } from "./end";
import { handoffStep } from "./handoff";
import { httpRequestStep } from "./http-request";
import { intentRouterStep } from "./intent-router";
import { knowledgeAnswerStep } from "./knowledge-answer";
import { messageStep } from "./message";
import { sentimentGateStep } from "./sentiment-gate";
import { setVariableStep } from "./set-variable";
import { slaPolicyStep } from "./sla-policy";
import { startStep } from "./start";
import type { Step, StepContext, StepResult } from "./step";
import { subflowStep } from "./subflow";
import { voiceListenStep } from "./voice-listen";
import { voiceSayStep } from "./voice-say";
import { waitStep } from "./wait";

export type { Step, StepContext, StepResult } from "./step";

/**
 * One step per node kind, each in the file named like its kind in @parley/flow's kinds/.
 * `satisfies` makes a kind added to @parley/flow without a step here a compile error, and each
 * step receives its own kind's config type.
 */
export const steps = {
  start: startStep,
  message: messageStep,
  csat: csatStep,
  condition: conditionStep,
  intent_router: intentRouterStep,
  sentiment_gate: sentimentGateStep,
  set_variable: setVariableStep,
  wait: waitStep,
  business_hours: businessHoursStep,
  ask: askStep,
  voice_say: voiceSayStep,
  voice_listen: voiceListenStep,
  sla_policy: slaPolicyStep,
  handoff: handoffStep,
  knowledge_answer: knowledgeAnswerStep,
  ai_reply: aiReplyStep,
  http_request: httpRequestStep,
  custom_activity: customActivityStep,
  subflow: subflowStep,
  end: endStep,
} satisfies { [K in NodeKind]: Step<K> };

/** Runs a node's step with the node's config (parsed by its kind when the flow was validated). */
export function runStep(node: FlowNode, ctx: StepContext): Promise<StepResult> {
  const step = steps[node.kind as NodeKind] as Step<NodeKind>;
  return step(node.config as NodeConfig<NodeKind>, ctx, node);
}

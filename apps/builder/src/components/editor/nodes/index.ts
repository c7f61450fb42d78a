import type { NodeKind } from '@parley/flow';
import type { ComponentType } from 'react';
import { AiReplyView } from './ai-reply';
import { AskView } from './ask';
import { BusinessHoursView } from './business-hours';
import { ConditionView } from './condition';
import { CsatView } from './csat';
import { CustomActivityView } from './custom-activity';
import { EndView } from './end';
import { HandoffView } from './handoff';
import { HttpRequestView } from './http-request';
import { IntentRouterView } from './intent-router';
import { KnowledgeAnswerView } from './knowledge-answer';
import { MessageView } from './message';
import { SentimentGateView } from './sentiment-gate';
import { SetVariableView } from './set-variable';
import { SlaPolicyView } from './sla-policy';
import { StartView } from './start';
import { SubflowView } from './subflow';
import type { KindViewProps } from './view-props';
import { VoiceListenView } from './voice-listen';
import { VoiceSayView } from './voice-say';
import { WaitView } from './wait';

/**
 * One view per node kind, each in the file named like its kind in @parley/flow's kinds/.
 * `satisfies`: a kind added to @parley/flow without a view here is a compile error, and each view
 * receives its own kind's config. Used directly as React Flow's `nodeTypes` (node.type = kind).
 */
export const nodeViews = {
  start: StartView,
  message: MessageView,
  ask: AskView,
  csat: CsatView,
  condition: ConditionView,
  intent_router: IntentRouterView,
  sentiment_gate: SentimentGateView,
  set_variable: SetVariableView,
  wait: WaitView,
  business_hours: BusinessHoursView,
  sla_policy: SlaPolicyView,
  handoff: HandoffView,
  voice_say: VoiceSayView,
  voice_listen: VoiceListenView,
  knowledge_answer: KnowledgeAnswerView,
  ai_reply: AiReplyView,
  http_request: HttpRequestView,
  custom_activity: CustomActivityView,
  subflow: SubflowView,
  end: EndView,
} satisfies { [K in NodeKind]: ComponentType<KindViewProps<K>> };

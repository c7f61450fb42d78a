/**
 * @parley/flow/runtime — what conversation workflows need to run a compiled flow, without zod.
 *
 * Temporal evaluates a workflow's modules once per conversation (each run gets its own module
 * cache), so everything imported here is paid for on every start and kept in memory while the
 * conversation is cached. The schemas, validation and the node registry are not needed to run a
 * flow that was validated when it was published, so they stay behind the main entry; a test
 * checks that the workflow bundle contains no zod. Types may still come from `@parley/flow`.
 */
export { normalizeCompiledFlow, nextNodeId, type CompiledFlow } from './compiled-flow';
export { LAST_MESSAGE_VARIABLE, type Variables, type VariableValue } from './variables';
export { renderTemplate } from './template';
export { parseExpression, tryEvaluateExpression } from './expressions';
export { parseAssignments, type Assignment } from './kinds/assignments';
export { FALLBACK_PORT, intentPort } from './kinds/intent-ports';
export { parseEntityMapping } from './kinds/intent-entities';
export { answerHint, parseAnswer, splitChoices } from './inputs';
export { isSsml, ssmlToText } from './ssml';
export { storableText, textProblem } from './text';
export { buildHttpRequest, parseResponsePath, readResponsePath } from './integrations/http';
export { SECRET_NAME_PATTERN, markSecretReferences, unmarkSecrets, withoutMarkers } from './integrations/secrets';
export {
  parseCustomActivityInput,
  parseOutputMapping,
  parseResponseMapping,
  parseSubflowInputs,
  parseSubflowOutputs,
} from './integrations/node-mappings';
export { ALWAYS_OPEN, type BusinessCalendar } from './calendar/model';
export { addBusinessTime, businessTimeBetween, isOpen } from './calendar/business-time';
export { calendarFromConfig } from './sla/calendar-config';
export { SLA_CLOCKS, slaPolicyFromConfig, type BreachAction, type SlaClockName, type SlaPolicy } from './sla/policy';
export { FailureType } from './failure-types';
export { PRIORITIES, type Priority } from './priority';

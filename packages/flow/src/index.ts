/**
 * @parley/flow — the flow-graph language: one schema for a flow everywhere (builder, API,
 * workflows). Pure TypeScript + zod, no I/O, safe to import from Temporal workflow code.
 */
export {
  FLOW_SCHEMA_VERSION,
  NODE_ID_PATTERN,
  flowNodeSchema,
  flowEdgeSchema,
  flowGraphSchema,
  flowNoteSchema,
  NOTE_COLORS,
  NOTE_MAX_TEXT,
  NOTE_SIZE,
  type NoteColor,
  type FlowNote,
  type FlowNode,
  type FlowEdge,
  type FlowGraph,
  type TypedNode,
  type AnyTypedNode,
} from './graph';
export {
  defineNodeKind,
  type AnyNodeKind,
  type NodeKindDefinition,
  type NodeCategory,
  type NodePorts,
  type OutputPort,
  type FieldMeta,
  type FieldWidget,
} from './node-kind';
export {
  nodeKinds,
  NODE_KINDS,
  nodeKindSchema,
  isNodeKind,
  getNodeKind,
  type NodeKind,
  type NodeKindOf,
  type NodeConfig,
  type OutputPortId,
} from './registry';
export { configFields, type ConfigField } from './fields';
export {
  VARIABLE_NAME_PATTERN,
  LAST_MESSAGE_VARIABLE,
  BUILT_IN_VARIABLES,
  type VariableValue,
  type Variables,
} from './variables';
export { variableNameSchema } from './variable-schema';
export { renderTemplate, templateVariables } from './template';
export type { FlowIssue, FlowIssueCode, FlowIssueSeverity, FlowValidation } from './issues';
export { validateFlow } from './validate';
export { flowVariables } from './validation/stored-variables';
export { compileFlow, nextNodeId, normalizeCompiledFlow, FlowCompileError, type CompiledFlow } from './compile';
export { migrateFlow, FlowMigrationError } from './migrate';
export { diffNotes, noteSummary, type NotesDiff, type ChangedNote, type NoteRef } from './notes';
export { diffFlows, jsonEqual, type FlowDiff, type FieldChange, type ChangedStep, type MovedStep, type StepRef } from './diff';
export { createNode, kindOutputs } from './layout';
export { outputPortsOf, outputPortLabel, usedPortIdsOf } from './ports';
export { intentPort, intentRouterPorts, FALLBACK_PORT, INTENT_NAME_PATTERN, type IntentDefinition } from './kinds/intent-router';
export { parseEntityMapping, ROUTER_ENTITY_TYPES, type RouterEntityType } from './kinds/intent-entities';
export { demoAssistantFlow, demoFlow, demoSupportFlow } from './demo';
export * from './calendar';
export * from './sla';
export { calendarFromConfig } from './sla/calendar-config';
export {
  parseExpression,
  evaluateExpression,
  tryEvaluateExpression,
  ExpressionError,
  checkExpression,
  expressionVariables,
  EXPRESSION_FUNCTIONS,
  type ParsedExpression,
  type ExpressionValue,
  type VariableType,
  type ExpressionIssue,
} from './expressions';
export { parseAssignments, type Assignment } from './kinds/assignments';
export {
  ASK_INPUT_TYPES,
  parseAnswer,
  answerHint,
  splitChoices,
  parseNumber,
  parseEmail,
  parsePhone,
  parseDate,
  matchChoice,
  matchesPattern,
  type AskInputType,
  type ParsedAnswer,
} from './inputs';
export {
  CHANNELS,
  isChannel,
  splitChannels,
  startChannels,
  parseTriggers,
  matchTrigger,
  type Channel,
  type Trigger,
} from './triggers';
export { isSsml, ssmlError, ssmlToText } from './ssml';
export type { ValidationContext, CustomActivityDescriptor, CustomActivityField } from './validation/context';
export {
  HTTP_METHODS,
  IDEMPOTENT_HTTP_METHODS,
  buildHttpRequest,
  parseHeaderLines,
  parseResponsePath,
  readResponsePath,
  type HttpMethod,
  type HttpRequestSpec,
  type HttpResponseView,
  type ResponsePath,
} from './integrations/http';
export { parseMappings, type Mapping } from './integrations/mappings';
export { parseResponseMapping } from './kinds/http-request';
export {
  SECRET_NAME_PATTERN,
  fillSecretMarkers,
  markSecretReferences,
  markedSecretNames,
  secretReferences,
  unmarkSecrets,
  withoutMarkers,
  type SecretEscape,
} from './integrations/secrets';
export { CUSTOM_ACTIVITY_NAME_PATTERN, parseCustomActivityInput, parseInputMapping, parseOutputMapping, type SecretInput } from './kinds/custom-activity';
export { parseSubflowInputs, parseSubflowOutputs } from './kinds/subflow';
export { parseSkillList } from './kinds/handoff';
export { textProblem, storableText, type TextProblem, type TextProblemCode, type TextRule } from './text';
export { idSchema, labelSchema, textSchema } from './text-schema';
export { jsonProblem, storedJsonSchema, type JsonLimits, type JsonProblem } from './text-in-json';
export { FailureType } from './failure-types';
export { PRIORITIES, type Priority } from './priority';

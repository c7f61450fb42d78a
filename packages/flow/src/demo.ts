import { FLOW_SCHEMA_VERSION, type FlowGraph } from './graph';

/**
 * A small support-intake flow: greet, collect the contact's name and request, confirm, resolve.
 * It is what a fresh install shows in the builder and what end-to-end tests run, so it must
 * validate with no errors and no warnings (a test guards that). Laid out top to bottom.
 */
const ROW = 170;

export const demoFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: 'start', kind: 'start', label: 'Start', position: { x: 0, y: 0 * ROW }, config: {} },
    {
      id: 'greet',
      kind: 'message',
      label: 'Greeting',
      position: { x: 0, y: 1 * ROW },
      config: { text: "Hi! I'm Parley, the support assistant." },
    },
    {
      id: 'ask_name',
      kind: 'ask',
      label: 'Ask name',
      position: { x: 0, y: 2 * ROW },
      config: { question: "What's your name?", variable: 'name' },
    },
    {
      id: 'ask_topic',
      kind: 'ask',
      label: 'Ask topic',
      position: { x: 0, y: 3 * ROW },
      config: { question: 'Thanks {{name}}. What can I help you with today?', variable: 'topic' },
    },
    {
      id: 'confirm',
      kind: 'message',
      label: 'Confirm',
      position: { x: 0, y: 4 * ROW },
      config: {
        text: 'Got it, {{name}} — I\'ve noted: "{{topic}}". A teammate will follow up by email.',
      },
    },
    { id: 'end', kind: 'end', label: 'Resolved', position: { x: 0, y: 5 * ROW }, config: { status: 'resolved' } },
  ],
  edges: [
    { id: 'start-greet', source: 'start', sourcePort: 'next', target: 'greet' },
    { id: 'greet-ask_name', source: 'greet', sourcePort: 'next', target: 'ask_name' },
    { id: 'ask_name-ask_topic', source: 'ask_name', sourcePort: 'answered', target: 'ask_topic' },
    { id: 'ask_topic-confirm', source: 'ask_topic', sourcePort: 'answered', target: 'confirm' },
    { id: 'confirm-end', source: 'confirm', sourcePort: 'next', target: 'end' },
  ],
};

/**
 * The support flow of the demo workspace: the customer says what they need, the conversation is
 * handed to a person under an SLA policy, and once resolved the customer rates it.
 */
export const demoSupportFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: 'start', kind: 'start', label: 'Start', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'greet',
      kind: 'message',
      label: 'Greeting',
      position: { x: 0, y: ROW },
      config: {
        text: "Hi! You're talking to Parley support.",
        quickReplies: 'Billing question, Technical problem, Something else',
      },
    },
    {
      id: 'ask_topic',
      kind: 'ask',
      label: 'Ask topic',
      position: { x: 0, y: 2 * ROW },
      config: { question: 'What can we help you with?', variable: 'topic' },
    },
    {
      id: 'sla',
      kind: 'sla_policy',
      label: 'Support SLA',
      position: { x: 0, y: 3 * ROW },
      config: { firstResponse: 15, nextResponse: 30, resolution: 240, warnAtPercent: 75, onBreach: 'notify_raise_priority', hours: 'always' },
    },
    {
      id: 'handoff',
      kind: 'handoff',
      label: 'To a teammate',
      position: { x: 0, y: 4 * ROW },
      config: { team: 'Support', priority: 'normal', summary: 'Customer asks: {{topic}}' },
    },
    {
      id: 'rate',
      kind: 'csat',
      label: 'Rate us',
      position: { x: 0, y: 5 * ROW },
      config: { question: 'How did we do today?', scale: '1-5', variable: 'csat' },
    },
    {
      id: 'end',
      kind: 'end',
      label: 'Resolved',
      position: { x: 0, y: 6 * ROW },
      config: { status: 'resolved', message: 'Thanks for reaching out — have a great day!' },
    },
  ],
  edges: [
    { id: 'e-start', source: 'start', sourcePort: 'next', target: 'greet' },
    { id: 'e-greet', source: 'greet', sourcePort: 'next', target: 'ask_topic' },
    { id: 'e-topic', source: 'ask_topic', sourcePort: 'answered', target: 'sla' },
    { id: 'e-sla', source: 'sla', sourcePort: 'next', target: 'handoff' },
    { id: 'e-resolved', source: 'handoff', sourcePort: 'resolved', target: 'rate' },
    { id: 'e-returned', source: 'handoff', sourcePort: 'returned', target: 'ask_topic' },
    { id: 'e-rate', source: 'rate', sourcePort: 'next', target: 'end' },
  ],
};

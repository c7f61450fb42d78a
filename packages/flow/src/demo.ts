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

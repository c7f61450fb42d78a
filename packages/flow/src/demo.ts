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

/** The assistant is laid out in columns: the main path in the middle, answers and people to the right. */
const COL = 300;

/**
 * The demo workspace's assistant: it reads what the customer wants, answers from the "Help
 * center" knowledge base with sources, hands upset customers and explicit requests to a person
 * under an SLA policy, and asks for a rating at the end. No API key needed: the intent, sentiment,
 * search and reply models are the local ones of @parley/ai.
 */
export const demoAssistantFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: 'start', kind: 'start', label: 'Start', position: { x: COL, y: 0 }, config: {} },
    {
      id: 'ask_request',
      kind: 'ask',
      label: 'What do you need?',
      position: { x: COL, y: ROW },
      config: {
        question: "Hi! I'm Parley's assistant. Ask me about billing, orders or your account — or ask for a person.",
        variable: 'request',
      },
    },
    {
      id: 'mood',
      kind: 'sentiment_gate',
      label: 'Upset?',
      position: { x: COL, y: 2 * ROW },
      config: { text: '{{last_message}}', threshold: -0.4, variable: 'sentiment' },
    },
    {
      id: 'route',
      kind: 'intent_router',
      label: 'What about?',
      position: { x: COL, y: 3 * ROW },
      config: {
        text: '{{last_message}}',
        threshold: 0.25,
        intentVariable: 'intent',
        confidenceVariable: 'intent_confidence',
        saveEntities: '',
        intents: [
          {
            name: 'billing',
            label: 'Billing',
            examples: [
              'I was charged twice',
              'I want a refund',
              'where can I download my invoice',
              'my card was billed the wrong amount',
              'how do I change my plan',
              'cancel my subscription',
            ],
          },
          {
            name: 'orders',
            label: 'Orders',
            examples: [
              'where is my order',
              'how long does shipping take',
              'my package has not arrived',
              'I want to return an item',
              'can I track my delivery',
            ],
          },
          {
            name: 'account',
            label: 'Account',
            examples: ['I forgot my password', 'I cannot log in', 'reset my password', 'how do I change my email address'],
          },
          {
            name: 'human',
            label: 'Wants a person',
            examples: ['talk to a person', 'I want to speak to an agent', 'can I talk to a human', 'connect me with someone'],
          },
        ],
      },
    },
    {
      id: 'answer',
      kind: 'knowledge_answer',
      label: 'Help center answer',
      position: { x: 2 * COL + 40, y: 3 * ROW },
      config: { knowledgeBase: 'Help center', question: '{{last_message}}', variable: 'kb_answer' },
    },
    {
      id: 'ai',
      kind: 'ai_reply',
      label: 'Assistant reply',
      position: { x: 2 * COL + 40, y: 3 * ROW + 210 },
      config: { knowledgeBase: 'Help center', question: '{{last_message}}', variable: 'ai_reply' },
    },
    {
      id: 'helped',
      kind: 'ask',
      label: 'Did that help?',
      position: { x: COL, y: 3 * ROW + 390 },
      config: {
        question: 'Did that answer your question?',
        variable: 'helped',
        inputType: 'choice',
        choices: 'Yes\nNo',
        maxRetries: 1,
        // "How long do refunds take?" here gets its answer, then this question again.
        answerFollowUps: 'yes',
        followUpKnowledgeBase: 'Help center',
      },
    },
    {
      id: 'was_helped',
      kind: 'condition',
      label: 'Helped?',
      position: { x: COL, y: 4 * ROW + 390 },
      config: { if: 'helped == "Yes"' },
    },
    {
      id: 'sla',
      kind: 'sla_policy',
      label: 'Support SLA',
      position: { x: 3 * COL + 80, y: 3 * ROW + 210 },
      config: { firstResponse: 15, nextResponse: 30, resolution: 240, warnAtPercent: 75, onBreach: 'notify_raise_priority', hours: 'always' },
    },
    {
      id: 'handoff',
      kind: 'handoff',
      label: 'To a teammate',
      position: { x: 3 * COL + 80, y: 3 * ROW + 390 },
      config: {
        team: 'Support',
        priority: 'normal',
        message: 'Let me get a teammate for you. They will reply here shortly.',
        summary: 'Customer wrote: "{{request}}" (sentiment {{sentiment}})',
      },
    },
    {
      id: 'rate',
      kind: 'csat',
      label: 'Rate us',
      position: { x: COL, y: 5 * ROW + 390 },
      config: { question: 'How did we do today?', scale: '1-5', variable: 'csat' },
    },
    {
      id: 'end',
      kind: 'end',
      label: 'Resolved',
      position: { x: COL, y: 6 * ROW + 390 },
      config: { status: 'resolved', message: 'Thanks for reaching out — have a great day!' },
    },
  ],
  edges: [
    { id: 'e-start', source: 'start', sourcePort: 'next', target: 'ask_request' },
    { id: 'e-request', source: 'ask_request', sourcePort: 'answered', target: 'mood' },
    { id: 'e-upset', source: 'mood', sourcePort: 'negative', target: 'sla' },
    { id: 'e-calm', source: 'mood', sourcePort: 'ok', target: 'route' },
    { id: 'e-billing', source: 'route', sourcePort: 'intent:billing', target: 'answer' },
    { id: 'e-orders', source: 'route', sourcePort: 'intent:orders', target: 'answer' },
    { id: 'e-account', source: 'route', sourcePort: 'intent:account', target: 'answer' },
    { id: 'e-human', source: 'route', sourcePort: 'intent:human', target: 'sla' },
    { id: 'e-other', source: 'route', sourcePort: 'fallback', target: 'ai' },
    { id: 'e-answered', source: 'answer', sourcePort: 'answered', target: 'helped' },
    { id: 'e-not-found', source: 'answer', sourcePort: 'not_found', target: 'ai' },
    { id: 'e-replied', source: 'ai', sourcePort: 'replied', target: 'helped' },
    { id: 'e-unsure', source: 'ai', sourcePort: 'handoff', target: 'sla' },
    { id: 'e-helped', source: 'helped', sourcePort: 'answered', target: 'was_helped' },
    { id: 'e-no-answer', source: 'helped', sourcePort: 'invalid', target: 'sla' },
    { id: 'e-yes', source: 'was_helped', sourcePort: 'if', target: 'rate' },
    { id: 'e-no', source: 'was_helped', sourcePort: 'else', target: 'sla' },
    { id: 'e-sla', source: 'sla', sourcePort: 'next', target: 'handoff' },
    { id: 'e-resolved', source: 'handoff', sourcePort: 'resolved', target: 'rate' },
    { id: 'e-returned', source: 'handoff', sourcePort: 'returned', target: 'ask_request' },
    { id: 'e-rate', source: 'rate', sourcePort: 'next', target: 'end' },
  ],
};

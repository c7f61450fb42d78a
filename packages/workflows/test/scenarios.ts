import { FLOW_SCHEMA_VERSION, demoAssistantFlow, demoSupportFlow, type FlowGraph } from "@parley/flow";

/**
 * Conversations recorded as history fixtures (record-histories.ts) and replayed against the
 * current workflow code (replay.test.ts). Each covers a different path through the workflow.
 */
export interface Scenario {
  name: string;
  /** Omit to run the seeded demo flow. */
  graph?: FlowGraph;
  variables?: Record<string, string>;
  continueAsNewAfterEvents?: number;
  /**
   * Start as the API does since it freezes the compiled flow into the start input (no loadFlow);
   * without it the conversation loads its version, as every start did before.
   */
  frozenFlow?: boolean;
  /**
   * The recorder hands over like the API: the opening and each customer message with
   * `storedBy: "caller"`, storing the rows it gets back (but not for `{ unstored }` steps), so the
   * workflow's later check (`turnsStored`) and its own write of what is missing are recorded.
   */
  handOver?: boolean;
  /** A workspace SLA policy (the sla_policy node's config) stored before the run, for any handoff. */
  workspaceSlaPolicy?: Record<string, unknown>;
  /** What happens, in order: a customer message (an Update) or an agent action (a Signal). */
  messages: ScenarioStep[];
}

/**
 * A customer's message (a string), what an agent does in the inbox, or what a supervisor does on
 * the agent's conversation. The recorder waits for the workflow to take in each action before the
 * next step, so the order is the one shown. The agent and the supervisor are the seeded ones.
 */
export type ScenarioStep =
  | string
  | { agent: "assign" | "resolve" | "handBack" }
  | { agent: "reply"; text: string }
  | { agent: "transfer"; team: string }
  | { agent: "priority"; priority: "low" | "normal" | "high" | "urgent" }
  | { supervisor: "whisper" | "takeOver" }
  | { supervisor: "bargeIn"; text: string }
  /** With handOver: a message whose handed rows the recorder does not store. */
  | { unstored: string }
  /** Real time for the workflow's timers (the recorder runs on the dev server). */
  | { pause: number };

const echoLoop: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "ask", kind: "ask", position: { x: 0, y: 150 }, config: { question: "Say something", variable: "said" } },
    { id: "echo", kind: "message", position: { x: 0, y: 300 }, config: { text: "You said {{said}}" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "answered", target: "echo" },
    { id: "e3", source: "echo", sourcePort: "next", target: "ask" },
  ],
};

const closedAtOnce: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "bye", kind: "message", position: { x: 0, y: 150 }, config: { text: "We're closed, {{contact_name}}." } },
    { id: "end", kind: "end", position: { x: 0, y: 300 }, config: { status: "closed" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "bye" },
    { id: "e2", source: "bye", sourcePort: "next", target: "end" },
  ],
};

export const scenarios: Scenario[] = [
  { name: "demo-support-intake", messages: ["Grace", "My invoice is wrong"] },
  // Recorded after the `node-run-variables` patch (each step records the variables after it and
  // the transcript's seq): the one above predates it and must still replay.
  { name: "demo-support-intake.node-run-variables", messages: ["Grace", "My invoice is wrong"] },
  // Greeting with quick replies → SLA policy → handoff; an agent takes it, replies, the customer
  // answers during the handoff, the agent resolves; the customer rates it and the flow ends.
  {
    name: "support-handoff-csat",
    graph: demoSupportFlow,
    messages: [
      "Billing question",
      { agent: "assign" },
      { agent: "reply", text: "Hi, I'm Sam. I've refunded the duplicate charge." },
      "Thank you!",
      { agent: "resolve" },
      "5",
    ],
  },
  // The same conversation recorded after the `notify-team-on-handoff` patch (the one above
  // predates it): both must replay.
  {
    name: "support-handoff-csat.notified",
    graph: demoSupportFlow,
    messages: [
      "Billing question",
      { agent: "assign" },
      { agent: "reply", text: "Hi, I'm Sam. I've refunded the duplicate charge." },
      "Thank you!",
      { agent: "resolve" },
      "5",
    ],
  },
  // Recorded after the `handoff-summary` patch (the handoff node asks for a summary for the
  // agent): the two above predate it and must still replay.
  {
    name: "support-handoff-csat.summarized",
    graph: demoSupportFlow,
    messages: [
      "Billing question",
      { agent: "assign" },
      { agent: "reply", text: "Hi, I'm Sam. I've refunded the duplicate charge." },
      "Thank you!",
      { agent: "resolve" },
      "5",
    ],
  },
  // Recorded after the `team-routing` patch: the handoff joins Support's queue (which notes that
  // nobody is available), the agent's assignment and the resolve take it out again.
  {
    name: "support-handoff-csat.routed",
    graph: demoSupportFlow,
    messages: [
      "Billing question",
      { agent: "assign" },
      { agent: "reply", text: "Hi, I'm Sam. I've refunded the duplicate charge." },
      "Thank you!",
      { agent: "resolve" },
      "5",
    ],
  },
  // Recorded after the `supervisor-actions` patch: a supervisor whispers to the assigned agent,
  // barges in with a reply and takes the conversation over.
  {
    name: "support-handoff-csat.supervised",
    graph: demoSupportFlow,
    messages: [
      "Billing question",
      { agent: "assign" },
      { supervisor: "whisper" },
      { supervisor: "bargeIn", text: "Hi, I'm Sue, Sam's team lead. I'm looking at this too." },
      { supervisor: "takeOver" },
      "Thank you!",
      { agent: "resolve" },
      "5",
    ],
  },
  // Recorded after the `workspace-sla-policy` patch: a flow without an SLA node hands off, and
  // the workspace's SLA policy for Support starts its clocks; the agent answers and resolves.
  {
    name: "handoff-workspace-sla",
    graph: {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
        { id: "human", kind: "handoff", position: { x: 0, y: 120 }, config: { message: "One moment, a person will help you.", team: "Support", skills: "", priority: "normal", summary: "" } },
        { id: "end", kind: "end", position: { x: 0, y: 240 }, config: { status: "resolved" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "human" },
        { id: "e2", source: "human", sourcePort: "resolved", target: "end" },
        { id: "e3", source: "human", sourcePort: "returned", target: "end" },
      ],
    } as FlowGraph,
    workspaceSlaPolicy: { firstResponse: 10, nextResponse: 20, resolution: 120, warnAtPercent: 75, onBreach: "notify" },
    messages: ["Hello?", { agent: "assign" }, { agent: "reply", text: "Hi, Sam here. How can I help?" }, { agent: "resolve" }],
  },
  // Recorded after the `workspace-sla-retarget` patch: the same hand-off, transferred to Billing
  // and raised to high priority while waiting; each change looks up the workspace policy again.
  {
    name: "handoff-workspace-sla-retarget",
    graph: {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
        { id: "human", kind: "handoff", position: { x: 0, y: 120 }, config: { message: "One moment, a person will help you.", team: "Support", skills: "", priority: "normal", summary: "" } },
        { id: "end", kind: "end", position: { x: 0, y: 240 }, config: { status: "resolved" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "human" },
        { id: "e2", source: "human", sourcePort: "resolved", target: "end" },
        { id: "e3", source: "human", sourcePort: "returned", target: "end" },
      ],
    } as FlowGraph,
    workspaceSlaPolicy: { firstResponse: 10, nextResponse: 20, resolution: 120, warnAtPercent: 75, onBreach: "notify" },
    messages: ["Hello?", { agent: "transfer", team: "Billing" }, { agent: "priority", priority: "high" }, { agent: "assign" }, { agent: "resolve" }],
  },
  // The assistant: sentiment gate, intent router, Help center answer with sources, a yes/no
  // choice with a condition, the rating; then a second conversation that is handed off.
  { name: "support-assistant-answered", graph: demoAssistantFlow, messages: ["I was charged twice this month", "Yes", "5"] },
  // At "Did that help?" the customer asks another question: answered, asked again (ask-follow-up-questions).
  { name: "support-assistant-follow-up", graph: demoAssistantFlow, messages: ["I was charged twice this month", "how long do refunds take?", "Yes", "5"] },
  {
    name: "support-assistant-upset",
    graph: demoAssistantFlow,
    messages: ["This is ridiculous, your app is broken again and nobody ever helps me!", { agent: "assign" }, { agent: "resolve" }, "4"],
  },
  { name: "closed-at-once", graph: closedAtOnce, variables: { contact_name: "Ada" }, messages: [] },
  // Low threshold: the recorded run ends in continue-as-new while waiting for an answer.
  { name: "echo-continue-as-new", graph: echoLoop, continueAsNewAfterEvents: 30, messages: ["one", "two", "three", "four", "five", "six"] },
  // Recorded once starts carried the compiled flow in their input: no loadFlow marker, and the
  // flow carried across continue-as-new too (the runs above load it and must still replay).
  { name: "demo-support-intake.frozen-flow", frozenFlow: true, messages: ["Grace", "My invoice is wrong"] },
  { name: "echo-continue-as-new.frozen-flow", graph: echoLoop, frozenFlow: true, continueAsNewAfterEvents: 30, messages: ["one", "two", "three", "four", "five", "six"] },
  // Turns handed to the sender (handed-turns.ts): the first check finds "two" missing and the
  // workflow writes it; the second finds everything stored. Then the hand-over at continue-as-new.
  {
    name: "echo-handed",
    graph: echoLoop,
    frozenFlow: true,
    handOver: true,
    continueAsNewAfterEvents: 40,
    messages: ["one", { unstored: "two" }, { pause: 6_000 }, "three", { pause: 6_000 }, "four", "five", "six", "seven"],
  },
];

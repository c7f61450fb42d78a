import {
  calendarFromConfig,
  FALLBACK_PORT,
  intentPort,
  isOpen,
  parseAssignments,
  parseExpression,
  tryEvaluateExpression,
  renderTemplate,
  slaPolicyFromConfig,
  type SlaPolicy,
  type Variables,
} from "@parley/flow/runtime";
import type { FlowNode, NodeConfig, NodeKind } from "@parley/flow";
import { patched } from "@temporalio/workflow";
import type { ConversationStatus, MessageMeta, Priority } from "./contracts";
import type { CannedResponse, NodeRunDetail } from "./simulation-contracts";
import { parseRating } from "./ratings";
import { askStep, startStep, voiceListenStep, voiceSayStep } from "./input-steps";
import { summaries, understanding } from "./activity-proxies";
import { failureMessage, rethrowCancellation } from "./step-failures";
import { aiReplyStep, knowledgeAnswerStep } from "./knowledge-steps";
import { saveRouterEntities } from "./entity-steps";
import { customActivityStep, httpRequestStep, subflowStep } from "./integration-steps";
import { applyWorkspaceSla, wantsWorkspaceSla } from "./workspace-sla";

/** What the interpreter offers a step: speak, wait for the customer, read and write variables. */
export interface StepContext {
  /** The conversation (= workflow id), for activities that look up its workspace. */
  conversationId: string;
  variables: Variables;
  /** The latest messages between customer, bot and agents, oldest first (context for AI replies). */
  recentTurns(limit: number): { author: "contact" | "bot" | "agent"; text: string }[];
  say(text: string, meta?: MessageMeta): void;
  /**
   * Sleeps on a durable timer until `untilMs` (workflow time). Customer messages meanwhile are
   * kept in the transcript; an agent resolving the conversation ends the wait (and the flow).
   */
  pause(untilMs: number): Promise<void>;
  /** An internal note for the inbox (not shown to the customer), e.g. an expression error. */
  note(text: string): void;
  /** Stores a satisfaction rating on the conversation (null: none given). */
  recordCsat(score: number | null, scale: number): void;
  /**
   * True once for the node a continued run resumes at: it already spoke in the previous run
   * (asked its question, announced the handoff) and now only waits.
   */
  resuming(nodeId: string): boolean;
  /**
   * Puts the conversation in a team's queue and notifies the team; the bot stays quiet until an
   * agent is done. With an assignee (an agent taking over) it goes straight to that agent,
   * without a notification.
   */
  startHandoff(handoff: { team: string; skills: string[]; priority: Priority; note: string; assigneeId?: string }): void;
  /** Attaches an SLA policy; its clocks run while a person has the conversation. */
  attachSla(policy: SlaPolicy): void;
  /** Whether an SLA policy is attached (the flow's SLA node ran). */
  hasSla(): boolean;
  /**
   * Resolves when the agent resolves the conversation or hands it back to the bot. Pass false
   * where a continued run could not resume this wait (a take-over outside a handoff node).
   */
  waitForAgent(canContinueAsNew?: boolean): Promise<"resolved" | "returned">;
  /** Resolves with the customer's next message (the conversation is idle until then). */
  waitForCustomer(): Promise<string>;
  /** The same with a deadline (workflow time, epoch ms): null when it passes first. */
  waitForCustomer(untilMs: number): Promise<string | null>;
  /**
   * Runs the latest published version of another flow (pinned at first use) inside this
   * conversation, with `variables` as its own scope, until one of its end nodes; resolves with the
   * subflow's variables. Throws SubflowUnavailable when the flow cannot run. `callerNodeId`
   * names the subflow node (the subflow's node runs are recorded under it).
   */
  runSubflow(flowId: string, variables: Variables, callerNodeId: string): Promise<Variables>;
  /** Only in a simulator's test conversation: canned answers for steps that call out, and what a step did. */
  simulation?: {
    canned(node: FlowNode): CannedResponse | undefined;
    record(detail: NodeRunDetail): void;
  };
}

/** Where to go next: an output port of the node, or the end of the conversation. */
export type StepResult = { port: string } | { end: Exclude<ConversationStatus, "active"> };

type Step<K extends NodeKind> = (config: NodeConfig<K>, ctx: StepContext, node: FlowNode) => Promise<StepResult>;

/**
 * One step per node kind. `satisfies Record<NodeKind, ...>` makes a kind added to
 * @parley/flow without a step here a compile error.
 */
export const steps = {
  start: startStep,

  message: async (config, ctx) => {
    const quickReplies = splitList(config.quickReplies);
    const voiceText = renderTemplate(config.voiceText, ctx.variables).trim();
    ctx.say(renderTemplate(config.text, ctx.variables), {
      ...(quickReplies.length > 0 ? { quickReplies } : {}),
      ...(config.mediaUrl ? { mediaUrl: config.mediaUrl } : {}),
      ...(voiceText ? { voiceText } : {}),
    });
    return { port: "next" };
  },

  csat: async (config, ctx, node) => {
    const max = config.scale === "1-10" ? 10 : 5;
    const options = Array.from({ length: max }, (_, i) => String(i + 1));
    if (!ctx.resuming(node.id)) ctx.say(renderTemplate(config.question, ctx.variables), { quickReplies: options });
    // One second chance for an answer that isn't a rating, then move on without one.
    let rating = parseRating(await ctx.waitForCustomer(), max);
    if (rating === null) {
      ctx.say(`Please answer with a number from 1 to ${max}.`, { quickReplies: options });
      rating = parseRating(await ctx.waitForCustomer(), max);
    }
    ctx.variables[config.variable] = rating;
    ctx.recordCsat(rating, max);
    const thanks = renderTemplate(config.thanks, ctx.variables).trim();
    if (rating !== null && thanks) ctx.say(thanks);
    return { port: "next" };
  },

  condition: async (config, ctx, node) => {
    const branches = [
      ["if", config.if],
      ["elseIf1", config.elseIf1],
      ["elseIf2", config.elseIf2],
    ] as const;
    for (const [port, source] of branches) {
      if (!source.trim()) continue;
      // An expression that fails at run time counts as false, with a note for the agents:
      // throwing here would fail the workflow task and retry it forever.
      const parsed = parseExpression(source);
      const result = parsed.ok ? tryEvaluateExpression(parsed.expr, ctx.variables) : null;
      if (result?.ok && result.value === true) return { port };
      if (result && !result.ok) ctx.note(`${node.label ?? node.id}: "${source}" failed (${result.error.message}); treated as false`);
    }
    return { port: "else" };
  },

  intent_router: async (config, ctx, node) => {
    const text = renderTemplate(config.text, ctx.variables).trim().slice(0, MAX_UNDERSTANDING_TEXT);
    let intent: string = FALLBACK_PORT;
    let confidence = 0;
    if (text) {
      try {
        const intents = config.intents.map(({ name, examples }) => ({ name, examples }));
        const result = await understanding.recognizeIntent({ text, intents, threshold: config.threshold });
        // Only an intent of this node leads anywhere; anything else is the fallback.
        if (config.intents.some((candidate) => candidate.name === result.intent)) intent = result.intent;
        confidence = result.confidence;
      } catch (err) {
        rethrowCancellation(err);
        ctx.note(`${node.label ?? node.id}: intent recognition failed (${failureMessage(err)}); took the fallback exit`);
      }
    }
    ctx.variables[config.intentVariable] = intent;
    ctx.variables[config.confidenceVariable] = confidence;
    await saveRouterEntities(config, text, ctx, node);
    return { port: intent === FALLBACK_PORT ? FALLBACK_PORT : intentPort(intent) };
  },

  sentiment_gate: async (config, ctx, node) => {
    const text = renderTemplate(config.text, ctx.variables).trim().slice(0, MAX_UNDERSTANDING_TEXT);
    // No text is no signal: neutral.
    let score: number | null = 0;
    if (text) {
      try {
        score = (await understanding.analyzeSentiment({ text })).score;
      } catch (err) {
        rethrowCancellation(err);
        score = null;
        ctx.note(`${node.label ?? node.id}: sentiment analysis failed (${failureMessage(err)}); took the OK exit`);
      }
    }
    ctx.variables[config.variable] = score;
    return { port: score !== null && score < config.threshold ? "negative" : "ok" };
  },

  set_variable: async (config, ctx, node) => {
    const parsed = parseAssignments(config.assignments);
    for (const assignment of parsed.ok ? parsed.assignments : []) {
      const result = tryEvaluateExpression(assignment.expression, ctx.variables);
      ctx.variables[assignment.variable] = result.ok ? result.value : null;
      if (!result.ok) ctx.note(`${node.label ?? node.id}: ${assignment.variable} = ${assignment.source} failed (${result.error.message}); set to null`);
    }
    return { port: "next" };
  },

  wait: async (config, ctx) => {
    const until = config.mode === "until" ? Date.parse(config.until) : Date.now() + config.minutes * 60_000;
    await ctx.pause(until);
    return { port: "next" };
  },

  business_hours: async (config) => ({ port: isOpen(calendarFromConfig(config), Date.now()) ? "open" : "closed" }),

  ask: askStep,

  voice_say: voiceSayStep,

  voice_listen: voiceListenStep,

  sla_policy: async (config, ctx) => {
    ctx.attachSla(slaPolicyFromConfig(config));
    return { port: "next" };
  },

  handoff: async (config, ctx, node) => {
    if (!ctx.resuming(node.id)) {
      const message = renderTemplate(config.message, ctx.variables).trim();
      if (message) ctx.say(message);
      // Conversations that handed off before summaries existed must replay without the call.
      const summary = patched(HANDOFF_SUMMARY) ? await summarizeForAgent(ctx, node) : null;
      ctx.startHandoff({
        team: config.team,
        skills: config.skills.split(",").map((skill) => skill.trim()).filter(Boolean),
        priority: config.priority,
        note: renderTemplate(config.summary, ctx.variables).trim(),
      });
      if (summary) ctx.note(`Summary for the agent (${summary.by}):\n${summary.text}`);
      if (wantsWorkspaceSla(ctx)) await applyWorkspaceSla(ctx, { team: config.team, priority: config.priority });
    }
    return { port: await ctx.waitForAgent() };
  },

  knowledge_answer: knowledgeAnswerStep,

  ai_reply: aiReplyStep,

  http_request: httpRequestStep,

  custom_activity: customActivityStep,

  subflow: subflowStep,

  end: async (config, ctx) => {
    const closing = renderTemplate(config.message, ctx.variables).trim();
    if (closing) ctx.say(closing);
    return { end: config.status };
  },
} satisfies { [K in NodeKind]: Step<K> };

export function runStep(node: FlowNode, ctx: StepContext): Promise<StepResult> {
  const step = steps[node.kind as NodeKind] as Step<NodeKind>;
  return step(node.config as NodeConfig<NodeKind>, ctx, node);
}

/** Gates the handoff summary activity (see packages/workflows/README.md, Versioning). */
const HANDOFF_SUMMARY = "handoff-summary";
/** Turns the summary reads: enough for the story of a support chat. */
const SUMMARY_TURNS = 30;

/**
 * What the agent reads first: the activity's summary (a model's, or extractive). A failure after
 * the activity's retries is a note, and the handoff goes on: the agent still has the transcript.
 */
async function summarizeForAgent(ctx: StepContext, node: FlowNode): Promise<{ text: string; by: string } | null> {
  try {
    return await summaries.summarizeHandoff({ turns: ctx.recentTurns(SUMMARY_TURNS), variables: ctx.variables });
  } catch (err) {
    rethrowCancellation(err);
    ctx.note(`${node.label ?? node.id}: no summary for the agent (${failureMessage(err)})`);
    return null;
  }
}

/** The understanding activities accept up to 4000 characters; longer text is cut, not refused. */
const MAX_UNDERSTANDING_TEXT = 4000;

function splitList(text: string): string[] {
  return text.split(/[,\n]/).map((item) => item.trim()).filter(Boolean);
}

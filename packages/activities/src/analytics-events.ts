import { Prisma, type DatabaseKind } from "@parley/db";
import type { RecordTurnInput, RecordedMessage, RecordedNodeRun } from "./types";

/**
 * Analytics events (the AnalyticsEvent table) derived from what an activity already writes, so
 * they are written in the same transaction and cost no extra activity or workflow change. Every id
 * is derived from a name the workflow chose (message and node run ids, the handoff's time), and
 * the insert ignores an id that exists: a retried activity never counts twice, and an event that
 * may only happen once per conversation or handoff (first response, resolution, CSAT) keeps the
 * first occurrence. The conversation's dimensions (workspace, flow, channel, team, assignee) are
 * copied from its row by the insert itself, which also skips test conversations.
 */
export interface AnalyticsEventRow {
  id: string;
  type: AnalyticsEventType;
  at: Date;
  /** The agent when the event names one (an agent's message); else the conversation's assignee. */
  agentId?: string | null;
  nodeId?: string | null;
  intent?: string | null;
  value?: number | null;
  value2?: number | null;
  props?: Record<string, unknown> | null;
}

export type AnalyticsEventType =
  | "started"
  | "ended"
  | "resolved"
  | "message"
  | "node_left"
  | "intent"
  | "knowledge"
  | "handoff"
  | "assignment"
  | "first_response"
  | "sla_warning"
  | "sla_breach"
  | "csat"
  /** What the customer wrote with their rating; value and value2 repeat the score and scale. */
  | "csat_comment"
  | "voice_turn"
  /** A voice turn's speech-to-text latency (ms) after the caller stopped speaking (voice gateway). */
  | "voice_stt"
  /** Time to first audio (ms) of the reply the caller heard before that turn (voice gateway). */
  | "voice_tts"
  /** A conversation's quality score (conversation-quality.ts), replaced when a late rating changes it. */
  | "quality";

/** The variable an intent router saves its confidence in unless the flow renames it. */
const CONFIDENCE_VARIABLE = "intent_confidence";
/** The customer's last message, which the flow variables always carry (a knowledge question). */
const LAST_MESSAGE_VARIABLE = "last_message";
const QUESTION_CHARS = 200;
const FIRST_NODE_RUN = /-n1$/;

/**
 * The events of one turn. `startedAt` is the conversation's creation time, read only on the turn
 * that ends it (for the resolution time); null on every other turn.
 */
export function turnEvents(input: RecordTurnInput, startedAt: Date | null, now: Date): AnalyticsEventRow[] {
  const events: AnalyticsEventRow[] = [];
  const id = input.conversationId;
  for (const message of input.messages) events.push(...messageEvents(input, message));
  for (const run of input.nodeRuns ?? []) events.push(...nodeRunEvents(run, input));
  const handoff = input.handoff;
  if (handoff) {
    events.push({ id: `${id}:handoff:${handoff.since}`, type: "handoff", at: new Date(handoff.since), props: { priority: handoff.priority } });
    if (handoff.assigneeId) {
      events.push({ id: `${id}:assignment:${handoff.since}:${handoff.assigneeId}`, type: "assignment", at: now, agentId: handoff.assigneeId });
    }
  }
  if (input.csat && input.csat.score !== null) {
    events.push({ id: `${id}:csat`, type: "csat", at: now, value: input.csat.score, value2: input.csat.scale });
    // Arrives a turn after the rating, and is sent on every later turn: the id keeps it once.
    if (input.csat.comment) {
      events.push({ id: `${id}:csat_comment`, type: "csat_comment", at: now, value: input.csat.score, value2: input.csat.scale, props: { comment: input.csat.comment } });
    }
  }
  if ((input.status === "resolved" || input.status === "closed") && startedAt) {
    const seconds = Math.max(0, (now.getTime() - startedAt.getTime()) / 1000);
    events.push({ id: `${id}:ended`, type: "ended", at: now, value: seconds, props: { status: input.status } });
    if (input.status === "resolved") events.push({ id: `${id}:resolved`, type: "resolved", at: now, value: seconds });
  }
  return events;
}

function messageEvents(input: RecordTurnInput, message: RecordedMessage): AnalyticsEventRow[] {
  const at = new Date(message.createdAt);
  const agentId = message.author === "agent" ? (message.authorId ?? null) : undefined;
  const events: AnalyticsEventRow[] = [
    { id: `${message.id}:message`, type: "message", at, agentId, props: { author: message.author } },
  ];
  if (message.author === "agent" && input.handoff) {
    // One per handoff: the insert keeps the first agent message after it.
    const seconds = Math.max(0, (at.getTime() - new Date(input.handoff.since).getTime()) / 1000);
    events.push({ id: `${input.conversationId}:first_response:${input.handoff.since}`, type: "first_response", at, agentId, value: seconds });
  }
  const spoken = message.meta?.spoken;
  if (message.author === "contact" && spoken) {
    events.push({
      id: `${message.id}:voice`,
      type: "voice_turn",
      at,
      value: spoken.confidence,
      value2: spoken.quality.snrAfterDb ?? spoken.quality.snrBeforeDb,
      props: {
        speechRatio: spoken.quality.speechRatio,
        durationMs: spoken.durationMs,
        engine: spoken.engine,
        bargeIn: Boolean(spoken.interruptedMessageId),
      },
    });
    // Latencies as events of their own, the measure in `value`: the dashboard's percentiles then
    // rank the covering index instead of reading each turn's props.
    if (spoken.sttLatencyMs !== undefined) events.push({ id: `${message.id}:stt`, type: "voice_stt", at, value: spoken.sttLatencyMs, props: { engine: spoken.engine } });
    if (spoken.ttsFirstByteMs !== undefined) events.push({ id: `${message.id}:tts`, type: "voice_tts", at, value: spoken.ttsFirstByteMs });
  }
  return events;
}

function nodeRunEvents(run: RecordedNodeRun, input: RecordTurnInput): AnalyticsEventRow[] {
  const events: AnalyticsEventRow[] = [];
  if (FIRST_NODE_RUN.test(run.id)) {
    events.push({ id: `${input.conversationId}:started`, type: "started", at: new Date(run.startedAt) });
  }
  if (!run.finishedAt || !run.outcome) return events;
  const at = new Date(run.finishedAt);
  const ms = Math.max(0, at.getTime() - new Date(run.startedAt).getTime());
  events.push({ id: `${run.id}:left`, type: "node_left", at, nodeId: run.nodeId, value: ms, props: { kind: run.kind, outcome: run.outcome } });
  const variables = variablesOf(run) ?? input.variables;
  if (run.kind === "intent_router") {
    const confidence = variables[CONFIDENCE_VARIABLE];
    const intent = run.outcome.startsWith("intent:") ? run.outcome.slice("intent:".length) : "fallback";
    events.push({ id: `${run.id}:intent`, type: "intent", at, nodeId: run.nodeId, intent, value: typeof confidence === "number" ? confidence : null });
  }
  if (run.kind === "knowledge_answer" && (run.outcome === "answered" || run.outcome === "not_found")) {
    const question = variables[LAST_MESSAGE_VARIABLE];
    events.push({
      id: `${run.id}:knowledge`,
      type: "knowledge",
      at,
      nodeId: run.nodeId,
      value: run.outcome === "answered" ? 1 : 0,
      props: typeof question === "string" ? { question: question.slice(0, QUESTION_CHARS) } : null,
    });
  }
  return events;
}

/** The variables a real conversation's node run carries since the node-run-variables patch. */
function variablesOf(run: RecordedNodeRun): Record<string, unknown> | null {
  const detail = run.detail as { variables?: unknown } | null | undefined;
  return detail && typeof detail.variables === "object" && detail.variables ? (detail.variables as Record<string, unknown>) : null;
}

/** Rows per INSERT (15 bound values each): far under both engines' limits. */
const ROWS_PER_STATEMENT = 60;

/**
 * INSERT … SELECT the events joined to their conversation (dimensions, and no rows at all for a
 * test conversation), ignoring ids already stored. PostgreSQL needs every VALUES cell cast (it
 * types the columns from the cells); SQLite stores what it is given. The WHERE is required by
 * SQLite's grammar between an INSERT's SELECT and its ON CONFLICT.
 */
export function analyticsStatements(kind: DatabaseKind, conversationId: string, events: AnalyticsEventRow[]): Prisma.Sql[] {
  const pg = kind === "postgres";
  const cast = (value: Prisma.Sql, type: string) => (pg ? Prisma.sql`CAST(${value} AS ${Prisma.raw(type)})` : value);
  const statements: Prisma.Sql[] = [];
  const ordered = inRollupOrder(events);
  for (let i = 0; i < ordered.length; i += ROWS_PER_STATEMENT) {
    const rows = ordered.slice(i, i + ROWS_PER_STATEMENT).map(
      (event) =>
        Prisma.sql`(${cast(Prisma.sql`${event.id}`, "text")}, ${cast(Prisma.sql`${event.type}`, "text")}, ${cast(Prisma.sql`${event.at}`, "timestamp(3)")},
          ${cast(Prisma.sql`${event.agentId ?? null}`, "text")}, ${cast(Prisma.sql`${event.nodeId ?? null}`, "text")}, ${cast(Prisma.sql`${event.intent ?? null}`, "text")},
          ${cast(Prisma.sql`${event.value ?? null}`, "double precision")}, ${cast(Prisma.sql`${event.value2 ?? null}`, "double precision")},
          ${cast(Prisma.sql`${event.props ? JSON.stringify(event.props) : null}`, "jsonb")})`,
    );
    statements.push(Prisma.sql`INSERT INTO "AnalyticsEvent" ("id", "workspaceId", "conversationId", "type", "at", "flowId", "flowVersionId", "channel", "team", "agentId", "nodeId", "intent", "value", "value2", "props")
      SELECT e.column1, c."workspaceId", c."id", e.column2, e.column3, v."flowId", c."flowVersionId", c."channel", c."team",
        COALESCE(e.column4, c."assigneeId"), e.column5, e.column6, e.column7, e.column8, e.column9
      FROM (VALUES ${Prisma.join(rows)}) AS e
        JOIN "Conversation" c ON c."id" = ${conversationId}
        JOIN "FlowVersion" v ON v."id" = c."flowVersionId"
      WHERE c."test" = false
      ON CONFLICT ("id") DO NOTHING`);
  }
  return statements;
}

/**
 * The insert trigger adds each event to its AnalyticsDaily row (packages/db README), which
 * PostgreSQL locks until commit: two turns taking the same rows in different orders (intents
 * "refund" then "fallback", and the reverse) could deadlock. Every turn takes them in one order,
 * type then label, agent and day; the sort is stable, so the first of two "first" events (two agent
 * replies in one turn) is still inserted first and kept.
 */
function inRollupOrder(events: AnalyticsEventRow[]): AnalyticsEventRow[] {
  const key = (event: AnalyticsEventRow) =>
    [event.type, event.intent ?? String(event.props?.engine ?? ""), event.agentId ?? "", event.at.toISOString().slice(0, 10)].join("\u0000");
  return events.map((event) => ({ event, key: key(event) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ event }) => event);
}

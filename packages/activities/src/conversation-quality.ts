import { qualityScore, repeatedQuestions, scoreSentiment, sentimentTrend, type QualityAssessor, type QualityScore, type QualitySignals } from "@parley/ai";
import { databaseKindOf, writeTransaction, Prisma, type Db } from "@parley/db";
import { analyticsStatements } from "./analytics-events";
import type { RecordTurnInput } from "./types";

/** The customer's latest messages read for mood and repeats (older ones weigh ~nothing in the trend). */
const MESSAGES_READ = 50;
const TEXT_CHARS = 2000;
const SIGNAL_TYPES = ["csat", "intent", "knowledge", "handoff", "sla_warning", "sla_breach"];

/**
 * Scores a conversation when a turn ends it or brings its rating, so the score is there for the
 * inbox and the dashboards without anyone asking. Runs after the turn's own transaction (off its
 * hot path) and is idempotent: a retried turn scores the same conversation again to the same
 * result. The dashboards average a `quality` event, replaced (deleted, then inserted at its first
 * time) when a late rating changes the score, so the daily rollup's triggers keep the sums exact.
 */
export async function scoreConversationQuality(db: Db, input: RecordTurnInput, assessor?: QualityAssessor): Promise<void> {
  const ending = input.status === "resolved" || input.status === "closed";
  if (!ending && !input.csat) return;
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { status: true, test: true } });
  if (!conversation || conversation.test) return;
  const signals = await qualitySignals(db, input.conversationId, conversation.status);
  const result = qualityScore(signals);
  const eventId = `${input.conversationId}:quality`;
  const previous = await db.analyticsEvent.findUnique({ where: { id: eventId }, select: { at: true } });
  const kind = databaseKindOf(db);
  const factors = Prisma.sql`${JSON.stringify(result.factors)}`;
  await writeTransaction(db, [
    Prisma.sql`UPDATE "Conversation" SET "qualityScore" = ${result.score}, "qualityFactors" = ${kind === "postgres" ? Prisma.sql`CAST(${factors} AS jsonb)` : factors} WHERE "id" = ${input.conversationId}`,
    Prisma.sql`DELETE FROM "AnalyticsEvent" WHERE "id" = ${eventId}`,
    ...analyticsStatements(kind, input.conversationId, [
      { id: eventId, type: "quality", at: previous?.at ?? new Date(), value: result.score, props: { grade: result.grade } },
    ]),
  ]);
  if (assessor && ending) assessInBackground(db, assessor, input, result);
}

/** Conversations this process is assessing now: a retried ending turn does not ask twice at once. */
const assessing = new Set<string>();

/**
 * The written assessment runs after the activity has answered, off the ending turn's path: the
 * turn is a local activity with a 10 s budget and a model may take longer (OPENAI_TIMEOUT_MS).
 * Best effort by design: a worker stopped meanwhile leaves the conversation with its score alone.
 */
function assessInBackground(db: Db, assessor: QualityAssessor, input: RecordTurnInput, score: QualityScore): void {
  if (assessing.has(input.conversationId)) return;
  assessing.add(input.conversationId);
  void assess(db, assessor, input, score).finally(() => assessing.delete(input.conversationId));
}

/** The transcript a written assessment reads: the latest messages, oldest first. */
const ASSESSMENT_MESSAGES = 60;

/**
 * The model's written assessment of the finished conversation, once: a retried turn (or a rating
 * after the end) finds it written and asks nothing. A model that fails or times out, or a database
 * that refuses the write, leaves the conversation with its score alone, logged; never thrown.
 */
async function assess(db: Db, assessor: QualityAssessor, input: RecordTurnInput, score: QualityScore): Promise<void> {
  try {
    const done = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { qualityAssessment: true, csatScore: true, csatScale: true } });
    if (!done || done.qualityAssessment !== null) return;
    const [messages, comment] = await Promise.all([
      db.message.findMany({ where: { conversationId: input.conversationId }, orderBy: { seq: "desc" }, take: ASSESSMENT_MESSAGES, select: { author: true, text: true } }),
      db.analyticsEvent.findUnique({ where: { id: `${input.conversationId}:csat_comment` }, select: { props: true } }),
    ]);
    const csat = done.csatScore !== null && done.csatScale ? { score: done.csatScore, scale: done.csatScale, comment: (comment?.props as { comment?: string } | null)?.comment ?? null } : null;
    const assessment = await assessor.assess({ turns: messages.reverse().map((m) => ({ author: m.author, text: m.text.slice(0, TEXT_CHARS) })), score, csat });
    await db.conversation.update({ where: { id: input.conversationId }, data: { qualityAssessment: { text: assessment.text, by: assessment.by } } });
  } catch (err) {
    console.warn(`[quality] no written assessment of ${input.conversationId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function qualitySignals(db: Db, conversationId: string, status: string): Promise<QualitySignals> {
  const [events, messages] = await Promise.all([
    db.analyticsEvent.findMany({ where: { conversationId, type: { in: SIGNAL_TYPES } }, select: { type: true, intent: true, value: true, value2: true } }),
    db.message.findMany({ where: { conversationId, author: "contact" }, orderBy: { seq: "desc" }, take: MESSAGES_READ, select: { text: true } }),
  ]);
  const texts = messages.reverse().map((message) => message.text.slice(0, TEXT_CHARS));
  const count = (type: string, where: (event: (typeof events)[number]) => boolean = () => true) => events.filter((event) => event.type === type && where(event)).length;
  const csat = events.find((event) => event.type === "csat" && event.value !== null && event.value2 !== null);
  const trend = sentimentTrend(texts.map((text) => scoreSentiment(text).score));
  return {
    outcome: status === "resolved" ? "resolved" : status === "closed" ? "closed" : "open",
    csat: csat ? { score: csat.value!, scale: csat.value2! } : null,
    sentiment: trend.points.length ? { first: trend.points[0]!, last: trend.current } : null,
    intentConfidences: events.filter((event) => event.type === "intent" && event.intent !== "fallback" && event.value !== null).map((event) => event.value!),
    fallbacks: count("intent", (event) => event.intent === "fallback"),
    knowledgeUnanswered: count("knowledge", (event) => event.value === 0),
    repeatedQuestions: repeatedQuestions(texts),
    handoffs: count("handoff"),
    slaWarnings: count("sla_warning"),
    slaBreaches: count("sla_breach"),
  };
}

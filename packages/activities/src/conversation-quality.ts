import { qualityScore, repeatedQuestions, scoreSentiment, sentimentTrend, type QualitySignals } from "@parley/ai";
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
export async function scoreConversationQuality(db: Db, input: RecordTurnInput): Promise<void> {
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

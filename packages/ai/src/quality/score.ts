/**
 * A conversation's quality as one number an inbox can sort by and a dashboard can average, with
 * the reasons behind it. Signal-based and deterministic, so two readers of the same conversation
 * always agree and a supervisor can see why a score is low; an LLM's written assessment can be
 * added next to it, never in place of it.
 */
export interface QualitySignals {
  /** Resolved by the flow or an agent; `closed` ended without a resolution (abandoned, expired). */
  outcome: 'resolved' | 'closed' | 'open';
  csat: { score: number; scale: number } | null;
  /** The customer's sentiment trend (-1 … 1): its first and latest smoothed points. */
  sentiment: { first: number; last: number } | null;
  /** The intent routers' confidences (0 … 1) and how many fell back. */
  intentConfidences: readonly number[];
  fallbacks: number;
  knowledgeUnanswered: number;
  /** Customer messages that repeat an earlier one: the bot or agent did not get it. */
  repeatedQuestions: number;
  handoffs: number;
  slaWarnings: number;
  slaBreaches: number;
}

export type QualityFactorName = keyof typeof FACTORS;

export interface QualityFactor {
  name: QualityFactorName;
  /** Points added to (or taken from) the base score. */
  impact: number;
  detail: string;
}

export interface QualityScore {
  /** 0 … 100. */
  score: number;
  grade: 'good' | 'fair' | 'poor';
  /** Only the signals that moved the score, largest effect first. */
  factors: QualityFactor[];
}

/** Where a conversation with no signal at all stands: nothing went wrong, nothing proved it went well. */
const BASE = 60;
export const GOOD_FROM = 75;
export const FAIR_FROM = 50;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const capped = (each: number, count: number, cap: number) => Math.max(cap, each * count);
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Each signal's effect in one place, so the weights read as a table. */
const FACTORS = {
  resolution: (s: QualitySignals) =>
    s.outcome === 'resolved' ? [15, 'resolved'] : s.outcome === 'closed' ? [-10, 'closed without a resolution'] : null,
  csat: (s: QualitySignals) => {
    if (!s.csat || s.csat.scale <= 0) return null;
    // 60% of the scale is neutral: 5/5 gives +20, 1/5 gives -20.
    return [clamp((s.csat.score / s.csat.scale - 0.6) * 50, -20, 20), `CSAT ${s.csat.score}/${s.csat.scale}`];
  },
  sentiment: (s: QualitySignals) => {
    if (!s.sentiment) return null;
    const { first, last } = s.sentiment;
    const impact = clamp(last * 10 + (last - first) * 10, -15, 15);
    const direction = last - first > 0.1 ? 'improved' : last - first < -0.1 ? 'worsened' : 'steady';
    return [impact, `customer mood ${direction} (${last.toFixed(2)})`];
  },
  confidence: (s: QualitySignals) => {
    if (s.intentConfidences.length === 0) return null;
    const mean = s.intentConfidences.reduce((sum, value) => sum + value, 0) / s.intentConfidences.length;
    return [clamp((mean - 0.6) * 20, -8, 8), `bot confidence ${Math.round(mean * 100)}%`];
  },
  fallbacks: (s: QualitySignals) => (s.fallbacks ? [capped(-4, s.fallbacks, -12), `${plural(s.fallbacks, 'message')} not understood`] : null),
  knowledge: (s: QualitySignals) =>
    s.knowledgeUnanswered ? [capped(-4, s.knowledgeUnanswered, -12), `${plural(s.knowledgeUnanswered, 'question')} without an answer`] : null,
  repeats: (s: QualitySignals) =>
    s.repeatedQuestions ? [capped(-5, s.repeatedQuestions, -15), `customer repeated themselves ${s.repeatedQuestions}×`] : null,
  // One handoff is the flow working as designed; every further transfer is friction.
  transfers: (s: QualitySignals) =>
    s.handoffs > 1 ? [capped(-5, s.handoffs - 1, -15), `${plural(s.handoffs - 1, 'transfer')} after the first handoff`] : null,
  slaWarnings: (s: QualitySignals) => (s.slaWarnings ? [capped(-3, s.slaWarnings, -9), plural(s.slaWarnings, 'SLA warning')] : null),
  slaBreaches: (s: QualitySignals) => (s.slaBreaches ? [capped(-12, s.slaBreaches, -24), plural(s.slaBreaches, 'SLA breach', 'SLA breaches')] : null),
} satisfies Record<string, (signals: QualitySignals) => [number, string] | null>;

export function qualityScore(signals: QualitySignals): QualityScore {
  const factors: QualityFactor[] = [];
  for (const [name, factor] of Object.entries(FACTORS) as [QualityFactorName, (s: QualitySignals) => [number, string] | null][]) {
    const effect = factor(signals);
    if (effect && Math.round(effect[0]) !== 0) factors.push({ name, impact: Math.round(effect[0]), detail: effect[1] });
  }
  factors.sort((a, b) => Math.abs(b.impact) - Math.abs(a.impact));
  const score = clamp(BASE + factors.reduce((sum, factor) => sum + factor.impact, 0), 0, 100);
  return { score, grade: score >= GOOD_FROM ? 'good' : score >= FAIR_FROM ? 'fair' : 'poor', factors };
}

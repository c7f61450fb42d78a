// §5 of bench/ai-eval, intents: how a recognizer does on an untuned domain's test utterances and
// on its out-of-scope test messages (data/domains/out-of-scope.ts), and the line that reports it.
import { FALLBACK_INTENT, type IntentRecognition, type IntentSpec } from "@parley/ai";
import type { Domain } from "./data/domains";
import { outOfScopeTests } from "./data/domains/out-of-scope";

export type Recognize = (text: string, intents: readonly IntentSpec[]) => Promise<IntentRecognition>;

export interface IntentFigures {
  /** In-scope test utterances routed to their intent (a fallback is wrong). */
  accuracy: number;
  /** Over in-scope and out-of-scope test messages: a fallback is right only for an out-of-scope one. */
  overall: number;
  /** Over the intents; an out-of-scope message routed to an intent is a false positive for it. */
  macroF1: number;
  /** In-scope utterances sent to the fallback. */
  fallback: number;
  top1: number;
  /** Out-of-scope messages that fell back, of how many. */
  oosCaught: number;
  oosTotal: number;
}

export async function intentFigures(domain: Domain, specs: IntentSpec[], recognize: Recognize, verbose: boolean): Promise<IntentFigures> {
  const cases = domain.intents.flatMap(({ name, test }) => test.map((text) => ({ text, expected: name })));
  const oos = (outOfScopeTests[domain.name] ?? []).map((text) => ({ text, expected: FALLBACK_INTENT }));
  const results = await Promise.all(cases.map(async (c) => ({ ...c, result: await recognize(c.text, specs) })));
  const oosResults = await Promise.all(oos.map(async (c) => ({ ...c, result: await recognize(c.text, specs) })));
  const all = [...results, ...oosResults];
  const f1s = domain.intents.map(({ name }) => {
    const tp = all.filter((r) => r.expected === name && r.result.intent === name).length;
    const fp = all.filter((r) => r.expected !== name && r.result.intent === name).length;
    const fn = all.filter((r) => r.expected === name && r.result.intent !== name).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  if (verbose) for (const r of all.filter((r) => r.result.intent !== r.expected)) console.log(`       miss: "${r.text}" (${r.expected}) → ${r.result.intent} ${r.result.confidence.toFixed(2)}`);
  const oosCaught = oosResults.filter((r) => r.result.intent === FALLBACK_INTENT).length;
  return {
    accuracy: results.filter((r) => r.result.intent === r.expected).length / cases.length,
    overall: all.filter((r) => r.result.intent === r.expected).length / all.length,
    macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length,
    fallback: results.filter((r) => r.result.intent === FALLBACK_INTENT).length / cases.length,
    top1: results.filter((r) => r.result.confidence > 0 && r.result.ranking[0]?.intent === r.expected).length / cases.length,
    oosCaught,
    oosTotal: oosResults.length,
  };
}

/** The report's number formats and goal line (domains.ts's DomainReport has them). */
interface LineFormats {
  pct: (value: number) => string;
  fx: (value: number, digits?: number) => string;
}
type GoalLine = (name: string, figure: string, met: boolean) => string;

/** One report line; `goal` given: the figures the issue's goal is checked on. */
export function intentLine(intents: IntentFigures, { pct, fx }: LineFormats, goal: GoalLine | undefined, domain: string): string {
  const met = goal ? ` ${goal(`${domain} intent accuracy ≥ 92%`, pct(intents.accuracy), intents.accuracy >= 0.92)}` : "";
  return `intent accuracy ${pct(intents.accuracy)}${met}, macro-F1 ${fx(intents.macroF1)}, fallback ${pct(intents.fallback)}, top-1 ignoring the threshold ${pct(intents.top1)}` +
    `, out-of-scope → fallback ${intents.oosCaught}/${intents.oosTotal}, accuracy with out-of-scope ${pct(intents.overall)}`;
}

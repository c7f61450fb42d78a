import { crossValidateIntents, type CrossValidation } from './intent-model';
import type { IntentSpec } from './types';

/** A problem with an intent router's examples that publishing should point out (not block). */
export interface IntentWarning {
  intent: string;
  message: string;
}

/** Fewer examples than this and the model has too little to go on. */
export const MIN_EXAMPLES_PER_INTENT = 3;
/** Cross-validated accuracy under this means customers' wordings will often be misrouted. */
const MIN_HELD_OUT_ACCURACY = 0.5;

/**
 * What the publish step reports about a router's intents: too few examples, and intents whose
 * own examples, each held out in turn, are classified as another intent (5-fold
 * cross-validation; the examples are the only labelled data there is). Costs a few trainings
 * (tens of milliseconds). `crossValidation`: the router's own model's held-out predictions
 * (`SemanticIntentModel.crossValidation`) instead of the n-gram model's.
 */
export function checkIntents(intents: readonly IntentSpec[], crossValidation?: CrossValidation): IntentWarning[] {
  const warnings: IntentWarning[] = [];
  const counts = intents.map((intent) => intent.examples.filter((example) => example.trim()).length);
  intents.forEach((intent, i) => {
    if (counts[i]! < MIN_EXAMPLES_PER_INTENT)
      warnings.push({ intent: intent.name, message: `"${intent.name}" has only ${counts[i]} example${counts[i] === 1 ? '' : 's'}; give it at least ${MIN_EXAMPLES_PER_INTENT} (10–20 work best)` });
  });
  if (intents.length < 2 || counts.filter((n) => n > 0).length < 2) return warnings;

  const cv = crossValidation ?? crossValidateIntents(intents);
  for (const { intent, examples, accuracy } of cv.byIntent) {
    if (examples < MIN_EXAMPLES_PER_INTENT || accuracy >= MIN_HELD_OUT_ACCURACY) continue;
    const confusedWith = new Map<string, number>();
    for (const p of cv.predictions) {
      const predicted = p.ranking[0]!.intent;
      if (p.expected === intent && predicted !== intent) confusedWith.set(predicted, (confusedWith.get(predicted) ?? 0) + 1);
    }
    const [other] = [...confusedWith].sort((a, b) => b[1] - a[1])[0] ?? [];
    warnings.push({
      intent,
      message: `only ${Math.round(accuracy * 100)}% of "${intent}"'s examples are recognised when held out` +
        (other ? `; they are often mistaken for "${other}" — make the two intents' examples more distinct` : ''),
    });
  }
  return warnings;
}

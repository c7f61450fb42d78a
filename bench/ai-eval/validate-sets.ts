// §0 of bench/ai-eval: the shop sets (data/) keep their own rules, or the run stops.
import { intentSet, outOfScope } from "./data/intents";
import { freshIntentTests } from "./data/intents-fresh";
import { answerableQuestions, articles, unanswerableQuestions } from "./data/knowledge";
import { sentimentSet } from "./data/sentiment";

const MAX_EXAMPLES_PER_INTENT = 20;

const normal = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
export function validate(): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const allTrain = new Map<string, string>();
  const allTest = new Set<string>();
  for (const intent of intentSet) {
    if (names.has(intent.name)) problems.push(`intent ${intent.name} listed twice`);
    names.add(intent.name);
    if (intent.train.length === 0 || intent.train.length > MAX_EXAMPLES_PER_INTENT)
      problems.push(`intent ${intent.name} has ${intent.train.length} training examples (1..${MAX_EXAMPLES_PER_INTENT})`);
    if (intent.test.length < 8) problems.push(`intent ${intent.name} has only ${intent.test.length} test utterances`);
    for (const example of intent.train) allTrain.set(normal(example), intent.name);
  }
  for (const intent of intentSet) {
    for (const utterance of intent.test) {
      const key = normal(utterance);
      if (allTrain.has(key)) problems.push(`test utterance "${utterance}" (${intent.name}) equals a training example of ${allTrain.get(key)}`);
      if (allTest.has(key)) problems.push(`test utterance "${utterance}" is listed twice`);
      allTest.add(key);
    }
  }
  for (const text of outOfScope) if (allTrain.has(normal(text))) problems.push(`out-of-scope "${text}" is a training example`);
  for (const [name, texts] of Object.entries(freshIntentTests)) {
    if (!names.has(name)) problems.push(`fresh set names unknown intent ${name}`);
    for (const text of texts) {
      if (allTrain.has(normal(text)) || allTest.has(normal(text))) problems.push(`fresh utterance "${text}" is already a training or test utterance`);
    }
  }

  const ids = new Set<string>();
  for (const article of articles) {
    if (ids.has(article.id)) problems.push(`article id ${article.id} used twice`);
    ids.add(article.id);
    if (!/^#{1,6}\s+\S/m.test(article.body)) problems.push(`article ${article.id} has no Markdown heading`);
    if (!article.title.trim() || !article.body.trim()) problems.push(`article ${article.id} has an empty title or body`);
  }
  if (articles.length < 25) problems.push(`only ${articles.length} articles (at least 25)`);
  if (answerableQuestions.length < 50) problems.push(`only ${answerableQuestions.length} labelled questions (at least 50)`);
  const questions = new Set<string>();
  for (const { question, expected } of answerableQuestions) {
    if (!ids.has(expected)) problems.push(`question "${question}" expects unknown article ${expected}`);
    if (questions.has(normal(question))) problems.push(`question "${question}" listed twice`);
    questions.add(normal(question));
  }
  for (const question of unanswerableQuestions) {
    if (questions.has(normal(question))) problems.push(`unanswerable "${question}" is also labelled answerable (or listed twice)`);
    questions.add(normal(question));
  }

  if (sentimentSet.length < 80) problems.push(`only ${sentimentSet.length} sentiment messages (at least 80)`);
  const messages = new Set<string>();
  for (const { text, label } of sentimentSet) {
    if (!["positive", "neutral", "negative"].includes(label)) problems.push(`sentiment "${text}" has label ${label}`);
    if (messages.has(normal(text))) problems.push(`sentiment "${text}" listed twice`);
    messages.add(normal(text));
  }
  return problems;
}

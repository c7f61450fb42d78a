// A labelled domain that no model or threshold of Parley was tuned on (issue 15's evaluation):
// intents with at most 12 training examples and separate test utterances, a help centre, and
// questions split in two halves. Only the calibration half may choose a threshold; the test half
// is scored once, with whatever the calibration chose.
import type { KnowledgeArticleInput } from "@parley/ai";

export interface DomainIntent {
  name: string;
  /** What a flow author would type into the intent router (≤ 12). */
  train: string[];
  /** How customers actually say it: paraphrases, other words, longer sentences (≥ 5). */
  test: string[];
}

export interface DomainQuestions {
  /** Questions an article answers, with its id. */
  answerable: { question: string; articleId: string }[];
  /** Questions no article answers (the help centre is about the same business). */
  unanswerable: string[];
}

export interface Domain {
  name: string;
  intents: DomainIntent[];
  articles: KnowledgeArticleInput[];
  calibration: DomainQuestions;
  test: DomainQuestions;
}

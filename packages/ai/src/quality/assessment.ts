import type { QualityScore } from './score';

/** What a written assessment reads: the conversation and the score its signals gave. */
export interface QualityAssessmentRequest {
  turns: { author: 'contact' | 'bot' | 'agent' | 'system'; text: string }[];
  score: QualityScore;
  /** The customer's rating and what they wrote with it, when they gave one. */
  csat: { score: number; scale: number; comment: string | null } | null;
}

export interface QualityAssessment {
  text: string;
  /** Which model wrote it (`openai:<model>`). */
  by: string;
}

/**
 * Writes a short assessment of a conversation against a rubric, beside the signal-based score.
 * Only a language model does this; without one there is no assessment, and nothing else changes.
 */
export interface QualityAssessor {
  readonly name: string;
  assess(request: QualityAssessmentRequest): Promise<QualityAssessment>;
}

/** The rubric a written assessment follows: one line each, in this order. */
export const QUALITY_RUBRIC = [
  'Understanding: was the customer\'s need understood quickly?',
  'Accuracy: were the answers correct and grounded?',
  'Resolution: was the need met, or clearly handed on?',
  'Tone: courteous, clear, and matched to the customer\'s mood?',
  'Effort: did the customer have to repeat themselves or wait?',
] as const;

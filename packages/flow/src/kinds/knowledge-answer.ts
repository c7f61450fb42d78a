import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { variableNameSchema } from '../variable-schema';
import { knowledgeBaseName, questionField, scoreField } from './knowledge-fields';

/**
 * Looks the question up in a knowledge base and, when a passage matches well enough, says it
 * with its source article cited. `not_found` lets the flow ask again or hand off instead.
 */
export const knowledgeAnswer = defineNodeKind({
  kind: 'knowledge_answer',
  label: 'Knowledge answer',
  description: 'Answer from a knowledge base, citing the article; branch when nothing matches.',
  category: 'ai',
  ports: {
    input: true,
    outputs: [
      { id: 'answered', label: 'Answered' },
      { id: 'not_found', label: 'Not found' },
    ],
  },
  config: z.strictObject({
    knowledgeBase: knowledgeBaseName.min(1, { error: 'Required' }).default('Help center').meta({
      title: 'Knowledge base',
      description: 'Name of the workspace’s knowledge base to search.',
      widget: 'text',
      placeholder: 'Help center',
    } satisfies FieldMeta),
    question: questionField,
    minScore: scoreField(
      {
        title: 'Minimum match score',
        description: 'From 0 to 1. A best match scoring lower counts as not found (0.45 suits most questions).',
        widget: 'text',
      },
      // = ANSWERABLE_MIN_SCORE of @parley/ai, calibrated by bench/ai-eval §2 (flow cannot import ai).
      0.45,
    ),
    variable: variableNameSchema.default('kb_answer').meta({
      title: 'Save answer as',
      description: 'Variable that receives the answer given (empty when nothing was found).',
      widget: 'variable',
      placeholder: 'kb_answer',
    } satisfies FieldMeta),
  }),
  defaults: { knowledgeBase: 'Help center', question: '{{last_message}}', minScore: 0.45, variable: 'kb_answer' },
});

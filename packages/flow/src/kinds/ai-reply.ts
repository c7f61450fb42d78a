import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { variableNameSchema } from '../variable-schema';
import { knowledgeBaseName, questionField, scoreField } from './knowledge-fields';

const DEFAULT_INSTRUCTIONS =
  'You are a friendly support assistant. Answer in two or three sentences. If you are not sure, say so.';

/**
 * Writes a reply to the customer, grounded on a knowledge base when one is named. When the
 * generator is unsure (or has nothing to ground on) it says nothing and the flow takes
 * `handoff`, typically to a person.
 */
export const aiReply = defineNodeKind({
  kind: 'ai_reply',
  label: 'AI reply',
  description: 'Reply with generated text grounded on a knowledge base; hand off when unsure.',
  category: 'ai',
  ports: {
    input: true,
    outputs: [
      { id: 'replied', label: 'Replied' },
      { id: 'handoff', label: 'Unsure' },
    ],
  },
  config: z.strictObject({
    instructions: z
      .string({ error: 'Must be text' })
      .max(4000, { error: 'Must be at most 4000 characters' })
      .default(DEFAULT_INSTRUCTIONS)
      .meta({
        title: 'Instructions',
        description: 'How to answer: tone, scope, what never to promise. Use {{variable}}.',
        widget: 'textarea',
        template: true,
      } satisfies FieldMeta),
    question: questionField,
    knowledgeBase: knowledgeBaseName.default('Help center').meta({
      title: 'Ground on knowledge base',
      description: 'Name of a knowledge base whose articles the reply is built from; empty for none.',
      widget: 'text',
      placeholder: 'Help center',
    } satisfies FieldMeta),
    onlyFromKnowledge: z
      .enum(['yes', 'no'], { error: 'Choose yes or no' })
      .default('yes')
      .meta({
        title: 'Answer only from the knowledge base',
        description: 'Yes: hand off rather than answer without a matching article.',
        widget: 'select',
      } satisfies FieldMeta),
    minConfidence: scoreField(
      {
        title: 'Confidence threshold',
        description: 'From 0 to 1. A reply the generator is less sure of is not sent; the flow hands off.',
        widget: 'text',
      },
      0.5,
    ),
    variable: variableNameSchema.default('ai_reply').meta({
      title: 'Save reply as',
      description: 'Variable that receives the reply sent (empty on handoff).',
      widget: 'variable',
      placeholder: 'ai_reply',
    } satisfies FieldMeta),
  }),
  defaults: {
    instructions: DEFAULT_INSTRUCTIONS,
    question: '{{last_message}}',
    knowledgeBase: 'Help center',
    onlyFromKnowledge: 'yes',
    minConfidence: 0.5,
    variable: 'ai_reply',
  },
});

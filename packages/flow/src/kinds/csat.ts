import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { variableNameSchema } from '../variable-schema';

/**
 * Asks the customer to rate the conversation. The rating (or null when they don't give one) is
 * stored in a variable and on the conversation for analytics. With a comment question, a rating
 * is followed by that question; what the customer writes (unless they pick "No comment") is kept
 * with the rating and listed on the Customer satisfaction dashboard.
 */
export const csat = defineNodeKind({
  kind: 'csat',
  label: 'CSAT survey',
  description: 'Ask for a satisfaction rating and store it for analytics.',
  category: 'input',
  ports: { input: true, outputs: [{ id: 'next', label: 'Next' }] },
  config: z.strictObject({
    question: z
      .string({ error: 'Must be text' })
      .min(1, { error: 'Required' })
      .max(1000, { error: 'Must be at most 1000 characters' })
      .default('How would you rate this conversation?')
      .meta({ title: 'Question', widget: 'textarea', template: true } satisfies FieldMeta),
    scale: z
      .enum(['1-5', '1-10'], { error: 'Choose 1-5 or 1-10' })
      .default('1-5')
      .meta({ title: 'Scale', widget: 'select' } satisfies FieldMeta),
    variable: variableNameSchema
      .default('csat')
      .meta({ title: 'Save rating as', widget: 'variable', variableType: 'number' } satisfies FieldMeta),
    comment: z
      .string({ error: 'Must be text' })
      .max(1000, { error: 'Must be at most 1000 characters' })
      .default('')
      .meta({ title: 'Comment question', description: 'Asked after a rating (e.g. "Anything you would like to add?"); empty to ask nothing.', widget: 'textarea', template: true } satisfies FieldMeta),
    thanks: z
      .string({ error: 'Must be text' })
      .max(1000, { error: 'Must be at most 1000 characters' })
      .default('Thank you for your feedback!')
      .meta({ title: 'Thank-you message', description: 'Sent after a rating; empty to say nothing.', widget: 'textarea', template: true } satisfies FieldMeta),
  }),
  defaults: { question: 'How would you rate this conversation?', scale: '1-5', variable: 'csat', comment: '', thanks: 'Thank you for your feedback!' },
  // Waits for something outside the flow (validation: a cycle needs such a node).
  suspends: true,
});

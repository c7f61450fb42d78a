import { z } from 'zod';
import type { FieldMeta } from '../node-kind';

/** Fields the knowledge answer and AI reply nodes share. */

export const knowledgeBaseName = z
  .string({ error: 'Must be text' })
  .trim()
  .max(120, { error: 'Must be at most 120 characters' });

/** What to look up or answer; by default the customer's latest message. */
export const questionField = z
  .string({ error: 'Must be text' })
  .min(1, { error: 'Required', abort: true })
  .max(2000, { error: 'Must be at most 2000 characters' })
  .regex(/\S/, { error: 'Cannot be only whitespace' })
  .default('{{last_message}}')
  .meta({
    title: 'Question',
    description: 'What to look up. {{last_message}} is the customer’s latest message; use any {{variable}}.',
    widget: 'text',
    template: true,
  } satisfies FieldMeta);

/** A score threshold in 0..1, typed as text in the form. */
export function scoreField(meta: FieldMeta, fallback: number) {
  return z.coerce
    .number({ error: 'Must be a number from 0 to 1' })
    .min(0, { error: 'Must be at least 0' })
    .max(1, { error: 'Must be at most 1' })
    .default(fallback)
    .meta({ ...meta });
}

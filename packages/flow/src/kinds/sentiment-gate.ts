import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { LAST_MESSAGE_VARIABLE } from '../variables';
import { variableNameSchema } from '../variable-schema';

/**
 * Scores how the customer feels (-1 very negative … 1 very positive) and branches: `negative`
 * below the threshold (e.g. to hand an upset customer to a person), `ok` otherwise. The score is
 * stored in a variable for conditions and analytics.
 */
export const sentimentGate = defineNodeKind({
  kind: 'sentiment_gate',
  label: 'Sentiment gate',
  description: 'Branch when the customer sounds upset; store the sentiment score.',
  category: 'ai',
  ports: {
    input: true,
    outputs: [
      { id: 'negative', label: 'Negative' },
      { id: 'ok', label: 'OK' },
    ],
  },
  config: z.strictObject({
    text: z
      .string({ error: 'Must be text' })
      .max(2000, { error: 'Must be at most 2000 characters' })
      .default(`{{${LAST_MESSAGE_VARIABLE}}}`)
      .meta({
        title: 'Text to score',
        description: "Usually the customer's latest message, {{last_message}}.",
        widget: 'text',
        template: true,
      } satisfies FieldMeta),
    threshold: z.coerce
      .number({ error: 'Must be a number from -1 to 1' })
      .min(-1, { error: 'Must be at least -1' })
      .max(1, { error: 'Must be at most 1' })
      .default(-0.3)
      .meta({
        title: 'Negative below',
        description: 'From -1 (furious) to 1 (delighted). Scores below it take the Negative exit.',
        widget: 'text',
      } satisfies FieldMeta),
    variable: variableNameSchema
      .default('sentiment')
      .meta({ title: 'Save score as', description: 'From -1 to 1.', widget: 'variable', variableType: 'number' } satisfies FieldMeta),
  }),
  defaults: { text: `{{${LAST_MESSAGE_VARIABLE}}}`, threshold: -0.3, variable: 'sentiment' },
});

import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { variableNameSchema } from '../variables';

/** Asks a question, waits for the contact's reply and stores it in a conversation variable. */
export const ask = defineNodeKind({
  kind: 'ask',
  label: 'Ask',
  description: "Ask a question, wait for the reply and save it in a variable.",
  category: 'input',
  icon: 'help-circle',
  ports: { input: true, outputs: [{ id: 'answered', label: 'Answered' }] },
  config: z.strictObject({
    question: z
      .string({ error: 'Must be text' })
      .min(1, { error: 'Required', abort: true }) // one message for empty text, not two
      .max(2000, { error: 'Must be at most 2000 characters' })
      .regex(/\S/, { error: 'Cannot be only whitespace' })
      .meta({
        title: 'Question',
        description: 'What to ask. Use {{variable}} to insert an answer collected earlier.',
        widget: 'textarea',
        placeholder: 'What can I help you with today?',
        template: true,
      } satisfies FieldMeta),
    // widget 'variable' marks the variable this node writes; validation uses it to know which
    // {{placeholders}} can ever be filled.
    variable: variableNameSchema.meta({
      title: 'Save answer as',
      description: 'Variable that receives the reply, usable later as {{variable}}.',
      widget: 'variable',
      placeholder: 'customer_name',
    } satisfies FieldMeta),
  }),
  defaults: { question: 'What can I help you with?', variable: 'answer' },
});

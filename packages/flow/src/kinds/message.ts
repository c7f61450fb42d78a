import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';

/** Sends one message to the contact and moves on without waiting. */
export const message = defineNodeKind({
  kind: 'message',
  label: 'Message',
  description: 'Send a message to the contact, then continue.',
  category: 'messaging',
  icon: 'message-square',
  ports: { input: true, outputs: [{ id: 'next', label: 'Next' }] },
  config: z.strictObject({
    text: z
      .string({ error: 'Must be text' })
      .min(1, { error: 'Required', abort: true }) // one message for empty text, not two
      // 4000 keeps a message within what chat channels (WhatsApp, SMS concatenation) accept.
      .max(4000, { error: 'Must be at most 4000 characters' })
      .regex(/\S/, { error: 'Cannot be only whitespace' })
      .meta({
        title: 'Text',
        description: 'What the assistant says. Use {{variable}} to insert an answer collected earlier.',
        widget: 'textarea',
        placeholder: 'Hi {{name}}, thanks for reaching out!',
        template: true,
      } satisfies FieldMeta),
  }),
  defaults: { text: 'Hello!' },
});

import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';

/** Sends one message to the contact and moves on without waiting. */
export const message = defineNodeKind({
  kind: 'message',
  label: 'Message',
  description: 'Send a message to the contact, then continue.',
  category: 'messaging',
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
    quickReplies: z
      .string({ error: 'Must be text' })
      .max(500, { error: 'Must be at most 500 characters' })
      .default('')
      .meta({
        title: 'Quick replies',
        description: 'Buttons offered with the message, comma separated: Track my order, Talk to a person.',
        widget: 'text',
      } satisfies FieldMeta),
    mediaUrl: z
      .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' })])
      .default('')
      .meta({ title: 'Image or file', description: 'Optional link to an attachment shown with the message.', widget: 'text' } satisfies FieldMeta),
    voiceText: z
      .string({ error: 'Must be text' })
      .max(4000, { error: 'Must be at most 4000 characters' })
      .default('')
      .meta({
        title: 'Spoken version',
        description: 'What voice calls hear instead (SSML allowed). Empty: the text above is spoken.',
        widget: 'textarea',
        template: true,
      } satisfies FieldMeta),
  }),
  defaults: { text: 'Hello!', quickReplies: '', mediaUrl: '', voiceText: '' },
});

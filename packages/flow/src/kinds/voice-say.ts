import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { ssmlError } from '../ssml';

/**
 * Speaks to a caller. The text may be SSML (pauses, emphasis, pronunciation); the voice gateway
 * synthesises it (speech engines come with the voice pipeline). On channels that cannot speak the
 * customer reads `fallbackText`, or the text without its markup.
 */
export const voiceSay = defineNodeKind({
  kind: 'voice_say',
  label: 'Say (voice)',
  description: 'Speak to the caller; SSML allowed. Text channels get a written fallback.',
  category: 'messaging',
  ports: { input: true, outputs: [{ id: 'next', label: 'Next' }] },
  config: z
    .strictObject({
      text: z
        .string({ error: 'Must be text' })
        .min(1, { error: 'Required', abort: true })
        .max(5000, { error: 'Must be at most 5000 characters' })
        .regex(/\S/, { error: 'Cannot be only whitespace' })
        .default('Thanks for calling. How can I help?')
        .meta({
          title: 'Text to speak',
          description: 'Plain text or SSML, e.g. <speak>Hello <break time="300ms"/> {{contact_name}}</speak>.',
          widget: 'textarea',
          template: true,
        } satisfies FieldMeta),
      voice: z
        .string({ error: 'Must be text' })
        .trim()
        .max(100, { error: 'Must be at most 100 characters' })
        .regex(/^[A-Za-z0-9_:.-]*$/, { error: 'Letters, digits and - _ . : only, e.g. en-US-JennyNeural' })
        .default('')
        .meta({ title: 'Voice', description: "Empty: the channel's default voice.", widget: 'text', placeholder: 'en-US-JennyNeural' } satisfies FieldMeta),
      fallbackText: z
        .string({ error: 'Must be text' })
        .max(2000, { error: 'Must be at most 2000 characters' })
        .default('')
        .meta({
          title: 'Text for non-voice channels',
          description: 'Shown in chat, SMS and email. Empty: the text to speak without its markup.',
          widget: 'textarea',
          template: true,
        } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      const error = ssmlError(config.text);
      if (error) ctx.addIssue({ code: 'custom', path: ['text'], message: `SSML: ${error}` });
    }),
  defaults: { text: 'Thanks for calling. How can I help?', voice: '', fallbackText: '' },
});

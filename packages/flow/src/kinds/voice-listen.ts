import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { variableNameSchema } from '../variable-schema';

/**
 * Listens for what the caller says and stores the transcript. The voice gateway detects the end
 * of speech (`endOfSpeechMs` of silence) and delivers the utterance as a customer message; no
 * utterance within `noInputSeconds` → `silence`.
 */
export const voiceListen = defineNodeKind({
  kind: 'voice_listen',
  label: 'Listen (voice)',
  description: "Listen to the caller and save what they say; branch when they stay silent.",
  category: 'input',
  ports: {
    input: true,
    outputs: [
      { id: 'heard', label: 'Heard' },
      { id: 'silence', label: 'Silence' },
    ],
  },
  config: z.strictObject({
    prompt: z
      .string({ error: 'Must be text' })
      .max(2000, { error: 'Must be at most 2000 characters' })
      .default('')
      .meta({ title: 'Prompt', description: 'Said before listening; empty to just listen.', widget: 'textarea', template: true } satisfies FieldMeta),
    variable: variableNameSchema
      .default('utterance')
      .meta({ title: 'Save what was said as', widget: 'variable', variableType: 'string', placeholder: 'utterance' } satisfies FieldMeta),
    endOfSpeechMs: z.coerce
      .number({ error: 'Must be a number of milliseconds' })
      .int({ error: 'Must be a whole number' })
      .min(200, { error: 'At least 200 ms' })
      .max(10_000, { error: 'At most 10000 ms' })
      .default(800)
      .meta({ title: 'End of speech (ms)', description: 'Silence after speech that ends the turn.', widget: 'text' } satisfies FieldMeta),
    noInputSeconds: z.coerce
      .number({ error: 'Must be a number of seconds' })
      .min(1, { error: 'At least 1 second' })
      .max(600, { error: 'At most 600 seconds' })
      .default(8)
      .meta({ title: 'No input timeout (s)', description: 'How long to wait for the caller to start speaking before "Silence".', widget: 'text' } satisfies FieldMeta),
  }),
  defaults: { prompt: '', variable: 'utterance', endOfSpeechMs: 800, noInputSeconds: 8 },
  suspends: true,
});

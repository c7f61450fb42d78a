import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { CHANNELS, isChannel, parseTriggers, splitChannels } from '../triggers';
import { parseAssignments } from './assignments';

/**
 * Where every conversation begins: on which channels, which first messages start the flow
 * (keywords or /patterns/), and variables it starts with. Every field has a default, so start
 * nodes stored before the fields existed (`{}`) still parse and allow every channel.
 */
export const start = defineNodeKind({
  kind: 'start',
  label: 'Start',
  description: 'Where the conversation begins when a contact writes or calls.',
  category: 'flow',
  // No input: nothing may lead back into the entry point (validation: edge.into_start).
  ports: { input: false, outputs: [{ id: 'next', label: 'Next' }] },
  // Strict so a stray key is reported instead of silently stored.
  config: z
    .strictObject({
      channels: z
        .string({ error: 'Must be text' })
        .max(200, { error: 'Must be at most 200 characters' })
        .default(CHANNELS.join(', '))
        .meta({
          title: 'Channels',
          description: `Where this flow answers, comma separated: ${CHANNELS.join(', ')}.`,
          widget: 'text',
          placeholder: 'web, whatsapp',
        } satisfies FieldMeta),
      triggers: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Triggers',
          description:
            'First messages that start this flow, one per line: a keyword or phrase (whole words, any case), or /a pattern/ (RE2 syntax: no lookaround or backreferences). Empty: the flow is only started directly.',
          widget: 'list',
          placeholder: 'refund\ntrack my order\n/order\\s*#?\\d{6}/',
        } satisfies FieldMeta),
      variables: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Initial variables',
          description: 'One per line: name = expression. Set when the conversation starts, unless the starter provided the variable.',
          widget: 'assignments',
          placeholder: 'language = "en"\nvip = false',
          assignments: true,
        } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      const channels = splitChannels(config.channels);
      const unknown = channels.filter((channel) => !isChannel(channel));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['channels'], message: `Unknown channel ${unknown.map((c) => `"${c}"`).join(', ')}; use ${CHANNELS.join(', ')}` });
      } else if (channels.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['channels'], message: 'Choose at least one channel' });
      }
      const triggers = parseTriggers(config.triggers);
      if (!triggers.ok) ctx.addIssue({ code: 'custom', path: ['triggers'], message: triggers.error });
      if (config.variables.trim()) {
        const assignments = parseAssignments(config.variables);
        if (!assignments.ok) ctx.addIssue({ code: 'custom', path: ['variables'], message: assignments.error });
      }
    }),
  defaults: { channels: CHANNELS.join(', '), triggers: '', variables: '' },
});

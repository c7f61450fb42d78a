import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { PRIORITIES } from '../priority';

/** The names in a handoff's comma-separated `skills`, trimmed, without empty or repeated ones. */
export function parseSkillList(skills: string): string[] {
  return [...new Set(skills.split(',').map((skill) => skill.trim()).filter(Boolean))];
}

/**
 * Hands the conversation to a person in the inbox. The bot stays quiet while a teammate works
 * it; the flow continues from `resolved` when they resolve it, or from `returned` when they
 * hand it back to the bot.
 */
export const handoff = defineNodeKind({
  kind: 'handoff',
  label: 'Hand off',
  description: 'Pass the conversation to a teammate; continue when they resolve it or hand it back.',
  category: 'human',
  ports: {
    input: true,
    outputs: [
      { id: 'resolved', label: 'Resolved' },
      { id: 'returned', label: 'Handed back' },
    ],
  },
  config: z.strictObject({
    message: z
      .string({ error: 'Must be text' })
      .max(2000, { error: 'Must be at most 2000 characters' })
      .default('Let me connect you with a teammate. They will reply here shortly.')
      .meta({
        title: 'Message to the customer',
        description: 'Sent when the handoff starts; leave empty to say nothing. Use {{variable}}.',
        widget: 'textarea',
        template: true,
      } satisfies FieldMeta),
    team: z
      .string({ error: 'Must be text' })
      .trim()
      .min(1, { error: 'Required' })
      .max(80, { error: 'Must be at most 80 characters' })
      .default('Support')
      .meta({ title: 'Team', description: 'Which team’s queue the conversation joins.', widget: 'team' } satisfies FieldMeta),
    skills: z
      .string({ error: 'Must be text' })
      .max(200, { error: 'Must be at most 200 characters' })
      .default('')
      .meta({
        title: 'Required skills',
        description: 'Agents with these skills are preferred. Stored comma separated, e.g. billing, german.',
        widget: 'skills',
      } satisfies FieldMeta),
    priority: z
      .enum(PRIORITIES, { error: 'Choose low, normal, high or urgent' })
      .default('normal')
      .meta({ title: 'Priority', widget: 'select' } satisfies FieldMeta),
    summary: z
      .string({ error: 'Must be text' })
      .max(2000, { error: 'Must be at most 2000 characters' })
      .default('')
      .meta({
        title: 'Note for the agent',
        description: 'Shown in the inbox when the handoff starts. Use {{variable}} for answers collected so far.',
        widget: 'textarea',
        template: true,
      } satisfies FieldMeta),
  }),
  defaults: {
    message: 'Let me connect you with a teammate. They will reply here shortly.',
    team: 'Support',
    skills: '',
    priority: 'normal',
    summary: '',
  },
  // Waits for something outside the flow (validation: a cycle needs such a node).
  suspends: true,
});

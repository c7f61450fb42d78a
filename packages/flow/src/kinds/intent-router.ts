import { z } from 'zod';
import { defineNodeKind, type FieldMeta, type OutputPort } from '../node-kind';
import { LAST_MESSAGE_VARIABLE } from '../variables';
import { variableNameSchema } from '../variable-schema';
import { FALLBACK_PORT, intentPort } from './intent-ports';
import { parseEntityMapping, ROUTER_ENTITY_TYPES } from './intent-entities';

export { FALLBACK_PORT, intentPort };

/** Intent names are identifiers: they become port ids (`intent:<name>`) and variable values. */
export const INTENT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_INTENTS = 30;
export const MAX_EXAMPLES_PER_INTENT = 50;


/**
 * One intent. Names and examples are checked by the config's refinement rather than here, so a
 * draft with an empty name or no examples still reads as a list (the builder keeps showing its
 * handles while the author types; see outputPortsOf).
 */
const intentSchema = z.strictObject({
  name: z.string({ error: 'Must be text' }).max(40, { error: 'Must be at most 40 characters' }),
  label: z.string({ error: 'Must be text' }).max(80, { error: 'Must be at most 80 characters' }).default(''),
  examples: z
    .array(z.string({ error: 'Must be text' }).max(300, { error: 'Must be at most 300 characters' }), { error: 'Must be a list of phrases' })
    .max(MAX_EXAMPLES_PER_INTENT, { error: `At most ${MAX_EXAMPLES_PER_INTENT} examples per intent` })
    .default([]),
});

export type IntentDefinition = z.output<typeof intentSchema>;

/**
 * Routes the conversation by what the customer wants: the text (by default the customer's latest
 * message) is compared with each intent's example phrases; the best intent's exit is taken, or
 * `fallback` when no intent is confident enough. The intent and the confidence are stored in
 * variables for later conditions and templates.
 */
export const intentRouter = defineNodeKind({
  kind: 'intent_router',
  label: 'Intent router',
  description: "Branch on what the customer wants, recognised from example phrases.",
  category: 'ai',
  // The intents' exits come from the config (outputsFor); every router has the fallback.
  ports: { input: true, outputs: [{ id: FALLBACK_PORT, label: 'Fallback' }] },
  config: z
    .strictObject({
      intents: z
        .array(intentSchema, { error: 'Must be a list of intents' })
        .max(MAX_INTENTS, { error: `At most ${MAX_INTENTS} intents` })
        .default([])
        .meta({
          title: 'Intents',
          description: 'Each intent gets its own exit. Give a few typical phrases a customer would write.',
          widget: 'intents',
        } satisfies FieldMeta),
      text: z
        .string({ error: 'Must be text' })
        .max(2000, { error: 'Must be at most 2000 characters' })
        .default(`{{${LAST_MESSAGE_VARIABLE}}}`)
        .meta({
          title: 'Text to classify',
          description: "Usually the customer's latest message, {{last_message}}.",
          widget: 'text',
          template: true,
        } satisfies FieldMeta),
      threshold: z.coerce
        .number({ error: 'Must be a number from 0 to 1' })
        .min(0, { error: 'Must be at least 0' })
        .max(1, { error: 'Must be at most 1' })
        .default(0.3)
        .meta({
          title: 'Confidence threshold',
          description: 'From 0 to 1. Below it the Fallback exit is taken.',
          widget: 'text',
        } satisfies FieldMeta),
      intentVariable: variableNameSchema
        .default('intent')
        .meta({ title: 'Save intent as', description: 'The intent name, or "fallback".', widget: 'variable', variableType: 'string' } satisfies FieldMeta),
      confidenceVariable: variableNameSchema
        .default('intent_confidence')
        .meta({ title: 'Save confidence as', description: 'From 0 to 1.', widget: 'variable', variableType: 'number' } satisfies FieldMeta),
      saveEntities: z
        .string({ error: 'Must be text' })
        .max(2000, { error: 'Must be at most 2000 characters' })
        .default('')
        .meta({
          title: 'Save entities',
          description: `One per line: variable = entity (${ROUTER_ENTITY_TYPES.join(', ')}). The first one found in the text is saved; a variable keeps its value when none is found.`,
          widget: 'mappings',
          placeholder: 'order = order_id\ncustomer_email = email',
        } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      const entities = parseEntityMapping(config.saveEntities);
      if (!entities.ok) ctx.addIssue({ code: 'custom', path: ['saveEntities'], message: entities.error });
      if (config.intents.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['intents'], message: 'Add at least one intent' });
      }
      const seen = new Set<string>();
      config.intents.forEach((intent, index) => {
        const name = intent.name;
        if (!INTENT_NAME_PATTERN.test(name)) {
          const message = name
            ? `"${name}" is not a valid name: lowercase letters, digits and _, starting with a letter`
            : 'Name is required';
          ctx.addIssue({ code: 'custom', path: ['intents', index, 'name'], message });
        } else if (seen.has(name)) {
          ctx.addIssue({ code: 'custom', path: ['intents', index, 'name'], message: `Another intent is already named "${name}"` });
        } else if (name === FALLBACK_PORT) {
          ctx.addIssue({ code: 'custom', path: ['intents', index, 'name'], message: '"fallback" is the exit taken when no intent matches' });
        }
        seen.add(name);
        if (!intent.examples.some((example) => example.trim())) {
          ctx.addIssue({ code: 'custom', path: ['intents', index, 'examples'], message: `Give "${name || `intent ${index + 1}`}" at least one example phrase` });
        }
      });
    }),
  defaults: {
    intents: [
      { name: 'billing', label: 'Billing', examples: ['I was charged twice', 'question about my invoice', 'I need a refund'] },
      { name: 'technical', label: 'Technical problem', examples: ["the app doesn't work", 'I get an error when I log in', 'it keeps crashing'] },
    ],
    text: `{{${LAST_MESSAGE_VARIABLE}}}`,
    threshold: 0.3,
    intentVariable: 'intent',
    confidenceVariable: 'intent_confidence',
    saveEntities: '',
  },
  outputsFor: (config) => intentRouterPorts(config.intents),
  storedVariables: (config) => {
    const entities = parseEntityMapping(config.saveEntities);
    return entities.ok ? entities.mappings.map((m) => m.target) : [];
  },
});

/** One exit per named intent (in the author's order), then the fallback. */
export function intentRouterPorts(intents: readonly Pick<IntentDefinition, 'name' | 'label'>[]): OutputPort[] {
  const ports: OutputPort[] = [];
  const seen = new Set<string>();
  for (const intent of intents) {
    // A draft's unnamed or repeated intent has no exit of its own until it is named uniquely.
    if (!INTENT_NAME_PATTERN.test(intent.name) || intent.name === FALLBACK_PORT || seen.has(intent.name)) continue;
    seen.add(intent.name);
    ports.push({ id: intentPort(intent.name), label: intent.label.trim() || intent.name });
  }
  ports.push({ id: FALLBACK_PORT, label: 'Fallback' });
  return ports;
}

import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { ASK_INPUT_TYPES, compilePattern, MAX_PATTERN_LENGTH, splitChoices } from '../inputs';
import { variableNameSchema } from '../variable-schema';
import { knowledgeBaseName } from './knowledge-fields';

/**
 * Asks a question, waits for the contact's reply and stores it in a conversation variable.
 * Typed answers (number, email, phone, date, choice, or text matching a pattern) are checked and
 * normalised (see inputs.ts); a reply that does not fit gets the retry prompt, up to `maxRetries`
 * times, then the flow leaves through `invalid`. With a timeout, no reply in time → `timeout`.
 * Every field added after the first version has a default, so stored ask nodes still parse.
 *
 * Follow-up questions: at a choice, a reply that is no option but that the knowledge base answers
 * ("how long do refunds take?" at "Did that help?") is answered, then the question is asked again.
 * Stored nodes without the field keep the old behaviour ('no'); new nodes start with 'yes'.
 */
export const ask = defineNodeKind({
  kind: 'ask',
  label: 'Ask',
  description: "Ask a question, wait for the reply and save it in a variable.",
  category: 'input',
  ports: {
    input: true,
    outputs: [
      { id: 'answered', label: 'Answered' },
      { id: 'invalid', label: 'Invalid' },
      { id: 'timeout', label: 'No reply' },
    ],
  },
  config: z
    .strictObject({
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
    inputType: z
      .enum(ASK_INPUT_TYPES, { error: `Choose one of ${ASK_INPUT_TYPES.join(', ')}` })
      .default('text')
      .meta({
        title: 'Answer type',
        description: 'Numbers, emails, phone numbers, dates and names are checked and normalised (a date is stored as yyyy-mm-dd; "my name is jane smith" as Jane Smith).',
        widget: 'select',
      } satisfies FieldMeta),
    choices: z
      .string({ error: 'Must be text' })
      .max(2000, { error: 'Must be at most 2000 characters' })
      .default('')
      .meta({
        title: 'Options',
        description: 'For the choice type: one option per line, shown as quick replies. The customer may type an option or its number.',
        widget: 'textarea',
        placeholder: 'Billing\nShipping\nSomething else',
      } satisfies FieldMeta),
    pattern: z
      .string({ error: 'Must be text' })
      .max(MAX_PATTERN_LENGTH, { error: `Must be at most ${MAX_PATTERN_LENGTH} characters` })
      .default('')
      .meta({
        title: 'Pattern',
        description: 'For the text type: a regular expression (RE2 syntax: no lookaround or backreferences) the whole answer must match, e.g. [A-Z]{2}\\d{6}.',
        widget: 'text',
        placeholder: '[A-Z]{2}\\d{6}',
      } satisfies FieldMeta),
    retryPrompt: z
      .string({ error: 'Must be text' })
      .max(2000, { error: 'Must be at most 2000 characters' })
      .default('')
      .meta({
        title: 'Retry prompt',
        description: 'Said after an answer that does not fit. Empty: a hint that fits the answer type.',
        widget: 'textarea',
        template: true,
      } satisfies FieldMeta),
    maxRetries: z.coerce
      .number({ error: 'Must be a number' })
      .int({ error: 'Must be a whole number' })
      .min(0, { error: 'Cannot be negative' })
      .max(5, { error: 'At most 5' })
      .default(2)
      .meta({ title: 'Retries', description: 'How often to ask again before leaving through "Invalid" (0–5).', widget: 'text' } satisfies FieldMeta),
    timeoutMinutes: z.coerce
      .number({ error: 'Must be a number of minutes' })
      .min(0, { error: 'Cannot be negative' })
      .max(60 * 24 * 30, { error: 'At most 30 days' })
      .default(0)
      .meta({ title: 'Timeout (minutes)', description: 'Stop waiting for a reply after this long and leave through "No reply"; 0 waits forever.', widget: 'text' } satisfies FieldMeta),
    answerFollowUps: z
      .enum(['yes', 'no'], { error: 'Choose yes or no' })
      .default('no')
      .meta({
        title: 'Answer follow-up questions',
        description: 'For the choice type: a reply that is no option but a question the knowledge base answers gets that answer, then the question again.',
        widget: 'select',
      } satisfies FieldMeta),
    followUpKnowledgeBase: knowledgeBaseName.default('Help center').meta({
      title: 'Follow-up knowledge base',
      description: 'Knowledge base that answers follow-up questions.',
      widget: 'text',
      placeholder: 'Help center',
    } satisfies FieldMeta),
  })
    .superRefine((config, ctx) => {
      if (config.inputType === 'choice') {
        const choices = splitChoices(config.choices);
        if (choices.length < 2) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Give at least two options, one per line' });
        if (choices.length > 20) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'At most 20 options' });
        if (new Set(choices.map((choice) => choice.toLowerCase())).size < choices.length) {
          ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Options must differ (ignoring case)' });
        }
      }
      // (A pattern over the length limit already has its own issue.)
      if (config.inputType === 'text' && config.pattern && config.pattern.length <= MAX_PATTERN_LENGTH) {
        const compiled = compilePattern(config.pattern);
        if (!compiled.ok) ctx.addIssue({ code: 'custom', path: ['pattern'], message: compiled.error });
      }
    }),
  defaults: {
    question: 'What can I help you with?',
    variable: 'answer',
    inputType: 'text',
    choices: '',
    pattern: '',
    retryPrompt: '',
    maxRetries: 2,
    timeoutMinutes: 0,
    answerFollowUps: 'yes',
    followUpKnowledgeBase: 'Help center',
  },
  // Free text without a pattern is always an answer; only a timeout can make the node wait less.
  usedPorts: (config) => [
    'answered',
    ...(config.inputType !== 'text' || config.pattern ? (['invalid'] as const) : []),
    ...(config.timeoutMinutes > 0 ? (['timeout'] as const) : []),
  ],
  // A number answer is stored as a number, checked answers as text; free text stays `unknown`
  // (permissive in expressions), as it always was.
  variableTypes: (config) => ({ variable: config.inputType === 'number' ? 'number' : config.inputType === 'text' ? 'unknown' : 'string' }),
  suspends: true,
});

/**
 * Conversation variable names (zod-free, for workflow code; the schema is in variable-schema.ts). Kept identifier-like (and bounded) so that `{{name}}` placeholders
 * are unambiguous, names are safe as object keys in every language, and they fit in a DB column.
 */
export const VARIABLE_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;

/** What a conversation variable can hold: JSON scalars, so state stays plain and replayable. */
export type VariableValue = string | number | boolean | null;
export type Variables = Record<string, VariableValue>;

/** The variable in which the conversation keeps the customer's latest message. */
export const LAST_MESSAGE_VARIABLE = 'last_message';

/**
 * Variables the conversation runtime keeps itself, with their types. Validation counts them as
 * stored, so `{{last_message}}` in a template is never reported as unknown.
 */
export const BUILT_IN_VARIABLES: Readonly<Record<string, 'string' | 'number' | 'boolean'>> = {
  [LAST_MESSAGE_VARIABLE]: 'string',
  // Set by the API when a conversation starts for a contact whose name is known.
  contact_name: 'string',
};

import { z } from "zod";

/**
 * A contact's attributes: a flat map from a key ("plan", "company_size") to text, a number or
 * yes/no. Sizes are bounded so a contact row stays small: at most MAX_ATTRIBUTES keys of
 * MAX_KEY_LENGTH characters, text values of MAX_TEXT_VALUE_LENGTH.
 */
export const MAX_ATTRIBUTES = 50;
export const MAX_KEY_LENGTH = 64;
export const MAX_TEXT_VALUE_LENGTH = 500;

export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;

export const attributeKeySchema = z
  .string()
  .regex(new RegExp(`^[A-Za-z][A-Za-z0-9_.-]{0,${MAX_KEY_LENGTH - 1}}$`), `an attribute key starts with a letter: letters, digits, _ . - (at most ${MAX_KEY_LENGTH})`);

export const attributeValueSchema = z.union([
  z.string().trim().max(MAX_TEXT_VALUE_LENGTH, `an attribute's text is at most ${MAX_TEXT_VALUE_LENGTH} characters`),
  z.number().finite(),
  z.boolean(),
]);

/** A change: each key set to a value, or null to remove it. */
export const attributeChangesSchema = z
  .record(attributeKeySchema, attributeValueSchema.nullable())
  .refine((changes) => Object.keys(changes).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes at once`)
  .meta({ description: "Attribute values by key (text, number or boolean); null removes a key" });

/** The stored attributes, whatever shape an older row has: only valid entries are kept. */
export function storedAttributes(json: unknown): Attributes {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (attributeKeySchema.safeParse(key).success && attributeValueSchema.safeParse(value).success) attributes[key] = value as AttributeValue;
  }
  return attributes;
}

export class TooManyAttributesError extends Error {}

/** The attributes after the changes (null removes); throws TooManyAttributesError past MAX_ATTRIBUTES. */
export function applyAttributeChanges(current: Attributes, changes: Record<string, AttributeValue | null>): Attributes {
  const next: Attributes = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > MAX_ATTRIBUTES) throw new TooManyAttributesError(`a contact has at most ${MAX_ATTRIBUTES} attributes`);
  return next;
}

/** B's attributes under A's: on a key both have, A's value stays (a merge). */
export function mergedAttributes(kept: Attributes, merged: Attributes): Attributes {
  const all: Attributes = { ...merged, ...kept };
  // Past the limit, A's own keys come first and B's extra ones are dropped.
  const keys = [...Object.keys(kept), ...Object.keys(merged).filter((key) => !(key in kept))].slice(0, MAX_ATTRIBUTES);
  return Object.fromEntries(keys.map((key) => [key, all[key]!]));
}

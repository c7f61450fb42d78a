/**
 * The one rule for free text that people type into Parley (customer and agent messages, names,
 * titles, notes, search queries…). The API's schemas, the builder and the conversation workflow's
 * validators all use it, so a text that one of them accepts is never refused by another — or by
 * the database, which is where broken text used to fail: a lone UTF-16 surrogate cannot be
 * encoded as UTF-8 (Prisma refuses the whole query), NUL cuts SQLite text short and PostgreSQL
 * refuses it, other control characters are invisible junk, and a message of zero-width spaces
 * looks empty to everyone who reads it.
 *
 * Pure and linear-time (single character classes, no nested quantifiers): safe in workflow code.
 */

/** Why a text was refused, in words a client can show next to the field. */
export type TextProblemCode = 'lone_surrogate' | 'control_character' | 'empty' | 'too_long';

export interface TextProblem {
  code: TextProblemCode;
  message: string;
}

export interface TextRule {
  /** How the field is named in messages, e.g. "message text". */
  label: string;
  /** Longest accepted text in UTF-16 code units (JavaScript's `length`), after trimming. */
  max: number;
  /** Whether an empty text is acceptable (descriptions, notes); a blank-looking one then too. */
  allowEmpty?: boolean;
  /** What to say when the text is empty, instead of "<label> is empty" (e.g. "type a message"). */
  emptyMessage?: string;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls except tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * A character someone can see: anything but white space, format characters (Cf: zero-width
 * space and joiners, bidi marks, BOM…) and the other default-ignorable code points (Hangul
 * fillers, variation selectors, soft hyphen).
 */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

/** The first problem of an (already trimmed) text under `rule`, or null when it is acceptable. */
export function textProblem(text: string, rule: TextRule): TextProblem | null {
  if (LONE_SURROGATE.test(text)) {
    return { code: 'lone_surrogate', message: `${rule.label} contains a broken character (an unpaired UTF-16 surrogate)` };
  }
  if (CONTROL.test(text)) {
    return { code: 'control_character', message: `${rule.label} contains a control character (only tab and line breaks are allowed)` };
  }
  if (text.length > rule.max) {
    return { code: 'too_long', message: `${rule.label} is longer than ${rule.max} characters` };
  }
  if (!rule.allowEmpty && !VISIBLE.test(text)) {
    return { code: 'empty', message: rule.emptyMessage ?? `${rule.label} is empty` };
  }
  return null;
}

/**
 * The text with every character the rule refuses replaced: lone surrogates by U+FFFD (what a
 * UTF-8 decoder shows for them), control characters by a space. For data that is already past
 * the edges (a workflow's transcript) and must still be stored; input is refused, not repaired.
 */
export function storableText(text: string): string {
  return text
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD')
    .replace(new RegExp(CONTROL.source, 'g'), ' ');
}

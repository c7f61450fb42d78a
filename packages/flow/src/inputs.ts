/**
 * Reading typed answers to an `ask` node: what a person types → the value stored in the
 * variable, or null when it is not a valid answer of that type. Pure and deterministic (the
 * conversation workflow runs it): nothing reads the clock, "today" is relative to the `now` the
 * caller passes in (workflow time). Answer patterns run on RE2 (./patterns): linear time, so a
 * pattern like `(a+)+$` cannot stall the workflow task.
 */
import { compileSafePattern, type CompiledPattern } from './patterns';
import { extractPersonName } from './person-name';

export const ASK_INPUT_TYPES = ['text', 'number', 'email', 'phone', 'date', 'choice', 'name'] as const;
export type AskInputType = (typeof ASK_INPUT_TYPES)[number];

/** Longest pattern an ask node may use: patterns run inside workflow code on every answer. */
export const MAX_PATTERN_LENGTH = 200;
/** Longest answer a pattern is tested against (longer answers do not match). */
const MAX_PATTERN_INPUT = 4000;

export interface AnswerOptions {
  /** For `choice`: the options, as written in the node. */
  choices?: readonly string[];
  /** For `text`: a regular expression the whole answer must match (empty: anything goes). */
  pattern?: string;
  /** For `date`: epoch ms that "today" and "tomorrow" are relative to. */
  now?: number;
}

export type ParsedAnswer = { ok: true; value: string | number } | { ok: false };

/** The value to store for `text`, or `{ ok: false }` when it is not an answer of the type. */
export function parseAnswer(type: AskInputType, text: string, options: AnswerOptions = {}): ParsedAnswer {
  const value = readers[type](text, options);
  return value === null ? { ok: false } : { ok: true, value };
}

const readers: Record<AskInputType, (text: string, options: AnswerOptions) => string | number | null> = {
  text: (text, { pattern }) => (!pattern || matchesPattern(text, pattern) ? text : null),
  number: (text) => parseNumber(text),
  email: (text) => parseEmail(text),
  phone: (text) => parsePhone(text),
  date: (text, { now }) => parseDate(text, now ?? 0),
  choice: (text, { choices }) => matchChoice(text, choices ?? []),
  name: (text) => extractPersonName(text),
};

/** What to say after an answer that does not fit, when the node has no retry prompt of its own. */
export function answerHint(type: AskInputType, choices: readonly string[] = []): string {
  switch (type) {
    case 'number':
      return 'Please answer with a number, for example 42 or 3.5.';
    case 'email':
      return 'That does not look like an email address. Please type it like name@example.com.';
    case 'phone':
      return 'Please type a phone number using digits, for example +44 20 7946 0958.';
    case 'date':
      return 'Please give a date, for example 2026-03-14, 14/03/2026 or "tomorrow".';
    case 'choice':
      return `Please choose one of: ${choices.map((choice, i) => `${i + 1}. ${choice}`).join(', ')}.`;
    case 'name':
      return 'Please tell me your name, for example Jane Smith.';
    case 'text':
      return "Sorry, that doesn't look right. Please try again.";
  }
}

/** Options of a choice question: one per line (commas are allowed inside an option). */
export function splitChoices(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

// --- text ------------------------------------------------------------------------------------

/** Compiles an ask pattern, or returns the reason it cannot be used. */
export function compilePattern(pattern: string): CompiledPattern {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, error: `Must be at most ${MAX_PATTERN_LENGTH} characters` };
  return compileSafePattern(pattern);
}

/** Whether the whole text matches the pattern; an unusable pattern matches nothing. */
export function matchesPattern(text: string, pattern: string): boolean {
  if (text.length > MAX_PATTERN_INPUT) return false;
  const compiled = compilePattern(pattern);
  // Anchored: the pattern describes the whole answer (an order number, a postcode), not a part.
  return compiled.ok && compiled.regex.testExact(text);
}

// --- number ----------------------------------------------------------------------------------

const SMALL_NUMBERS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * A number as people type it: `42`, `-3.5`, `1,5` (decimal comma), `1 234`, `1,234.50`,
 * `1.234,50`, `1'000`, or a word from zero to ninety-nine. Grouping is recognised when the
 * groups have three digits; a lone separator followed by other than three digits is a decimal
 * mark. Anything else (units, ranges, "a few") is not a number.
 */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  const word = numberWord(trimmed);
  if (word !== null) return word;
  const match = /^([+-]?)(\d[\d\s\u00a0\u202f'.,]*)$/.exec(trimmed);
  if (!match) return null;
  const [, sign, body] = match as unknown as [string, string, string];
  // Spaces and apostrophes only ever group thousands: 1 234 567, 1'000.
  const spaced = body.replace(/[\s\u00a0\u202f']/g, ' ');
  if (spaced.includes(' ') && !/^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/.test(spaced)) return null;
  const digits = spaced.replaceAll(' ', '');
  if (/[.,]$/.test(digits) || /[.,]{2}/.test(digits)) return null;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal mark, the other groups thousands.
    const [group, decimal] = lastDot > lastComma ? [',', '.'] : ['.', ','];
    const [whole, fraction] = splitAt(digits, Math.max(lastDot, lastComma));
    if (whole.includes(decimal) || !isGrouped(whole, group)) return null;
    normalized = `${whole.split(group).join('')}.${fraction}`;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const parts = digits.split(separator);
    if (parts.length > 2) {
      if (!isGrouped(digits, separator)) return null;
      normalized = parts.join('');
    } else {
      const [whole, fraction] = parts as [string, string];
      // "1,234" is a thousand and more; "1.234" and "0,125" and "1,5" are decimals.
      const groups = separator === ',' && fraction.length === 3 && whole.length <= 3 && whole !== '0';
      normalized = groups ? whole + fraction : `${whole}.${fraction}`;
    }
  } else {
    normalized = digits;
  }
  const value = Number(`${sign}${normalized}`);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value; // never -0
}

function splitAt(text: string, index: number): [string, string] {
  return [text.slice(0, index), text.slice(index + 1)];
}

/** `1,234,567`: a first group of 1–3 digits, then groups of exactly three. */
function isGrouped(text: string, separator: string): boolean {
  const groups = text.split(separator);
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((group) => /^\d{3}$/.test(group));
}

function numberWord(text: string): number | null {
  const small = SMALL_NUMBERS.indexOf(text);
  if (small >= 0) return small;
  const match = /^([a-z]+)(?:[\s-]([a-z]+))?$/.exec(text);
  if (!match) return null;
  const tens = TENS.indexOf(match[1]!);
  if (tens < 2) return null;
  if (match[2] === undefined) return tens * 10;
  const unit = SMALL_NUMBERS.indexOf(match[2]);
  return unit >= 1 && unit <= 9 ? tens * 10 + unit : null;
}

// --- email -----------------------------------------------------------------------------------

const EMAIL_PATTERN = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** An email address, lower-cased (a "mailto:" prefix and surrounding <> are dropped). */
export function parseEmail(text: string): string | null {
  const email = text
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .toLowerCase();
  return email.length <= 254 && EMAIL_PATTERN.test(email) ? email : null;
}

// --- phone -----------------------------------------------------------------------------------

/**
 * A phone number normalised to `+` and digits (`+442079460958`), or digits only when no
 * country code was given. Spaces, dashes, dots and parentheses are dropped; `00` becomes `+`.
 * 6 to 15 digits (E.164 allows at most 15).
 */
export function parsePhone(text: string): string | null {
  const trimmed = text.trim();
  if (!/^(\+|00)?[\d\s().\-/]+$/.test(trimmed)) return null;
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (digits.length < 6 || digits.length > 15) return null;
  return international ? `+${digits}` : digits;
}

// --- date ------------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;
const RELATIVE_DAYS = new Map([
  ['today', 0],
  ['tomorrow', 1],
  ['yesterday', -1],
]);

/**
 * A calendar date as ISO `yyyy-mm-dd`. Accepts ISO (`2026-03-14`, `2026/3/14`), day first
 * (`14/03/2026`, `14.3.26`, `14-03-2026`), month names (`14 March 2026`, `March 14, 2026`), and
 * `today`, `tomorrow`, `yesterday` relative to `now` (its UTC date). Impossible dates (31 April)
 * are refused. Two-digit years are 2000–2099.
 */
export function parseDate(text: string, now: number): string | null {
  const input = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const relative = RELATIVE_DAYS.get(input);
  if (relative !== undefined) {
    // new Date of a given instant is deterministic (no clock read); only its UTC fields are used.
    const day = new Date(Math.floor(now / DAY_MS) * DAY_MS + relative * DAY_MS);
    return isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
  }
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(input);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(input);
  if (match) return isoDate(year(match[3]!), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})(?:st|nd|rd|th)?\.? (?:of )?([a-z]+)\.?,? (\d{4})$/.exec(input);
  if (match) return isoDate(Number(match[3]), month(match[2]!), Number(match[1]));
  match = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(input);
  if (match) return isoDate(Number(match[3]), month(match[1]!), Number(match[2]));
  return null;
}

function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** 1–12 for a month name or its 3-letter abbreviation ("sept" too), else 0. */
function month(name: string): number {
  const index = MONTHS.indexOf(name.slice(0, 3));
  if (index < 0) return 0;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][index]!;
  return name.length === 3 || name === 'sept' || name === full ? index + 1 : 0;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// --- choice ----------------------------------------------------------------------------------

/**
 * The option the answer picks, as written in the node: its text (case and surrounding spaces
 * ignored) or its number in the list (`2`, `2.`, `#2`).
 */
export function matchChoice(text: string, choices: readonly string[]): string | null {
  const answer = text.trim().toLowerCase();
  const byText = choices.find((choice) => choice.trim().toLowerCase() === answer);
  if (byText !== undefined) return byText;
  const number = /^#?(\d{1,3})[.)]?$/.exec(answer);
  if (!number) return null;
  return choices[Number(number[1]) - 1] ?? null;
}

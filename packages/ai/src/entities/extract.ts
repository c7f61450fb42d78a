import { findDates } from './dates';
import { ENTITY_TYPES, type Entity, type EntityType, type ExtractOptions } from './types';

/**
 * Entity extraction with patterns: emails, order-like ids, dates, phone numbers and numbers,
 * each with its span and a normalised value. No model: these slots have a shape, and a pattern
 * is exact, explainable and instant.
 *
 * Types are tried in ENTITY_TYPES order and a span taken by an earlier type is not reused, so
 * "order 123-456" is an order id (not a phone or two numbers), "2026-03-12" a date (not a phone),
 * and a phone's digits are not also numbers.
 */
export function extractEntities(text: string, options: ExtractOptions): Entity[] {
  const taken: Entity[] = [];
  for (const type of ENTITY_TYPES) {
    for (const { start, end, value } of EXTRACTORS[type](text, options)) {
      if (taken.some((e) => start < e.end && e.start < end)) continue;
      taken.push({ type, text: text.slice(start, end), start, end, value });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

interface Found {
  start: number;
  end: number;
  value: string | number;
}
type Extractor = (text: string, options: ExtractOptions) => Found[];

function matches(text: string, pattern: RegExp, value: (m: RegExpExecArray) => string | number | undefined, group = 0): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(pattern)) {
    const v = value(m);
    if (v === undefined) continue;
    // A capture group narrows the span to the entity itself ("order 123-456" → "123-456").
    const start = group ? m.index + m[0].lastIndexOf(m[group]!) : m.index;
    const end = start + m[group]!.length;
    out.push({ start, end, value: v });
  }
  return out;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * Order-like ids: "#A12345", "#55120", an id after a word that announces one ("order 123-456",
 * "ref: AB-9921", "ticket no. 7731"), or a bare code of capital letters and 4+ digits ("A12345").
 * An id has at least one digit and three characters.
 */
const ORDER_KEYWORD = /\b(?:order|ordr|ref|reference|ticket|invoice|case|booking|tracking|confirmation)(?:\s+(?:number|no\.?|num|id|code))?\s*(?:#|:)?\s*([A-Za-z0-9][A-Za-z0-9-]{2,})/giu;
const HASH_ID = /(?<![\p{L}\p{N}])#([A-Za-z0-9][A-Za-z0-9-]{2,})/gu;
const BARE_CODE = /\b([A-Z]{1,3}-?\d{4,})\b/g;
const normaliseId = (id: string) => (/\d/.test(id) ? id.toUpperCase().replace(/-+$/, '') : undefined);

/**
 * Phones: E.164 ("+14155552671") and national formats with spaces, dots, dashes or brackets
 * ("(415) 555-2671", "020 7946 0958", "07700 900123"): 7 to 15 digits in all.
 */
const PHONE = /(?<![\p{L}\p{N}+])(\+\s?)?\(?\d[\d\s.()-]{5,}\d(?![\p{L}\p{N}])/gu;
function phoneValue(m: RegExpExecArray): string | undefined {
  const digits = m[0].replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  // Plain digit runs of 7–9 without separators read as numbers ("1500000"), not phones.
  if (!m[1] && /^\d+$/.test(m[0]) && digits.length < 10) return undefined;
  return m[1] ? `+${digits}` : digits;
}

/** 42, -3, 1,299.50, 3.5 (a comma groups thousands, a dot is the decimal point); and one..twenty. */
const NUMBER = /(?<![\p{L}\p{N}.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{N}])|(?<![\p{L}\p{N}.,])-?\d+(?:\.\d+)?(?![\p{L}\p{N}])/gu;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const NUMBER_WORD = new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'gi');

const EXTRACTORS = {
  email: (text) => matches(text, EMAIL, (m) => m[0].toLowerCase()),
  order_id: (text) => {
    // "#A12345" first, so that "order #A12345" keeps its "#" in the span.
    const hash = matches(text, HASH_ID, (m) => normaliseId(m[1]!));
    const keyword = matches(text, ORDER_KEYWORD, (m) => normaliseId(m[1]!), 1);
    const bare = matches(text, BARE_CODE, (m) => normaliseId(m[1]!), 1);
    return [...hash, ...keyword, ...bare];
  },
  date: (text, options) => findDates(text, options.referenceDate, options.dateOrder),
  phone: (text) => matches(text, PHONE, phoneValue),
  number: (text) => [
    ...matches(text, NUMBER, (m) => Number(m[0].replaceAll(',', ''))),
    ...matches(text, NUMBER_WORD, (m) => NUMBER_WORDS.indexOf(m[1]!.toLowerCase())),
  ],
} satisfies Record<EntityType, Extractor>;

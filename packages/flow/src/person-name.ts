/**
 * A person's name from an answer to "What is your name?": "My name is John Smith" → "John Smith",
 * "it's jane" → "Jane". Pure and deterministic (the ask node runs it in workflow code), so it
 * lives here rather than with the entity extractors of @parley/ai, which workflows cannot import.
 *
 * Deliberately cautious: a reply that is not plainly a name ("no", "why?", "I'd rather not say",
 * an order number) is refused so the ask node asks again, instead of storing "Rather Not Say".
 */

/** Lead-ins people put before their name, longest first so "my name is" wins over "is". */
const LEAD_INS = [
  'you can call me', 'my full name is', 'my first name is', 'my name is', 'my names', "my name's", 'the name is', "the name's",
  'they call me', 'name is', 'call me', 'this is', 'it is', "it's", 'its', "i'm", 'i am', 'im', 'name:', 'name',
];
/** Greetings and acknowledgements before the lead-in ("sure, it's Jane"). */
const OPENERS = /^(?:(?:hi|hello|hey|sure|ok|okay|yes|yeah|yep|of course|certainly)\b[\s,!.-]*)+/i;
/** Politeness after the name ("Jane, thanks"). */
const CLOSERS = /[\s,.!-]+(?:thanks|thank you|thx|cheers|please|here)[\s.!]*$/i;
/** A name has a few words: more is a sentence. */
const MAX_NAME_WORDS = 4;
const MAX_NAME_CHARS = 80;
/** A word of a name: letters, with inner apostrophes, hyphens or a trailing dot (O'Brien, Jean-Luc, J.). */
const NAME_WORD = /^\p{L}+(?:['’-]\p{L}+)*\.?$/u;
/** Words that show a reply is not a name: refusals, questions, filler and everyday nouns. */
const NOT_NAME_WORDS = new Set(
  (
    'no nope nah not never none nothing nobody why what who how when where which yes yeah yep ok okay sure skip pass later ' +
    'idk dunno know prefer rather anonymous help hi hello hey thanks thank please is am are was the a an my your our name ' +
    'you me i it this that to want need dont don’t won’t wont cant can’t tell say said human agent person bot stop cancel ' +
    'order refund problem issue and or but for with of in on at from about just only private secret unknown'
  ).split(' '),
);
/** Particles that stay lower case inside a name typed in lower case (ludwig van beethoven). */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'al']);

/** The name in the answer, capitalised as a name, or null when the answer is not a name. */
export function extractPersonName(answer: string): string | null {
  let text = answer.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!text || text.length > MAX_NAME_CHARS * 2 || text.includes('?')) return null;
  text = text.replace(OPENERS, '');
  const lower = text.toLowerCase();
  const leadIn = LEAD_INS.find((phrase) => lower === phrase || lower.startsWith(`${phrase} `));
  if (leadIn) text = text.slice(leadIn.length);
  text = text.replace(CLOSERS, '').replace(/^[\s,:-]+|[\s,.!]+$/g, '');

  const words = text.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > MAX_NAME_WORDS || text.length > MAX_NAME_CHARS) return null;
  if (!words.every((word) => NAME_WORD.test(word) && !NOT_NAME_WORDS.has(word.toLowerCase()))) return null;
  return words.map((word, i) => capitalize(word, i > 0 && i < words.length - 1)).join(' ');
}

/** "jane" → "Jane", "O'BRIEN" → "O'Brien", "jean-luc" → "Jean-Luc"; "McDonald" stays as typed. */
function capitalize(word: string, inner: boolean): string {
  const mixed = word !== word.toLowerCase() && word !== word.toUpperCase();
  if (mixed) return word;
  const lower = word.toLowerCase();
  if (inner && PARTICLES.has(lower) && word === lower) return lower;
  return lower.replace(/(^|['’-])(\p{L})/gu, (_, mark: string, letter: string) => mark + letter.toUpperCase());
}

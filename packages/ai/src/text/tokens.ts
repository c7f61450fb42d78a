/**
 * Text preparation shared by the local models: normalisation, tokens, contractions and a light
 * stemmer. English only for now; the trained models of a later issue bring their own.
 */

export interface Token {
  /** As written (case kept): the sentiment scorer reads SHOUTED words from it. */
  raw: string;
  /** Lowercased, accents removed, contractions expanded (`don't` gives `do` then `not`). */
  word: string;
  /** Index of the clause the token is in (clauses end at . ! ? ; and at line breaks). */
  clause: number;
}

/** `n't` contractions whose base is not the word before it. */
const IRREGULAR_NOT: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'is' };
/** Contractions typed without the apostrophe ("dont", "cant"): base word + not. */
const BARE_NOT: Record<string, string> = {
  dont: 'do', doesnt: 'does', didnt: 'did', cant: 'can', cannot: 'can', wont: 'will', isnt: 'is', arent: 'are',
  wasnt: 'was', werent: 'were', havent: 'have', hasnt: 'has', hadnt: 'had', couldnt: 'could', shouldnt: 'should',
  wouldnt: 'would', aint: 'is',
};

/** Without accents ("café" → "cafe"), typographic apostrophes made plain; case is kept. */
export function plainText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'");
}

const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?|[.!?;\n]/gu;

/** Words in order, with contractions expanded; punctuation only separates clauses. */
export function tokenize(text: string): Token[] {
  const plain = plainText(text);
  const tokens: Token[] = [];
  let clause = 0;
  for (const match of plain.matchAll(TOKEN)) {
    const raw = match[0];
    if (/^[.!?;\n]$/.test(raw)) {
      if (tokens.length > 0 && tokens[tokens.length - 1]!.clause === clause) clause++;
      continue;
    }
    const lower = raw.toLowerCase();
    const push = (word: string) => tokens.push({ raw, word, clause });
    if (lower.endsWith("n't")) {
      const base = lower.slice(0, -3);
      push(IRREGULAR_NOT[base] ?? base);
      push('not');
    } else if (Object.hasOwn(BARE_NOT, lower)) {
      push(BARE_NOT[lower]!);
      push('not');
    } else {
      // i'm, it's, we're, they'll, you've, I'd: the suffix carries nothing the models use.
      push(lower.replace(/'(s|m|re|ll|ve|d)$/, ''));
    }
  }
  return tokens;
}

/**
 * A light suffix stripper so that "refunds", "refunded" and "refunding" meet at "refund", and
 * "charge", "charged", "charges" at "charg". Deliberately small: plurals, -ing, -ed, -ly, a
 * doubled final consonant, a final e. It over- and under-stems now and then, which word
 * overlap tolerates; it is not a linguistic stemmer.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed', 'ly']) {
    const base = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && base.length >= 3 && /[aeiouy]/.test(base)) {
      w = base;
      break;
    }
  }
  // Collapse a doubled final letter everywhere (not only after a suffix) so "bill" and
  // "billing", "cancel" and "cancelled" agree; "ss" stays ("access").
  if (w.length >= 4 && w.at(-1) === w.at(-2) && w.at(-1) !== 's') w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

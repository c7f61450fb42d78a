/**
 * Words of a text as search terms: lower-cased, accents removed, stop words dropped, and a light
 * English suffix stripping so "charged", "charges" and "charge" meet. Deliberately simple: the
 * planned BM25 + embeddings search replaces it (see README).
 */
export function terms(text: string): string[] {
  const words = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const word of words) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/** Strips common inflections; only words longer than 3 letters, so "bus" or "use" stay. */
export function stem(word: string): string {
  if (word.length <= 3 || /^\p{N}+$/u.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** "shipp" → "ship", "cancell" → "cancel" (after -ing/-ed), but "pass" stays "pass". */
function undouble(w: string): string {
  return /([b-df-hj-np-rtv-z])\1$/.test(w) && !/(ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

// Function words and the filler of support questions ("how long", "can you help me"): they match
// everything, so they would only add noise to the overlap.
const STOP_WORDS = new Set(
  `a an the and or but if so as at by for from in into of on to with about over after before
  i me my mine we us our you your yours he she it its they them their this that these those
  is are was were be been being am do does did doing done have has had can could would should
  will shall may might must there here what which who whom whose how when where why
  not no yes please hi hello hey thanks thank ok okay want need get got just also any some all
  help tell know like long much many still again very really too than then now`.split(/\s+/),
);

import { stem, tokenize } from '../text/tokens';

/**
 * The features of the trained intent model: what a linear classifier can see in a message.
 *
 * - Word unigrams and bigrams (lowercased, accents folded, contractions expanded, lightly
 *   stemmed). No stop words are dropped: "hello", "thanks", "bye" and "not" are exactly what
 *   tells greetings, small talk and complaints apart, and TF-IDF already gives words that every
 *   intent uses little weight.
 * - Character 3–5-grams inside each word padded with spaces (scikit-learn's "char_wb"), so a
 *   typo ("pasword", "cancle", "subscripton") still shares most of its n-grams with the word.
 *
 * Both kinds go into one sparse vector; the prefixes keep them from colliding.
 */
export function messageFeatures(text: string): string[] {
  // Every number is one feature: "order 48213" is like "order 12345", not like nothing seen.
  const words = tokenize(text).map((token) => (isNumber(token.word) ? '0' : token.word));
  const stems = words.map(stem);
  const out: string[] = [];
  for (const s of stems) out.push(`w:${s}`);
  for (let i = 1; i < stems.length; i++) out.push(`b:${stems[i - 1]} ${stems[i]}`);
  for (const word of words) {
    if (word === '0') continue;
    const padded = ` ${word} `;
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
      if (padded.length < n) break;
      for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  return out;
}

/** Words and character n-grams weigh the same (0.5 each of the squared length). */
const WORD_SHARE = 0.5;
/**
 * Features no example has count towards the vector's length at half the weight of a feature
 * seen once, so "Do you have a shop in Lisbon?", which shares only "a" and "in" with a small
 * router's examples, gets small components rather than a unit-length "a": unknown words are
 * evidence that the message is about something else. (Full weight loses more in-scope
 * messages to the fallback on bench/ai-eval; none lets function words decide.)
 */
const UNSEEN_WEIGHT = 0.5;
const CHAR_MIN = 3;
const CHAR_MAX = 5;

/** "48213", "a12345", "123-456" (one token each side): mostly digits. "2fa", "mp3" stay words. */
const isNumber = (word: string) => {
  const digits = word.replace(/\D/g, '').length;
  return digits >= 3 && digits * 2 >= word.length;
};

/** A sparse vector: feature indices (ascending) and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/**
 * TF-IDF over a fixed vocabulary: sublinear term frequency (1 + ln tf), smoothed IDF
 * (ln((1 + n) / (1 + df)) + 1) and L2 normalisation per kind (words and characters each get unit
 * length, then the vector is scaled to unit length), so a long message's hundreds of character
 * n-grams do not drown its few words. Features outside the vocabulary are ignored: no intent has
 * seen them, so they cannot move the decision.
 */
export class TfidfVectorizer {
  readonly vocabulary = new Map<string, number>();
  private idf: Float64Array = new Float64Array();
  private unseenIdf = 1;
  /** 1 for a character n-gram, 0 for a word or bigram, by index. */
  private charFeature: Uint8Array = new Uint8Array();

  static fit(documents: readonly string[][]): TfidfVectorizer {
    const vectorizer = new TfidfVectorizer();
    const df: number[] = [];
    for (const features of documents) {
      for (const feature of new Set(features)) {
        let index = vectorizer.vocabulary.get(feature);
        if (index === undefined) {
          index = vectorizer.vocabulary.size;
          vectorizer.vocabulary.set(feature, index);
          df.push(0);
        }
        df[index]!++;
      }
    }
    const n = documents.length;
    vectorizer.idf = Float64Array.from(df, (count) => Math.log((1 + n) / (1 + count)) + 1);
    vectorizer.unseenIdf = Math.log(1 + n) + 1;
    vectorizer.charFeature = Uint8Array.from(vectorizer.vocabulary.keys(), (feature) => (feature.startsWith('c:') ? 1 : 0));
    return vectorizer;
  }

  get size(): number {
    return this.vocabulary.size;
  }

  transform(features: readonly string[]): SparseVector {
    const counts = new Map<number, number>();
    const unseen = new Map<string, number>();
    for (const feature of features) {
      const index = this.vocabulary.get(feature);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
      else unseen.set(feature, (unseen.get(feature) ?? 0) + 1);
    }
    const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
    const values = new Float64Array(indices.length);
    let wordNorm = 0;
    let charNorm = 0;
    for (let k = 0; k < indices.length; k++) {
      const index = indices[k]!;
      const value = (1 + Math.log(counts.get(index)!)) * this.idf[index]!;
      values[k] = value;
      if (this.charFeature[index]) charNorm += value * value;
      else wordNorm += value * value;
    }
    for (const [feature, count] of unseen) {
      const value = (1 + Math.log(count)) * this.unseenIdf * UNSEEN_WEIGHT;
      if (feature.startsWith('c:')) charNorm += value * value;
      else wordNorm += value * value;
    }
    wordNorm = Math.sqrt(wordNorm);
    charNorm = Math.sqrt(charNorm);
    // Words weigh WORD_SHARE of the squared length, characters the rest (all of it when the
    // other kind is absent), so the vector has unit length.
    const wordShare = charNorm === 0 ? 1 : wordNorm === 0 ? 0 : WORD_SHARE;
    const wordScale = wordNorm > 0 ? Math.sqrt(wordShare) / wordNorm : 0;
    const charScale = charNorm > 0 ? Math.sqrt(1 - wordShare) / charNorm : 0;
    for (let k = 0; k < values.length; k++) values[k] = values[k]! * (this.charFeature[indices[k]!] ? charScale : wordScale);
    return { indices, values };
  }

}

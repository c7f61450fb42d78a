/**
 * BM25+ parameters: MiniSearch's defaults, which the knowledge search was tuned with (bench/ai-eval
 * §2), so the ranking is the one it had when MiniSearch computed it.
 */
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;

/** One term's postings: the chunks (slots) that use it and how often, per field. */
interface Postings {
  slots: Int32Array;
  /** `fieldCount` frequencies per posting: freqs[i * fieldCount + field]. */
  freqs: Uint16Array;
  length: number;
  /** In how many chunks the term appears in each field (BM25's per-field document frequency). */
  fieldDf: Int32Array;
  /** Each posting's BM25 contribution, valid while `impactsAt` equals the index's generation. */
  impacts: Float64Array;
  impactsAt: number;
}

export interface Bm25Hit {
  key: string;
  score: number;
}

export interface Bm25SearchOptions {
  /**
   * Per query term: whether a chunk that has it may become a hit. Terms marked false only add to
   * the score of chunks the others found (see KnowledgeIndex's common-term handling). Default: all.
   */
  picksCandidates?: readonly boolean[];
}

/**
 * An inverted index scored by BM25+ over several weighted fields, built for a query to cost a few
 * tight loops over typed arrays and no allocation per matching chunk: postings are growable
 * `Int32Array`/`Uint16Array` pairs, scores accumulate term by term in a `Float64Array` indexed by
 * chunk slot, and only the best `k` are kept. Updated chunk by chunk (add, remove); slots of
 * removed chunks are reused, so the arrays stay as long as the live chunk count.
 *
 * Scoring is MiniSearch 7's, so rankings did not move when it replaced MiniSearch: per field,
 * boost × idf × (δ + tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen))), idf = ln(1 + (N − df + ½)/(df + ½))
 * with the field's own df, len = the field's distinct terms; the sum over query terms is multiplied
 * by how many distinct query terms the chunk has.
 */
export class FieldedBm25 {
  private readonly fieldCount: number;
  private readonly postings = new Map<string, Postings>();
  private readonly slotOf = new Map<string, number>();
  private keys: (string | undefined)[] = [];
  /** Each slot's distinct terms, so removal knows which postings to edit. */
  private slotTerms: (string[] | undefined)[] = [];
  private fieldLength = new Float64Array(0);
  private readonly totalLength: Float64Array;
  private readonly freeSlots: number[] = [];
  /**
   * Bumped by every change: N, the average field lengths and so every term's contributions
   * depend on all chunks. A query recomputes a term's impacts only when it changed since.
   */
  private generation = 0;
  // Per-query scratch, reset after each search (sized to the slots).
  private score = new Float64Array(0);
  private matched = new Uint16Array(0);
  private touched = new Int32Array(0);

  constructor(private readonly boosts: readonly number[]) {
    this.fieldCount = boosts.length;
    this.totalLength = new Float64Array(this.fieldCount);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** In how many chunks a term appears, in any field. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** Indexes a chunk's fields (terms per field, in `boosts` order); replaces a chunk with the same key. */
  add(key: string, fields: readonly (readonly string[])[]): void {
    if (this.slotOf.has(key)) this.remove(key);
    this.generation++;
    const slot = this.freeSlots.pop() ?? this.keys.length;
    if (slot >= this.keys.length) this.growSlots(slot + 1);
    const frequencies = new Map<string, Uint16Array>();
    for (let field = 0; field < this.fieldCount; field++) {
      const terms = fields[field] ?? [];
      for (const term of terms) {
        let freqs = frequencies.get(term);
        if (!freqs) frequencies.set(term, (freqs = new Uint16Array(this.fieldCount)));
        if (freqs[field]! < 0xffff) freqs[field]!++;
      }
      const length = new Set(terms).size;
      this.fieldLength[slot * this.fieldCount + field] = length;
      this.totalLength[field]! += length;
    }
    for (const [term, freqs] of frequencies) this.append(term, slot, freqs);
    this.keys[slot] = key;
    this.slotTerms[slot] = [...frequencies.keys()];
    this.slotOf.set(key, slot);
  }

  /** Forgets a chunk; false when it was not indexed. */
  remove(key: string): boolean {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return false;
    this.generation++;
    for (const term of this.slotTerms[slot]!) this.unlink(term, slot);
    for (let field = 0; field < this.fieldCount; field++) this.totalLength[field]! -= this.fieldLength[slot * this.fieldCount + field]!;
    this.slotOf.delete(key);
    this.keys[slot] = undefined;
    this.slotTerms[slot] = undefined;
    this.freeSlots.push(slot);
    return true;
  }

  /** The `k` best chunks for the query's (distinct) terms, best first; equal scores in slot order. */
  search(queryTerms: readonly string[], k: number, { picksCandidates }: Bm25SearchOptions = {}): Bm25Hit[] {
    if (this.slotOf.size === 0 || k <= 0) return [];
    const { score, matched, touched } = this;
    let touchedCount = 0;
    // Terms that pick candidates go first, so the others know which chunks to add to.
    for (const picking of [true, false]) {
      for (let t = 0; t < queryTerms.length; t++) {
        if ((picksCandidates?.[t] ?? true) !== picking) continue;
        const postings = this.postings.get(queryTerms[t]!);
        if (!postings) continue;
        const { slots, length } = postings;
        const impacts = this.impactsOf(postings);
        for (let i = 0; i < length; i++) {
          const slot = slots[i]!;
          if (matched[slot] === 0) {
            if (!picking) continue;
            touched[touchedCount++] = slot;
          }
          score[slot]! += impacts[i]!;
          matched[slot]!++;
        }
      }
    }
    const best = this.topK(touchedCount, k);
    for (let i = 0; i < touchedCount; i++) {
      score[touched[i]!] = 0;
      matched[touched[i]!] = 0;
    }
    return best;
  }

  /** The term's per-posting BM25+ contributions, recomputed when the index changed since the last time. */
  private impactsOf(postings: Postings): Float64Array {
    if (postings.impactsAt === this.generation && postings.impacts.length >= postings.length) return postings.impacts;
    const { fieldCount: F, fieldLength, boosts } = this;
    const n = this.slotOf.size;
    if (postings.impacts.length < postings.length) postings.impacts = new Float64Array(postings.slots.length);
    const { slots, freqs, length, impacts } = postings;
    for (let i = 0; i < length; i++) impacts[i] = 0;
    for (let field = 0; field < F; field++) {
      const df = postings.fieldDf[field]!;
      if (df === 0) continue;
      const weight = boosts[field]! * Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const averageLength = this.totalLength[field]! / n;
      for (let i = 0; i < length; i++) {
        const tf = freqs[i * F + field]!;
        if (tf === 0) continue;
        const norm = 1 - B + (B * fieldLength[slots[i]! * F + field]!) / averageLength;
        impacts[i]! += weight * (DELTA + (tf * (K1 + 1)) / (tf + K1 * norm));
      }
    }
    postings.impactsAt = this.generation;
    return impacts;
  }

  /** Selects the k best touched slots (score × matched terms) into a small sorted array. */
  private topK(touchedCount: number, k: number): Bm25Hit[] {
    const { score, matched, touched } = this;
    const slots: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      const value = score[slot]! * matched[slot]!;
      if (slots.length === k && !better(value, slot, scores[k - 1]!, slots[k - 1]!)) continue;
      let at = Math.min(slots.length, k - 1);
      while (at > 0 && better(value, slot, scores[at - 1]!, slots[at - 1]!)) at--;
      if (slots.length === k) {
        slots.pop();
        scores.pop();
      }
      slots.splice(at, 0, slot);
      scores.splice(at, 0, value);
    }
    return slots.map((slot, i) => ({ key: this.keys[slot]!, score: scores[i]! }));
  }

  private append(term: string, slot: number, freqs: Uint16Array): void {
    let postings = this.postings.get(term);
    if (!postings) {
      postings = {
        slots: new Int32Array(4),
        freqs: new Uint16Array(4 * this.fieldCount),
        length: 0,
        fieldDf: new Int32Array(this.fieldCount),
        impacts: new Float64Array(0),
        impactsAt: -1,
      };
      this.postings.set(term, postings);
    }
    if (postings.length === postings.slots.length) {
      const slots = new Int32Array(postings.slots.length * 2);
      slots.set(postings.slots);
      const grown = new Uint16Array(slots.length * this.fieldCount);
      grown.set(postings.freqs);
      postings.slots = slots;
      postings.freqs = grown;
    }
    postings.slots[postings.length] = slot;
    postings.freqs.set(freqs, postings.length * this.fieldCount);
    for (let field = 0; field < this.fieldCount; field++) if (freqs[field]! > 0) postings.fieldDf[field]!++;
    postings.length++;
  }

  /** Removes a slot from a term's postings: the last posting takes its place (order does not matter to scoring). */
  private unlink(term: string, slot: number): void {
    const postings = this.postings.get(term);
    if (!postings) return;
    const { slots, freqs } = postings;
    const at = slots.subarray(0, postings.length).indexOf(slot);
    if (at < 0) return;
    const F = this.fieldCount;
    for (let field = 0; field < F; field++) if (freqs[at * F + field]! > 0) postings.fieldDf[field]!--;
    const last = postings.length - 1;
    slots[at] = slots[last]!;
    freqs.copyWithin(at * F, last * F, last * F + F);
    postings.length = last;
    if (last === 0) this.postings.delete(term);
  }

  private growSlots(needed: number): void {
    if (needed <= this.score.length) return;
    const capacity = Math.max(64, this.score.length * 2, needed);
    const fieldLength = new Float64Array(capacity * this.fieldCount);
    fieldLength.set(this.fieldLength);
    this.fieldLength = fieldLength;
    this.score = new Float64Array(capacity);
    this.matched = new Uint16Array(capacity);
    this.touched = new Int32Array(capacity);
  }
}

/** Higher score first; equal scores by lower slot (deterministic order). */
function better(score: number, slot: number, otherScore: number, otherSlot: number): boolean {
  return score > otherScore || (score === otherScore && slot < otherSlot);
}

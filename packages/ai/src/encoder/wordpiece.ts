/**
 * BERT's uncased WordPiece tokenizer, as the sentence encoder was trained with (HF `BertNormalizer`
 * with lowercase + accent stripping, `BertPreTokenizer`, `WordPiece` with "##" continuations).
 * Hand-written because it is ~60 lines and the maintained libraries that have it either fetch
 * their files from a model hub or bring a second ONNX runtime; `wordpiece.test.ts` checks it
 * against the reference tokenizer's ids.
 */

const MAX_CHARS_PER_WORD = 100;
const CONTINUATION = '##';

export interface EncodedText {
  /** Token ids with [CLS] first and [SEP] last. */
  ids: number[];
}

export class WordPieceTokenizer {
  private readonly cls: number;
  private readonly sep: number;
  private readonly unk: number;

  constructor(private readonly vocab: ReadonlyMap<string, number>) {
    const id = (token: string) => {
      const found = vocab.get(token);
      if (found === undefined) throw new Error(`the vocabulary has no ${token}`);
      return found;
    };
    this.cls = id('[CLS]');
    this.sep = id('[SEP]');
    this.unk = id('[UNK]');
  }

  /** From a vocab.txt: one token per line, the line number is the id. */
  static fromVocabText(text: string): WordPieceTokenizer {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return new WordPieceTokenizer(new Map(lines.map((token, index) => [token, index])));
  }

  /** Ids of a text, cut to `maxTokens` including [CLS] and [SEP]. */
  encode(text: string, maxTokens: number): EncodedText {
    const ids = [this.cls];
    for (const word of preTokenize(normalize(text))) {
      for (const id of this.wordPieces(word)) ids.push(id);
      if (ids.length >= maxTokens - 1) break;
    }
    ids.length = Math.min(ids.length, maxTokens - 1);
    ids.push(this.sep);
    return { ids };
  }

  /** Greedy longest-match-first split of one word; the whole word is [UNK] if a piece is missing. */
  private wordPieces(word: string): number[] {
    const chars = [...word];
    if (chars.length > MAX_CHARS_PER_WORD) return [this.unk];
    const pieces: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: number | undefined;
      while (start < end) {
        const piece = (start > 0 ? CONTINUATION : '') + chars.slice(start, end).join('');
        found = this.vocab.get(piece);
        if (found !== undefined) break;
        end--;
      }
      if (found === undefined) return [this.unk];
      pieces.push(found);
      start = end;
    }
    return pieces;
  }
}

/** Drops control characters, spaces out CJK ideographs, lowercases and strips accents. */
function normalize(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0 || code === 0xfffd || (/\p{Cc}|\p{Cf}/u.test(char) && !/\s/u.test(char))) continue;
    out += isCjk(code) ? ` ${char} ` : /\s/u.test(char) ? ' ' : char;
  }
  return out.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
}

/** BERT's punctuation: Unicode P* plus every ASCII symbol ($, +, <, ^, |, ...); other symbols stay in words. */
const PUNCTUATION_OR_WORD = /[\p{P}\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]|[^\p{P}\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+/gu;

/** Splits on whitespace and makes every punctuation character a word of its own. */
function preTokenize(text: string): string[] {
  return text.split(' ').flatMap((word) => word.match(PUNCTUATION_OR_WORD) ?? []);
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x2a6df) ||
    (code >= 0x2a700 && code <= 0x2b81f) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x2f800 && code <= 0x2fa1f)
  );
}

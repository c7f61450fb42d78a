import type { DocumentBlock } from './types';

export interface ChunkOptions {
  /** Longest chunk text in characters (a paragraph longer than this is cut at sentences). */
  maxChars?: number;
  /** How much of the previous chunk's end a chunk repeats, within the same section. */
  overlapChars?: number;
}

/** A chunk before it is stored: its place in the document, its heading path and its text. */
export interface ChunkDraft {
  ordinal: number;
  headingPath: string[];
  text: string;
}

export const DEFAULT_CHUNK_OPTIONS = { maxChars: 1200, overlapChars: 200 } as const satisfies Required<ChunkOptions>;
/** Separator of a heading path when shown as one line: "Billing › Refunds". */
export const HEADING_SEPARATOR = ' › ';

/**
 * Chunks a document: paragraphs under the same heading path are packed together up to `maxChars`;
 * a chunk that continues a section starts with the last `overlapChars` (whole sentences) of the
 * one before, so an answer that straddles the cut is still found in one piece. A new heading always
 * starts a new chunk and carries no overlap (it is a new topic). Headings are context stored with
 * each chunk, never chunks of their own.
 */
export function chunkBlocks(blocks: readonly DocumentBlock[], options: ChunkOptions = {}): ChunkDraft[] {
  const maxChars = Math.max(100, options.maxChars ?? DEFAULT_CHUNK_OPTIONS.maxChars);
  const overlapChars = Math.min(Math.floor(maxChars / 2), Math.max(0, options.overlapChars ?? DEFAULT_CHUNK_OPTIONS.overlapChars));
  const chunks: ChunkDraft[] = [];
  const headings: { level: number; text: string }[] = [];
  let parts: string[] = [];
  let carried = false; // whether `parts` holds only the overlap carried from the previous chunk

  const emit = (continues: boolean) => {
    if (parts.length > 0 && !carried) {
      const text = parts.join('\n\n');
      chunks.push({ ordinal: chunks.length, headingPath: headings.map((h) => h.text), text });
      parts = continues && overlapChars > 0 ? [tail(text, overlapChars)].filter(Boolean) : [];
      carried = parts.length > 0;
    } else if (!continues) {
      parts = [];
      carried = false;
    }
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      emit(false);
      while (headings.length > 0 && headings.at(-1)!.level >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
      continue;
    }
    for (const piece of splitLong(block.text, maxChars - overlapChars - 2)) {
      const length = parts.reduce((sum, part) => sum + part.length + 2, 0) + piece.length;
      if (parts.length > 0 && length > maxChars) emit(true);
      parts.push(piece);
      carried = false;
    }
  }
  emit(false);
  return chunks;
}

/** The end of `text`, at most `chars` long, starting at a sentence (or else a word) boundary. */
function tail(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const window = text.slice(text.length - chars);
  const sentence = /(?<=[.!?])\s+(?=\S)/.exec(window);
  if (sentence) return window.slice(sentence.index + sentence[0].length);
  const space = window.indexOf(' ');
  return space >= 0 ? window.slice(space + 1) : window;
}

/** Cuts a paragraph longer than `max` at sentence ends, and a sentence longer than `max` at words. */
function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    for (const part of sentence.length <= max ? [sentence] : splitWords(sentence, max)) {
      if (current && current.length + 1 + part.length > max) {
        pieces.push(current);
        current = part;
      } else {
        current = current ? `${current} ${part}` : part;
      }
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function splitWords(sentence: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of sentence.split(/\s+/)) {
    for (let i = 0; i < word.length; i += max) {
      const piece = word.slice(i, i + max);
      if (current && current.length + 1 + piece.length > max) {
        out.push(current);
        current = piece;
      } else {
        current = current ? `${current} ${piece}` : piece;
      }
    }
  }
  if (current) out.push(current);
  return out;
}

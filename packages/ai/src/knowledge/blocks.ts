import type { DocumentBlock } from './types';

const ATX_HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Markdown as blocks: ATX headings (`## Refunds`) and blank-line separated paragraphs. A list or
 * a fenced code block stays one paragraph; everything inline is kept as written.
 */
export function markdownBlocks(markdown: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let lines: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    const text = lines.join('\n').trim();
    lines = [];
    if (text) blocks.push({ kind: 'paragraph', text });
  };
  for (const line of normalizeNewlines(markdown).split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      lines.push(line);
      if (fenceMatch && fenceMatch[1] === fence) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      lines.push(line);
      continue;
    }
    const heading = ATX_HEADING.exec(line.trim());
    if (heading) {
      flush();
      if (heading[2]) blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2] });
    } else if (line.trim() === '') {
      flush();
    } else {
      lines.push(line);
    }
  }
  flush();
  return blocks;
}

/** Plain text as blocks: paragraphs only ("# 1" in a text file is not a heading). */
export function textBlocks(text: string): DocumentBlock[] {
  return normalizeNewlines(text)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => ({ kind: 'paragraph', text: paragraph }));
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

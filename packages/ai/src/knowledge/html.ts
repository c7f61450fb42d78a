import { NodeType, parse, type HTMLElement, type Node } from 'node-html-parser';
import type { DocumentBlock } from './types';

/** Elements whose content is never part of an article's text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'svg', 'iframe', 'button', 'form']);
/** Elements that end a paragraph: their text becomes a block of its own. */
const BLOCK_LEVEL = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tr', 'td', 'th', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'hr', 'br', 'body', 'html',
]);
const HEADING = /^h([1-6])$/;

/**
 * HTML as blocks: `<h1>`–`<h6>` become headings (so chunks keep "Billing › Refunds"), the text of
 * paragraphs, list items and table cells becomes paragraphs (list items with a "- " bullet),
 * scripts, styles and navigation are dropped. node-html-parser is lenient, so broken markup still
 * gives its text instead of an error.
 */
export function htmlBlocks(html: string): DocumentBlock[] {
  const root = parse(html, { comment: false, blockTextElements: { pre: true } });
  const blocks: DocumentBlock[] = [];
  let inline: string[] = [];
  const flush = () => {
    const text = inline.join('').replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
    inline = [];
    if (text) blocks.push({ kind: 'paragraph', text });
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      inline.push(node.text.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const element = node as HTMLElement;
    const tag = element.rawTagName?.toLowerCase() ?? '';
    if (SKIPPED.has(tag)) return;
    const heading = HEADING.exec(tag);
    if (heading) {
      flush();
      const text = element.text.replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ kind: 'heading', level: Number(heading[1]), text });
      return;
    }
    if (tag === 'pre') {
      flush();
      const text = element.text.trim();
      if (text) blocks.push({ kind: 'paragraph', text });
      return;
    }
    const isBlock = BLOCK_LEVEL.has(tag);
    if (isBlock) flush();
    if (tag === 'li') inline.push('- ');
    for (const child of element.childNodes) walk(child);
    if (isBlock) flush();
  };
  walk(root);
  flush();
  return mergeListItems(blocks);
}

/** Consecutive list items read as one list, like a Markdown list stays one paragraph. */
function mergeListItems(blocks: DocumentBlock[]): DocumentBlock[] {
  const out: DocumentBlock[] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (block.kind === 'paragraph' && block.text.startsWith('- ') && last?.kind === 'paragraph' && last.text.startsWith('- ')) {
      out[out.length - 1] = { kind: 'paragraph', text: `${last.text}\n${block.text}` };
    } else {
      out.push(block);
    }
  }
  return out;
}

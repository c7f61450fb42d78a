/**
 * How deeply an HTML document nests its elements, found by a single linear scan over the tags
 * (no parse tree): the input limit that keeps a document of 100,000 nested `<div>`s away from
 * the parser and the recursive walk in ./html.ts. Elements whose end tag may be left out (`<p>`,
 * `<li>`, table cells…) and void elements (`<br>`) are not counted, so ordinary sloppy HTML
 * does not add up to a false depth.
 */

/** Deeper documents are refused; real articles stay far below (a CMS page nests ~30 deep). */
export const MAX_HTML_DEPTH = 256;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const OPTIONAL_END = new Set([
  'html', 'head', 'body', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp',
]);
/** Their content is text, not tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

const TAG_NAME = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/;

/** The deepest nesting of counted elements; stops early once `limit` is passed. */
export function htmlNestingDepth(html: string, limit = Infinity): number {
  const lower = html.toLowerCase();
  let depth = 0;
  let deepest = 0;
  let at = html.indexOf('<');
  while (at >= 0 && deepest <= limit) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      if (end < 0) break;
      at = html.indexOf('<', end + 3);
      continue;
    }
    // Each '<' looks for the next '>' once and the scan moves past it: linear in the input.
    const close = html.indexOf('>', at + 1);
    if (close < 0) break;
    const tag = TAG_NAME.exec(html.slice(at, Math.min(close + 1, at + 64)));
    let next = close + 1;
    if (tag) {
      const name = tag[2]!.toLowerCase();
      const closing = tag[1] === '/';
      const selfClosing = html[close - 1] === '/';
      if (!VOID.has(name) && !OPTIONAL_END.has(name) && !selfClosing) {
        if (closing) depth = Math.max(0, depth - 1);
        else deepest = Math.max(deepest, ++depth);
      }
      if (!closing && RAW_TEXT.has(name)) {
        const end = lower.indexOf(`</${name}`, next);
        if (end < 0) break;
        next = end;
      }
    }
    at = html.indexOf('<', next);
  }
  return deepest;
}

/**
 * A light check of SSML (speech markup) written in a voice node: tags must be balanced and
 * well formed, and `<speak>`, if used, must wrap everything. It is not a schema check of SSML
 * element names (providers differ); the speech engine reports what it does not support.
 */

const TAG = /<(\/?)([A-Za-z][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*)\s*(\/?)>/y;

/** Whether the text uses markup at all (anything that looks like a tag). */
export function isSsml(text: string): boolean {
  return /<\/?[A-Za-z]/.test(text);
}

/** Null when the markup is well formed, else what is wrong (for the builder). */
export function ssmlError(text: string): string | null {
  const open: string[] = [];
  let speakClosedAt = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '>') return `Unexpected ">" at character ${i + 1}; write it as &gt;`;
    if (char !== '<') continue;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return 'A comment <!-- is never closed with -->';
      i = end + 2;
      continue;
    }
    TAG.lastIndex = i;
    const match = TAG.exec(text);
    if (!match) return `Malformed tag at character ${i + 1}`;
    const [whole, closing, name, , selfClosing] = match as unknown as [string, string, string, string, string];
    if (closing && selfClosing) return `Malformed tag </${name}/>`;
    if (name === 'speak' && !closing) {
      if (open.length > 0 || text.slice(0, i).trim()) return '<speak> must wrap the whole text';
    }
    if (closing) {
      const expected = open.pop();
      if (expected !== name) return expected ? `</${name}> closes <${expected}>` : `</${name}> has no opening tag`;
      if (name === 'speak') speakClosedAt = i + whole.length;
    } else if (!selfClosing) {
      open.push(name);
    }
    i += whole.length - 1;
  }
  if (open.length > 0) return `<${open[open.length - 1]}> is never closed`;
  if (speakClosedAt >= 0 && text.slice(speakClosedAt).trim()) return '<speak> must wrap the whole text';
  return null;
}

/** The words of a text with markup removed (for channels that cannot speak), spaces tidied. */
export function ssmlToText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,!?;:])/g, '$1')
    .trim();
}

import type { KnowledgeArticleInput, Passage } from './types';

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;

/**
 * Splits an article's Markdown into passages: one per paragraph (blank-line separated; a list
 * stays one paragraph), each remembering the heading it sits under. Headings are context, not
 * passages: "## Getting a refund" alone answers nothing.
 */
export function splitPassages(article: KnowledgeArticleInput): Passage[] {
  const passages: Passage[] = [];
  let heading: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join('\n').trim();
    lines = [];
    if (!text) return;
    passages.push({
      articleId: article.id,
      title: article.title,
      ...(article.url ? { url: article.url } : {}),
      ...(heading ? { heading } : {}),
      text,
    });
  };
  for (const line of article.body.replace(/\r\n?/g, '\n').split('\n')) {
    const match = HEADING.exec(line.trim());
    if (match) {
      flush();
      heading = match[1] || undefined;
    } else if (line.trim() === '') {
      flush();
    } else {
      lines.push(line);
    }
  }
  flush();
  return passages;
}

/**
 * Channel extras a bot message may carry (`meta` on `start`/`send` replies, `messagesSince` and
 * `conversations.get`): quick-reply buttons, an attachment, a spoken variant. Pure helpers shared
 * by the web chat and the inbox transcript.
 */

export interface MessageMeta {
  quickReplies?: string[];
  mediaUrl?: string;
  voiceText?: string;
  /** Knowledge articles the answer was taken from (knowledge answer and AI reply nodes). */
  citations?: { articleId: string; title: string; url?: string }[];
  /** On generated replies: which generator wrote it and how sure it was (0..1). */
  generated?: { by: string; confidence: number };
  /** On a spoken customer message: how sure the speech engine was, and a bot message talked over. */
  spoken?: { confidence: number; engine?: string; interruptedMessageId?: string };
}

/** A source to show under a message: its title, and a link only for an http(s) url. */
export interface MessageSource {
  key: string;
  title: string;
  href: string | null;
}

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|svg)$/i;

/**
 * Whether an attachment URL looks like an image we can show inline: its path (not the query or
 * fragment) ends in png, jpg, jpeg, gif, webp or svg. Anything else is offered as a link.
 */
export function isImageUrl(url: string): boolean {
  let pathname = url;
  try {
    pathname = new URL(url, 'http://localhost').pathname;
  } catch {
    pathname = url.split(/[?#]/)[0] ?? '';
  }
  return IMAGE_EXTENSIONS.test(pathname);
}

/** Only http(s) attachments are rendered (a stored URL is data, not trusted markup). */
export function safeMediaUrl(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A rating question's buttons are exactly "1", "2", … "N" (what the CSAT node sends): returns N
 * (2–10), or null for ordinary quick replies, which are shown as chips instead of a rating row.
 */
export function ratingScale(options: readonly string[]): number | null {
  if (options.length < 2 || options.length > 10) return null;
  return options.every((option, index) => option.trim() === String(index + 1)) ? options.length : null;
}

/** The quick replies a meta object offers, cleaned (no blanks, no duplicates). */
export function quickRepliesOf(meta: MessageMeta | null | undefined): string[] {
  const options = meta?.quickReplies ?? [];
  const seen = new Set<string>();
  const result: string[] = [];
  for (const option of options) {
    if (typeof option !== 'string') continue;
    const text = option.trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    result.push(text);
  }
  return result;
}

/** The sources a meta object cites, cleaned: titled, one per article, links only when safe. */
export function sourcesOf(meta: MessageMeta | null | undefined): MessageSource[] {
  const citations = Array.isArray(meta?.citations) ? meta.citations : [];
  const seen = new Set<string>();
  const result: MessageSource[] = [];
  for (const citation of citations) {
    const title = typeof citation?.title === 'string' ? citation.title.trim() : '';
    const key = typeof citation?.articleId === 'string' && citation.articleId ? citation.articleId : title;
    if (!title || seen.has(key)) continue;
    seen.add(key);
    result.push({ key, title, href: safeMediaUrl(citation.url) });
  }
  return result;
}

/**
 * "quoted from the help center, 74% sure" (the offline extractive generator, which writes nothing
 * of its own) or "written by openai:gpt-4o-mini, 91% sure" for generated replies (what the agent
 * should know); null otherwise.
 */
export function generatedLabel(meta: MessageMeta | null | undefined): string | null {
  const generated = meta?.generated;
  if (!generated || typeof generated.by !== 'string' || !generated.by) return null;
  const who = isQuoted(meta) ? 'quoted from the help center' : `written by ${generated.by}`;
  const confidence = Number(generated.confidence);
  return Number.isFinite(confidence) ? `${who}, ${Math.round(confidence * 100)}% sure` : who;
}

/** True for replies of the extractive generator: the help center's own words, no model. */
export function isQuoted(meta: MessageMeta | null | undefined): boolean {
  return meta?.generated?.by === 'extractive';
}

/** "transcribed, 92% confidence" under a spoken customer message; null when it was typed. */
export function transcribedLabel(meta: MessageMeta | null | undefined): string | null {
  const confidence = Number(meta?.spoken?.confidence);
  if (!meta?.spoken || !Number.isFinite(confidence)) return null;
  const interrupted = meta.spoken.interruptedMessageId ? ' · interrupted the bot' : '';
  return `transcribed, ${Math.round(confidence * 100)}% confidence${interrupted}`;
}

import type { OutboundText } from "./output";

/**
 * "Reply 1, 2 or 3": the hint under numbered options on channels without buttons, where the
 * customer answers with the number (pickOption maps it back to the option).
 */
export function replyHint(count: number): string {
  if (count <= 1) return "Reply 1.";
  const numbers = Array.from({ length: count }, (_, index) => String(index + 1));
  return `Reply ${numbers.slice(0, -1).join(", ")} or ${numbers.at(-1)}.`;
}

/** One message as plain text: the words, its options numbered with the hint, its sources' links. */
export function plainText(message: OutboundText): string {
  const blocks = [message.text.trim()];
  const options = message.quickReplies ?? [];
  if (options.length > 0) blocks.push(options.map((option, index) => `${index + 1}. ${option}`).join("\n") + `\n${replyHint(options.length)}`);
  const sources = (message.citations ?? []).filter((source) => source.url);
  if (sources.length > 0) blocks.push(sources.map((source) => `${source.title}: ${source.url}`).join("\n"));
  return blocks.filter(Boolean).join("\n\n");
}

/**
 * Text cut into parts of at most `limit` characters, at the last paragraph break, else line
 * break, else sentence end, else space before the limit (a word is cut only when it alone is
 * longer). Surrogate pairs are never split.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while ([...rest].length > limit) {
    const window = [...rest].slice(0, limit).join("");
    const cut = bestCut(window);
    parts.push(window.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function bestCut(window: string): number {
  const floor = Math.floor(window.length / 2);
  for (const pattern of [/\n\n/g, /\n/g, /[.!?]\s/g, /\s/g]) {
    let last = -1;
    for (const match of window.matchAll(pattern)) last = match.index + match[0].length;
    if (last >= floor) return last;
  }
  return window.length;
}

/**
 * What a flow says to a customer, channel-free: the bot's or agent's words, the options it offers
 * (quick replies) and the articles an answer was taken from. Each channel renders this its own
 * way (buttons on the widget, a numbered list in an email) and maps the customer's answer back.
 */
export interface OutboundText {
  text: string;
  quickReplies?: readonly string[];
  citations?: readonly { title: string; url?: string }[];
}

/** The options of a message's meta, cleaned: strings, trimmed, no blanks or duplicates. */
export function cleanOptions(options: readonly unknown[] | undefined): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const option of options ?? []) {
    if (typeof option !== "string") continue;
    const text = option.trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    result.push(text);
  }
  return result;
}

/** A stored message (text + meta JSON) as channel output. */
export function outboundTextOf(message: { text: string; meta: unknown }): OutboundText {
  const meta = (message.meta && typeof message.meta === "object" ? message.meta : {}) as { quickReplies?: unknown[]; citations?: unknown[] };
  const citations = (Array.isArray(meta.citations) ? meta.citations : []).flatMap((citation) => {
    const { title, url } = (citation ?? {}) as { title?: unknown; url?: unknown };
    return typeof title === "string" && title.trim() ? [{ title: title.trim(), ...(typeof url === "string" ? { url } : {}) }] : [];
  });
  return { text: message.text, quickReplies: cleanOptions(meta.quickReplies), citations };
}

/**
 * The option a customer's answer picks on a channel without buttons: its number ("2", "2.",
 * "#2") or its label (case and surrounding punctuation ignored). Anything else is free text: null.
 */
export function pickOption(answer: string, options: readonly string[]): string | null {
  const text = answer.trim();
  const number = /^#?(\d{1,2})[.)]?$/.exec(text);
  if (number) return options[Number(number[1]) - 1] ?? null;
  const folded = fold(text);
  return options.find((option) => fold(option) === folded) ?? null;
}

const fold = (text: string) => text.toLocaleLowerCase().replace(/^[\s"'«»“”]+|[\s"'«»“”.!?]+$/g, "");

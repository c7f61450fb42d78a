import type { OutboundText } from "../output";

/** One email: the plain-text part and the HTML part of the same words. */
export interface RenderedEmail {
  text: string;
  html: string;
}

/** Shown under a numbered list: mail has no buttons, so the customer answers in words. */
export const OPTIONS_HINT = "Reply with the number or the words of your choice.";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Only http(s) links are rendered as links (a stored URL is data, not markup). */
function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Paragraphs on blank lines, line breaks kept. */
const paragraphsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim())
    .map((paragraph) => `<p style="margin:0 0 12px">${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");

/**
 * One turn's messages as one email (HTML + plain text): each message a block, its quick replies
 * a numbered list the customer answers with a number or a label (see pickOption), its sources
 * as links. The HTML is inline-styled: mail clients drop stylesheets.
 */
export function renderEmail(messages: readonly OutboundText[]): RenderedEmail {
  const text: string[] = [];
  const html: string[] = [];
  for (const message of messages) {
    text.push(message.text.trim());
    html.push(paragraphsHtml(message.text.trim()));
    const options = message.quickReplies ?? [];
    if (options.length > 0) {
      text.push(options.map((option, index) => `${index + 1}. ${option}`).join("\n") + `\n\n${OPTIONS_HINT}`);
      html.push(
        `<ol style="margin:0 0 12px;padding-left:24px">${options.map((option) => `<li>${escapeHtml(option)}</li>`).join("")}</ol>` +
          `<p style="margin:0 0 12px;color:#555;font-size:13px">${escapeHtml(OPTIONS_HINT)}</p>`,
      );
    }
    const sources = message.citations ?? [];
    if (sources.length > 0) {
      text.push("Sources:\n" + sources.map((source) => `- ${source.title}${safeUrl(source.url) ? ` <${safeUrl(source.url)}>` : ""}`).join("\n"));
      const items = sources.map((source) => {
        const href = safeUrl(source.url);
        return `<li>${href ? `<a href="${escapeHtml(href)}">${escapeHtml(source.title)}</a>` : escapeHtml(source.title)}</li>`;
      });
      html.push(`<p style="margin:0 0 4px;color:#555;font-size:13px">Sources:</p><ul style="margin:0 0 12px;padding-left:24px;font-size:13px">${items.join("")}</ul>`);
    }
  }
  return {
    text: text.filter(Boolean).join("\n\n") + "\n",
    html: `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:15px;line-height:1.5;color:#111">${html.join("")}</body></html>`,
  };
}

/** "Re: " once, whatever the customer's client put in front already. */
export function replySubject(subject: string | null | undefined): string {
  const base = (subject ?? "").trim();
  if (!base) return "Re: your message";
  return /^re:/i.test(base) ? base : `Re: ${base}`;
}

import type { OutboundText } from "../output";
import { plainText, splitText } from "../text-parts";

/** Meta's limits (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages). */
export const WHATSAPP_LIMITS = { text: 4096, buttonBody: 1024, buttons: 3, buttonTitle: 20, listRows: 10, rowTitle: 24, rowDescription: 72 } as const;

/** The body of one Cloud API message, without `to` and `messaging_product`. */
export type WhatsappPayload =
  | { type: "text"; text: { body: string; preview_url: boolean } }
  | { type: "interactive"; interactive: Record<string, unknown> }
  | { type: "template"; template: { name: string; language: { code: string } } };

/** A button's or row's id names the option by its number, which pickOption maps back. */
export const optionId = (index: number) => `option-${index + 1}`;
/** The number a tapped button or row stands for ("2"), or null for an id that is not ours. */
export const optionNumberOf = (id: string) => /^option-(\d{1,2})$/.exec(id)?.[1] ?? null;

const text = (body: string): WhatsappPayload => ({ type: "text", text: { body, preview_url: false } });
const clip = (value: string, max: number) => ([...value].length > max ? [...value].slice(0, max - 1).join("") + "…" : value);

/**
 * One flow message as Cloud API messages: up to three short options as reply buttons, up to ten
 * as a list, more as a numbered text; long text is cut at 4096 characters (1024 for a button
 * message's body, the earlier parts sent as text first).
 */
export function renderWhatsapp(message: OutboundText): WhatsappPayload[] {
  const options = message.quickReplies ?? [];
  const buttons = options.length > 0 && options.length <= WHATSAPP_LIMITS.buttons && options.every((option) => [...option].length <= WHATSAPP_LIMITS.buttonTitle);
  const list = !buttons && options.length > 0 && options.length <= WHATSAPP_LIMITS.listRows;
  if (!buttons && !list) return splitText(plainText(message), WHATSAPP_LIMITS.text).map(text);
  const words = plainText({ ...message, quickReplies: [] }) || "Choose one:";
  const parts = splitText(words, buttons ? WHATSAPP_LIMITS.buttonBody : WHATSAPP_LIMITS.text);
  const body = { text: parts.pop()! };
  const interactive = buttons
    ? { type: "button", body, action: { buttons: options.map((option, index) => ({ type: "reply", reply: { id: optionId(index), title: option } })) } }
    : {
        type: "list",
        body,
        action: {
          button: "Choose",
          sections: [
            {
              title: "Options",
              rows: options.map((option, index) => ({
                id: optionId(index),
                title: clip(option, WHATSAPP_LIMITS.rowTitle),
                ...([...option].length > WHATSAPP_LIMITS.rowTitle ? { description: clip(option, WHATSAPP_LIMITS.rowDescription) } : {}),
              })),
            },
          ],
        },
      };
  return [...parts.map(text), { type: "interactive", interactive }];
}

/** The approved template sent outside the 24-hour window. */
export const templatePayload = (template: { name: string; language: string }): WhatsappPayload => ({ type: "template", template: { name: template.name, language: { code: template.language } } });

import { describe, expect, it } from "vitest";
import { parseWhatsappWebhook, renderWhatsapp, verifyWhatsappSignature, whatsappSignature, WhatsappWebhookError, whatsappVerification } from ".";

describe("WhatsApp Cloud API", () => {
  it("checks X-Hub-Signature-256 and the subscription handshake", () => {
    const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
    const signature = whatsappSignature("secret", body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWhatsappSignature("secret", body, signature)).toBe(true);
    expect(verifyWhatsappSignature("secret", Buffer.concat([body, Buffer.from(" ")]), signature)).toBe(false);
    expect(verifyWhatsappSignature("other", body, signature)).toBe(false);
    expect(verifyWhatsappSignature("secret", body, undefined)).toBe(false);
    const query = (token: string) => new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "42" });
    expect(whatsappVerification(query("token-of-sixteen"), "token-of-sixteen")).toBe("42");
    expect(whatsappVerification(query("nope"), "token-of-sixteen")).toBeNull();
    expect(whatsappVerification(query("token-of-sixteen"), null)).toBeNull();
  });

  it("reads messages, taps, media and statuses", () => {
    const value = {
      metadata: { phone_number_id: "123456" },
      contacts: [{ wa_id: "447700900123", profile: { name: "Grace" } }],
      messages: [
        { from: "447700900123", id: "wamid.1", type: "text", text: { body: " hello " } },
        { from: "447700900123", id: "wamid.2", type: "interactive", interactive: { type: "list_reply", list_reply: { id: "option-2", title: "Shipping" } } },
        { from: "447700900123", id: "wamid.3", type: "document", document: { id: "9", mime_type: "application/pdf", filename: "invoice.pdf" } },
      ],
      statuses: [{ id: "wamid.9", status: "failed", errors: [{ code: 131047, title: "Re-engagement message" }] }],
    };
    const parsed = parseWhatsappWebhook({ object: "whatsapp_business_account", entry: [{ changes: [{ field: "messages", value }] }] });
    expect(parsed.phoneNumberIds).toEqual(["123456"]);
    expect(parsed.messages.map((message) => [message.phone, message.name, message.text, message.choice?.id ?? null, message.media?.fileName ?? null])).toEqual([
      ["+447700900123", "Grace", "hello", null, null],
      ["+447700900123", "Grace", "Shipping", "option-2", null],
      ["+447700900123", "Grace", "", null, "invoice.pdf"],
    ]);
    expect(parsed.statuses).toEqual([{ id: "wamid.9", status: "failed", error: "131047 Re-engagement message" }]);
    expect(() => parseWhatsappWebhook({ object: "page", entry: [] })).toThrow(WhatsappWebhookError);
  });

  it("renders short options as buttons, more as a list, many as numbered text", () => {
    expect(renderWhatsapp({ text: "Pick", quickReplies: ["A", "B"] })).toMatchObject([{ type: "interactive", interactive: { type: "button", body: { text: "Pick" } } }]);
    const list = renderWhatsapp({ text: "Pick", quickReplies: ["A", "B", "C", "A much longer option than a button allows"] });
    expect(list).toMatchObject([{ type: "interactive", interactive: { type: "list" } }]);
    const rows = (list[0] as unknown as { interactive: { action: { sections: { rows: { id: string; title: string }[] }[] } } }).interactive.action.sections[0]!.rows;
    expect(rows.map((row) => row.id)).toEqual(["option-1", "option-2", "option-3", "option-4"]);
    expect(rows.every((row) => [...row.title].length <= 24)).toBe(true);
    const many = renderWhatsapp({ text: "Pick", quickReplies: Array.from({ length: 11 }, (_, index) => `Option ${index + 1}`) });
    expect(many).toHaveLength(1);
    expect(many[0]).toMatchObject({ type: "text" });
    expect(renderWhatsapp({ text: "x".repeat(5000) }).map((payload) => (payload.type === "text" ? payload.text.body.length : 0))).toEqual([4096, 904]);
  });
});

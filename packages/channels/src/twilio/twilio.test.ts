import { describe, expect, it } from "vitest";
import { parseTwilioWebhook, twilioSignature, TwilioWebhookError, verifyTwilioSignature } from ".";

describe("Twilio webhooks", () => {
  // The worked example of https://www.twilio.com/docs/usage/security (auth token 12345).
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = new URLSearchParams({ CallSid: "CA1234567890ABCDE", Caller: "+14158675310", Digits: "1234", From: "+14158675310", To: "+18005551212" });

  it("signs as Twilio documents and verifies in constant time", () => {
    expect(twilioSignature("12345", url, params)).toBe("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    expect(verifyTwilioSignature("12345", url, params, "GvWf1cFY/Q7PnoempGyD5oXAezc=")).toBe(true);
    expect(verifyTwilioSignature("12345", url.replace("https", "http"), params, "GvWf1cFY/Q7PnoempGyD5oXAezc=")).toBe(false);
    expect(verifyTwilioSignature("12346", url, params, "GvWf1cFY/Q7PnoempGyD5oXAezc=")).toBe(false);
    expect(verifyTwilioSignature("12345", url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature("12345", url, params, "short")).toBe(false);
  });

  const sid = `SM${"0".repeat(32)}`;
  it("reads messages with media and status callbacks", () => {
    const message = parseTwilioWebhook(new URLSearchParams({ MessageSid: sid, From: "whatsapp:+14155550111", To: "whatsapp:+14155550100", Body: " hi ", NumMedia: "1", MediaUrl0: "https://api.twilio.com/m", MediaContentType0: "image/png", ProfileName: "Ada" }));
    expect(message).toEqual({ type: "message", messageSid: sid, from: "whatsapp:+14155550111", to: "whatsapp:+14155550100", body: "hi", media: [{ url: "https://api.twilio.com/m", contentType: "image/png" }], profileName: "Ada" });
    expect(parseTwilioWebhook(new URLSearchParams({ MessageSid: sid, MessageStatus: "undelivered", ErrorCode: "30003" }))).toEqual({ type: "status", messageSid: sid, status: "failed", errorCode: "30003" });
    expect(parseTwilioWebhook(new URLSearchParams({ MessageSid: sid, MessageStatus: "queued" }))).toMatchObject({ type: "status", status: null });
  });

  it("refuses what is not Twilio's", () => {
    const bads: Record<string, string>[] = [{ Body: "x" }, { MessageSid: sid, From: "me", Body: "x" }, { MessageSid: sid, From: "+14155550111", NumMedia: "11" }, { MessageSid: sid, From: "+14155550111", NumMedia: "1" }, { MessageSid: sid, MessageStatus: "exploded" }];
    for (const bad of bads) {
      expect(() => parseTwilioWebhook(new URLSearchParams(bad))).toThrow(TwilioWebhookError);
    }
  });
});

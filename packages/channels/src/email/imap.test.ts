import { describe, expect, it } from "vitest";
import { emailConfigSchema } from "./config";
import { describeImapError, ImapError } from "./imap";

const settings = { host: "imap.example.com", port: 993, tls: true, user: "support@example.com", mailbox: "INBOX", pollSeconds: 60 };
const failure = (fields: Record<string, unknown>, message = "Command failed") => Object.assign(new Error(message), fields);

describe("describeImapError", () => {
  it.each([
    [failure({ authenticationFailed: true, responseText: "Invalid credentials" }), "auth", "imap.example.com:993 refused the user name or password for support@example.com (Invalid credentials)"],
    [failure({ mailboxMissing: true }), "mailbox", 'imap.example.com:993 has no mailbox "INBOX"'],
    [failure({ code: "ECONNREFUSED" }, "connect ECONNREFUSED"), "connection", "nothing answers at imap.example.com:993 (connection refused)"],
    [failure({ code: "ENOTFOUND" }), "connection", "the host imap.example.com is not known"],
    [failure({ code: "ETIMEOUT" }), "connection", "imap.example.com:993 did not answer in time"],
    [failure({ code: "ERR_SSL_WRONG_VERSION_NUMBER" }, "wrong version number"), "connection", 'TLS with imap.example.com:993 failed: wrong version number (is "TLS" right for this port?)'],
  ])("names the cause in an admin's words (%#)", (err, reason, message) => {
    const described = describeImapError(err, settings);
    expect(described).toBeInstanceOf(ImapError);
    expect({ reason: described.reason, message: described.message }).toEqual({ reason, message });
  });
});

describe("email channel config", () => {
  it("reads a channel saved before IMAP existed as SMTP inbound, and fills the IMAP defaults", () => {
    expect(emailConfigSchema.parse({ address: "support@example.com" })).toMatchObject({ inbound: "smtp", imap: null });
    expect(emailConfigSchema.parse({ inbound: "imap", imap: { host: "imap.example.com", user: "u" } }).imap).toEqual({ host: "imap.example.com", port: 993, tls: true, user: "u", mailbox: "INBOX", pollSeconds: 60 });
    expect(emailConfigSchema.safeParse({ inbound: "imap", imap: { host: "h", user: "u", pollSeconds: 5 } }).error?.issues[0]?.message).toBe("poll at most every 10 seconds");
  });
});

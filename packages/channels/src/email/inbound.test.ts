import { describe, expect, it } from "vitest";
import { InboundEmailError, parseInboundEmail, stripReply } from "./inbound";
import { messageIdsOf, publicIdOfRecipient } from "./addresses";

const mime = (headers: string, body: string) => Buffer.from(`${headers.trim().replace(/\n/g, "\r\n")}\r\n\r\n${body.replace(/\n/g, "\r\n")}`);

describe("parseInboundEmail", () => {
  it("reads the sender, threading ids nearest first, the new text without quote or signature, and attachments", async () => {
    const raw = mime(
      `From: "Ada Lovelace" <Ada@Customer.test>
To: support@shop.test
Subject: Re: Help
Message-ID: <second@customer.test>
In-Reply-To: <ours@shop.test>
References: <first@customer.test> <ours@shop.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"`,
      `--b1
Content-Type: text/plain; charset=utf-8

Shipping, please.

Thanks,
--
Ada

On Mon, Dec 7, 2026 at 10:00 AM Support <support@shop.test> wrote:
> Is it about billing or shipping?
--b1
Content-Type: application/pdf; name="invoice.pdf"
Content-Disposition: attachment; filename="invoice.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--b1--
`,
    );
    const email = await parseInboundEmail(raw);
    expect(email.from).toEqual({ address: "ada@customer.test", name: "Ada Lovelace" });
    expect(email.messageId).toBe("second@customer.test");
    expect(email.replyTo).toEqual(["ours@shop.test", "first@customer.test"]);
    expect(email.text).toBe("Shipping, please.\n\nThanks,");
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]).toMatchObject({ fileName: "invoice.pdf", contentType: "application/pdf" });
    expect(email.attachments[0]!.content.toString()).toBe("%PDF-1.4\n");
    expect(email.automatic).toBe(false);
  });

  it("drops attachments over the limit and says so in the text", async () => {
    const raw = mime(
      `From: a@customer.test
Subject: big
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"`,
      `--b1
Content-Type: text/plain

Here it is.
--b1
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="huge.bin"
Content-Transfer-Encoding: base64

${Buffer.alloc(4096, 1).toString("base64")}
--b1--
`,
    );
    const email = await parseInboundEmail(raw, { maxAttachmentBytes: 1024, maxAttachments: 5 });
    expect(email.attachments).toEqual([]);
    expect(email.text).toBe("Here it is.\n\n[not kept, too large: huge.bin]");
  });

  it("refuses mail without a sender and flags automatic replies", async () => {
    await expect(parseInboundEmail(Buffer.from("this is not a mail at all\r\n"))).rejects.toBeInstanceOf(InboundEmailError);
    const auto = await parseInboundEmail(mime("From: b@customer.test\nAuto-Submitted: auto-replied\nSubject: Out of office", "I am away."));
    expect(auto.automatic).toBe(true);
    const bounce = await parseInboundEmail(mime("From: MAILER-DAEMON@customer.test\nSubject: Undelivered", "Sorry."));
    expect(bounce.automatic).toBe(true);
  });
});

describe("addresses", () => {
  it("reads Message-IDs from header values and public ids from recipients under the domain only", () => {
    expect(messageIdsOf("<a@x> <b@y>")).toEqual(["a@x", "b@y"]);
    expect(messageIdsOf(["<a@x>", "<b@y>"])).toEqual(["a@x", "b@y"]);
    expect(messageIdsOf(undefined)).toEqual([]);
    expect(publicIdOfRecipient("0123456789abcdef@In.Parley.test", "in.parley.test")).toBe("0123456789abcdef");
    expect(publicIdOfRecipient("0123456789abcdef@elsewhere.test", "in.parley.test")).toBeNull();
    expect(publicIdOfRecipient("short@in.parley.test", "in.parley.test")).toBeNull();
    expect(publicIdOfRecipient("0123456789abcdef@in.parley.test", undefined)).toBeNull();
  });

  it("strips quoted history in the common client formats", () => {
    expect(stripReply("Yes\r\n\r\n> old line\r\n> older")).toBe("Yes");
  });
});

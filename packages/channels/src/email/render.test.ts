import { describe, expect, it } from "vitest";
import { OPTIONS_HINT, renderEmail, replySubject } from "./render";

describe("renderEmail", () => {
  it("renders one turn's messages as one email: text and HTML, options numbered, sources linked", () => {
    const email = renderEmail([
      { text: "Thanks for writing.\n\nWe got it." },
      { text: "Is it about billing or shipping?", quickReplies: ["Billing", "Shipping"] },
      { text: "Refunds take 5 days.", citations: [{ title: "Refunds", url: "https://help.example.com/refunds" }, { title: "Internal", url: "javascript:alert(1)" }] },
    ]);
    expect(email.text).toBe(
      `Thanks for writing.\n\nWe got it.\n\nIs it about billing or shipping?\n\n1. Billing\n2. Shipping\n\n${OPTIONS_HINT}\n\nRefunds take 5 days.\n\nSources:\n- Refunds <https://help.example.com/refunds>\n- Internal\n`,
    );
    expect(email.html).toContain('<p style="margin:0 0 12px">Thanks for writing.</p><p style="margin:0 0 12px">We got it.</p>');
    expect(email.html).toContain("<li>Billing</li><li>Shipping</li></ol>");
    expect(email.html).toContain('<a href="https://help.example.com/refunds">Refunds</a>');
    expect(email.html).not.toContain("javascript:");
  });

  it("escapes what the flow says: stored text is data, not markup", () => {
    const email = renderEmail([{ text: `<img src=x onerror="alert(1)"> & "quotes"`, quickReplies: ["<b>A</b>"] }]);
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot;");
    expect(email.html).toContain("<li>&lt;b&gt;A&lt;/b&gt;</li>");
    expect(email.html).not.toContain("<img");
  });
});

describe("replySubject", () => {
  it("adds Re: once", () => {
    expect(replySubject("Help with my order")).toBe("Re: Help with my order");
    expect(replySubject("RE: Help")).toBe("RE: Help");
    expect(replySubject(null)).toBe("Re: your message");
  });
});

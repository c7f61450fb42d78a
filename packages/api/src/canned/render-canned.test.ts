import { describe, expect, it } from "vitest";
import { renderCanned, type CannedContext } from "./render-canned";

const context: CannedContext = {
  contact: { name: "Ada Lovelace", email: null },
  agent: { name: "Sam Agent" },
  conversation: { id: "c1" },
  variables: { order_id: "A-17", count: 3, nothing: null },
};

describe("renderCanned", () => {
  it("fills contact, agent, conversation and flow variables", () => {
    const rendered = renderCanned("Hi {{contact.name}}, {{ agent.name }} here about order {{order_id}} ({{count}}) in {{conversation.id}}.", context);
    expect(rendered).toEqual({ text: "Hi Ada Lovelace, Sam Agent here about order A-17 (3) in c1.", unknown: [] });
  });

  it("leaves placeholders without a value as written and reports each once", () => {
    const rendered = renderCanned("Mail {{contact.email}} / {{nothing}} / {{missing}} / {{missing}} / {{contact.phone}}", context);
    expect(rendered.text).toBe("Mail {{contact.email}} / {{nothing}} / {{missing}} / {{missing}} / {{contact.phone}}");
    expect(rendered.unknown).toEqual(["contact.email", "nothing", "missing", "contact.phone"]);
  });

  it("never reaches into object prototypes", () => {
    expect(renderCanned("{{constructor}} {{__proto__}}", context).unknown).toEqual(["constructor", "__proto__"]);
  });
});

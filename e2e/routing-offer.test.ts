import { beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

const e2e = e2eSession();
let flowId: string;

/** ask → hand off to Support → resolved: end. */
const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "topic", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Hi! What do you need help with?", variable: "topic" } },
    { id: "human", kind: "handoff", position: { x: 0, y: 280 }, config: { team: "Support", skills: "billing", priority: "normal", summary: "Customer asks: {{topic}}" } },
    { id: "end", kind: "end", position: { x: 0, y: 420 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "topic" },
    { id: "e2", source: "topic", sourcePort: "answered", target: "human" },
    { id: "e3", source: "human", sourcePort: "resolved", target: "end" },
    { id: "e4", source: "human", sourcePort: "returned", target: "end" },
  ],
};

beforeAll(async () => {
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Routed billing help" }));
  await api.flows.saveDraft.mutate({ id: flowId, graph });
  await api.flows.publish.mutate({ id: flowId });
  // Sam is online (the presence screen's job); the Support team's queue offers to him.
  await e2e.stack.database.db.member.updateMany({ where: { userId: e2e.stack.database.seed.agentId }, data: { presence: "online", presenceAt: new Date() } });
});

describe("routing: an offer in the inbox", () => {
  it("shows the offered agent an Accept / Decline banner and a badge; accepting assigns them", async () => {
    const chat = await e2e.newPage({ as: null });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "My invoice is wrong");
    await chat.getByTestId("chat-handoff-banner").waitFor();
    const { id } = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { flowVersion: { flowId } }, orderBy: { createdAt: "desc" } });

    const inbox = await e2e.newPage({ as: "agent" });
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox`);
    const item = inbox.getByTestId(`conversation-${id}`);
    await item.getByTestId("item-offered").waitFor();
    await expect(item.getByTestId("item-offered").textContent()).resolves.toBe("Offered to you");
    await item.click();
    const banner = inbox.getByTestId("offer-banner");
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toMatch(/Offered to you\d+ s left to accept/);
    await inbox.getByTestId("inbox-detail").getByText(/^Offered to Sam Agent \(30 s to accept\)$/).waitFor();
    await screenshot(inbox, "routing-1-offer-desktop");
    // On a phone the conversation is a page of its own, the banner under its actions.
    const phone = await e2e.newPage({ as: "agent" });
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    await phone.getByTestId("offer-banner").waitFor();
    await screenshot(phone, "routing-2-offer-phone");
    await phone.close();

    await inbox.getByTestId("offer-accept").click();
    await inbox.getByTestId("detail-assignee").getByText("Sam Agent").waitFor();
    await banner.waitFor({ state: "detached" });
    await inbox.getByTestId("inbox-detail").getByText("Sam Agent accepted the offer").waitFor();
    const offers = await e2e.stack.database.db.routingOffer.findMany({ where: { conversationId: id } });
    expect(offers.map((offer) => [offer.agentId, offer.state])).toEqual([[e2e.stack.database.seed.agentId, "accepted"]]);
    await screenshot(inbox, "routing-3-accepted");
    await chat.close();
    await inbox.close();
  });
});

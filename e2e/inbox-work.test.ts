import { beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

const e2e = e2eSession();
let flowId: string;

/** ask the order number → hand off to Support → end. */
const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "order", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Which order is it about?", variable: "order_id" } },
    { id: "human", kind: "handoff", position: { x: 0, y: 280 }, config: { team: "Support", priority: "normal", summary: "Order {{order_id}}" } },
    { id: "end", kind: "end", position: { x: 0, y: 420 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "order" },
    { id: "e2", source: "order", sourcePort: "answered", target: "human" },
    { id: "e3", source: "human", sourcePort: "resolved", target: "end" },
    { id: "e4", source: "human", sourcePort: "returned", target: "end" },
  ],
};

beforeAll(async () => {
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Order help" }));
  await api.flows.saveDraft.mutate({ id: flowId, graph });
  await api.flows.publish.mutate({ id: flowId });
  await api.labels.create.mutate({ name: "vip", color: "#7c3aed" });
  const billing = await api.labels.create.mutate({ name: "billing", color: "#0891b2" });
  const thanks = await api.cannedResponses.create.mutate({ shortcut: "thanks", title: "On it", body: "Thanks {{contact.name}}, billing is on it." });
  await api.macros.create.mutate({
    name: "Billing follow-up",
    actions: [
      { type: "addLabel", labelId: billing.id },
      { type: "cannedReply", cannedResponseId: thanks.id },
    ],
  });
  await api.cannedResponses.create.mutate({ shortcut: "order", title: "Order on its way", body: "Hi {{contact.name}}, order {{order_id}} ships today. {{tracking_url}} — {{agent.name}}" });
});

describe("working a conversation in the inbox", () => {
  it("shortcuts, labels, a canned response via /, the contact panel and the ? sheet", async () => {
    const chat = await e2e.newPage({ as: null });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "A-1234");
    await chat.getByTestId("chat-handoff-banner").waitFor();
    const { id, contactId } = await e2e.stack.database.db.conversation.findFirstOrThrow({ where: { flowVersion: { flowId } }, orderBy: { createdAt: "desc" } });
    await e2e.stack.database.db.contact.update({ where: { id: contactId }, data: { name: "Ada Lovelace" } });

    const inbox = await e2e.newPage({ as: "agent" });
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    await inbox.getByTestId("detail-contact").getByText("Ada Lovelace").waitFor();

    // `?` lists the shortcuts; Escape closes the sheet.
    await inbox.keyboard.press("?");
    await inbox.getByTestId("shortcuts-sheet").getByText("Assign to me").waitFor();
    await screenshot(inbox, "inbox-work-1-shortcuts");
    await inbox.keyboard.press("Escape");
    await inbox.getByTestId("shortcuts-sheet").waitFor({ state: "hidden" });

    // `a` assigns to me; `l` opens the labels.
    await inbox.keyboard.press("a");
    await inbox.getByTestId("detail-assignee").getByText("Sam Agent").waitFor();
    await inbox.keyboard.press("l");
    await inbox.getByTestId("label-picker").getByText("vip").click();
    // The conversation's own chip, not the picker's (open still, it shows every label's chip).
    await inbox.getByTestId("conversation-labels").locator(':scope > [data-testid="label-chip-vip"]').waitFor();
    await inbox.keyboard.press("Escape");

    // `/` in the reply box: the list, filtered; Enter inserts it filled in, the unknown placeholder pointed out.
    await inbox.getByTestId("reply-input").fill("/ord");
    await inbox.getByTestId("canned-option-order").waitFor();
    await inbox.getByTestId("reply-input").press("Enter");
    await expect.poll(() => inbox.getByTestId("reply-input").inputValue()).toBe("Hi Ada Lovelace, order A-1234 ships today. {{tracking_url}} — Sam Agent");
    await expect(inbox.getByTestId("canned-unfilled").textContent()).resolves.toBe("Not filled in: {{tracking_url}}");
    await screenshot(inbox, "inbox-work-2-canned");

    // Typing in the box is never a shortcut: `e` stays a letter (a shortcut would have swallowed it).
    await inbox.getByTestId("reply-input").fill("");
    await inbox.getByTestId("reply-input").press("e");
    await expect(inbox.getByTestId("reply-input").inputValue()).resolves.toBe("e");
    await inbox.getByTestId("reply-input").fill("");

    // A macro: the label and the reply, both applied by the server.
    await inbox.getByTestId("macro-toggle").click();
    await inbox.getByTestId("macro-Billing follow-up").click();
    await inbox.getByTestId("conversation-labels").getByTestId("label-chip-billing").waitFor();
    await inbox.getByTestId("inbox-detail").getByText("Thanks Ada Lovelace, billing is on it.").waitFor();

    // The contact panel: what the flow collected; the phone corrected in place.
    await inbox.getByTestId("contact-toggle").click();
    const panel = inbox.getByTestId("contact-panel");
    await panel.getByTestId("contact-attributes").getByText("order_id").waitFor();
    await panel.getByTestId("contact-edit").click();
    await panel.getByTestId("contact-phone-input").fill("+44 20 7946 0018");
    await panel.getByTestId("contact-save").click();
    await panel.getByTestId("contact-phone").getByText("+44 20 7946 0018").waitFor();
    await screenshot(inbox, "inbox-work-3-contact-desktop");
    const contact = await e2e.stack.database.db.contact.findUniqueOrThrow({ where: { id: contactId } });
    expect(contact.phone).toBe("+44 20 7946 0018");
    const labels = await e2e.stack.database.db.conversationLabel.findMany({ where: { conversationId: id }, include: { label: true } });
    expect(labels.map((row) => row.label.name).sort()).toEqual(["billing", "vip"]);

    // On a phone the panel is a sheet from the bottom.
    const phone = await e2e.newPage({ as: "agent" });
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    await phone.getByTestId("conversation-labels").getByTestId("label-chip-vip").waitFor();
    await screenshot(phone, "inbox-work-4-phone");
    await phone.getByTestId("contact-toggle").click();
    await phone.getByTestId("contact-panel").getByTestId("contact-attributes").waitFor();
    await screenshot(phone, "inbox-work-5-contact-phone");
    await phone.close();

    // `e` resolves.
    await inbox.locator("body").click({ position: { x: 5, y: 5 } });
    await inbox.keyboard.press("e");
    await inbox.getByTestId("inbox-detail").and(inbox.locator('[data-status="resolved"]')).waitFor();
    await chat.close();
    await inbox.close();
  });

  it("admins build a macro and keep labels in settings", async () => {
    const page = await e2e.newPage({ as: "owner" });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${e2e.stack.builderUrl}/settings/macros`);
    await page.getByTestId("macro-row-Billing follow-up").getByText("Add label billing → Send /thanks").waitFor();
    await page.getByTestId("macro-name").fill("Tag and close");
    await page.getByTestId("macro-target").selectOption({ label: "vip" });
    await page.getByTestId("macro-add-action").click();
    await page.getByTestId("macro-kind").selectOption("resolve");
    await page.getByTestId("macro-add-action").click();
    await page.getByTestId("macro-form-submit").click();
    await page.getByTestId("macro-row-Tag and close").getByText("Add label vip → Resolve").waitFor();
    await screenshot(page, "inbox-work-6-macros-settings");
    const saved = await e2e.stack.database.db.macro.findFirstOrThrow({ where: { name: "Tag and close" } });
    expect((saved.actions as { type: string }[]).map((action) => action.type)).toEqual(["addLabel", "resolve"]);

    await page.goto(`${e2e.stack.builderUrl}/settings/labels`);
    await page.getByTestId("labels").getByTestId("label-chip-vip").waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "inbox-work-7-labels-phone");
    await page.close();
  });
});

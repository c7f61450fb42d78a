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
    { id: "human", kind: "handoff", position: { x: 0, y: 280 }, config: { team: "Support", skills: "", priority: "normal", summary: "Customer asks: {{topic}}" } },
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
  ({ id: flowId } = await api.flows.create.mutate({ name: "Supervised help" }));
  await api.flows.saveDraft.mutate({ id: flowId, graph });
  await api.flows.publish.mutate({ id: flowId });
});

describe("supervisors and private notes in the inbox", () => {
  it("a supervisor whispers to the agent, who sees it; the agent mentions the supervisor in a note; the customer sees neither", async () => {
    const { db, seed } = e2e.stack.database;
    const chat = await e2e.newPage({ as: null });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "My refund never arrived");
    await chat.getByTestId("chat-handoff-banner").waitFor();
    const { id } = await db.conversation.findFirstOrThrow({ where: { flowVersion: { flowId } }, orderBy: { createdAt: "desc" } });
    // Sam Agent has it (assigned as a supervisor would from the inbox).
    const owner = await e2e.stack.api("owner");
    await owner.conversations.assign.mutate({ conversationId: id, agentId: seed.agentId, override: true });
    await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(seed.agentId);

    // --- The supervisor whispers from the conversation's Whisper tab. -----------------------
    const boss = await e2e.newPage({ as: "supervisor" });
    await boss.setViewportSize({ width: 1440, height: 900 });
    await boss.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    await boss.getByTestId("supervisor-bar").getByText(/Sam Agent has this conversation/).waitFor();
    await boss.getByTestId("composer-mode-whisper").click();
    await boss.getByRole("textbox", { name: "Whisper" }).fill("Offer the 10% voucher");
    await boss.getByRole("button", { name: "Send whisper" }).click();
    const bossWhisper = boss.locator('[data-testid^="note-"][data-kind="whisper"]');
    await bossWhisper.getByText("Offer the 10% voucher").waitFor();
    await expect(bossWhisper.getByTestId("note-tag").textContent()).resolves.toBe("Whisper to Sam Agent");
    await screenshot(boss, "supervise-1-whisper-desktop");

    // --- The agent sees the whisper in the timeline and in the bell. ----------------------------
    const agent = await e2e.newPage({ as: "agent" });
    await agent.setViewportSize({ width: 1440, height: 900 });
    await agent.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    const whisper = agent.locator('[data-testid^="note-"][data-kind="whisper"]');
    await whisper.getByText("Offer the 10% voucher").waitFor();
    await expect(whisper.getByTestId("note-tag").textContent()).resolves.toBe("Whisper to you");
    await agent.getByTestId("notifications-button").click();
    await agent.getByTestId("notifications-panel").getByTestId("notification-whisper").getByText(/whispered: Offer the 10% voucher/).waitFor();
    await agent.keyboard.press("Escape");

    // --- The agent writes a note mentioning the supervisor with @ autocomplete. ------------------
    await agent.getByTestId("composer-mode-note").click();
    const noteBox = agent.getByRole("textbox", { name: "Private note" });
    await noteBox.pressSequentially("Customer is upset, @Sue");
    await agent.getByTestId("mention-list").getByText("Sue Supervisor").waitFor();
    await screenshot(agent, "supervise-2-mention-autocomplete");
    await noteBox.press("Enter");
    await expect(noteBox.inputValue()).resolves.toBe("Customer is upset, @Sue Supervisor ");
    await noteBox.pressSequentially("can you approve?");
    await noteBox.press("Enter");
    const note = agent.locator('[data-testid^="note-"][data-kind="note"]');
    await note.getByText(/can you approve\?/).waitFor();
    await expect(note.locator("mark").textContent()).resolves.toBe("@Sue Supervisor");
    await screenshot(agent, "supervise-3-agent-whisper-and-note-desktop");
    const phone = await e2e.newPage({ as: "agent" });
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    await phone.locator('[data-testid^="note-"][data-kind="note"]').getByText(/can you approve\?/).waitFor();
    await phone.getByTestId("composer-mode-note").click();
    await screenshot(phone, "supervise-4-agent-notes-phone");
    await phone.close();

    // Exactly the supervisor was notified of the mention.
    const mentions = await db.notification.findMany({ where: { conversationId: id, level: "mention" } });
    expect(mentions.map((row) => row.recipientId)).toEqual([seed.supervisorId]);
    await boss.getByTestId("notifications-button").click();
    await boss.getByTestId("notifications-mentions").click();
    await boss.getByTestId("notifications-panel").getByTestId("notification-mention").getByText(/mentioned you: Customer is upset/).waitFor();
    await screenshot(boss, "supervise-5-mention-notification");
    await boss.keyboard.press("Escape");

    // --- The supervisor barges in; the customer's chat shows that reply, and nothing private. ---
    await boss.getByTestId("composer-mode-reply").click();
    await boss.getByTestId("composer-note").getByText(/Barge in/).waitFor();
    await boss.getByRole("textbox", { name: "Reply" }).fill("Hi, I'm Sue, the team lead. Your refund is approved.");
    await boss.getByRole("button", { name: "Send reply" }).click();
    await chat.getByTestId("chat-message-agent").getByText("Hi, I'm Sue, the team lead. Your refund is approved.").waitFor();
    const customerSees = (await chat.getByRole("log").textContent()) ?? "";
    expect(customerSees).not.toContain("voucher");
    expect(customerSees).not.toContain("Customer is upset");
    await screenshot(chat, "supervise-6-customer-chat");
    await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(seed.agentId);

    // --- The queue board shows Sam's load; the supervisor takes the conversation over. -----------
    const board = await e2e.newPage({ as: "supervisor" });
    await board.setViewportSize({ width: 1440, height: 900 });
    await board.goto(`${e2e.stack.builderUrl}/supervise`);
    const sam = board.getByTestId(`board-agent-${seed.agentId}`);
    await sam.getByTestId(`board-conversation-${id}`).waitFor();
    await board.getByTestId("board-team-Support").waitFor();
    await screenshot(board, "supervise-7-board-desktop");
    await board.setViewportSize({ width: 390, height: 844 });
    await screenshot(board, "supervise-8-board-phone");
    await board.close();

    await boss.getByTestId("take-over").click();
    await boss.getByTestId("detail-assignee").getByText("Sue Supervisor").waitFor();
    await boss.getByTestId("inbox-detail").getByText(/^Taken over by Sue Supervisor$/).waitFor();
    const actions = await db.auditEvent.findMany({ where: { targetId: id, actorId: seed.supervisorId, action: { not: "conversation.read" } }, orderBy: { at: "asc" }, select: { action: true } });
    expect(actions.map((row) => row.action)).toEqual(["conversation.whisper", "conversation.barge_in", "conversation.take_over"]);
    await chat.close();
    await boss.close();
    await agent.close();
  });
});

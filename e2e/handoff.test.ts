import { beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

const e2e = e2eSession();
let flowId: string;

/** ask topic → hand off to Support (high priority) → resolved: thanks + end | returned: ask again. */
const handoffFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    {
      id: "topic",
      kind: "ask",
      position: { x: 0, y: 140 },
      config: { question: "Hi! What do you need help with?", variable: "topic" },
    },
    {
      id: "human",
      kind: "handoff",
      position: { x: 0, y: 280 },
      config: {
        message: "Let me connect you with a teammate. They will reply here shortly.",
        team: "Support",
        skills: "billing",
        priority: "high",
        summary: "Customer asks: {{topic}}",
      },
    },
    { id: "thanks", kind: "message", position: { x: 0, y: 420 }, config: { text: "Thanks for your patience!" } },
    { id: "end", kind: "end", position: { x: 0, y: 560 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "topic" },
    { id: "e2", source: "topic", sourcePort: "answered", target: "human" },
    { id: "e3", source: "human", sourcePort: "resolved", target: "thanks" },
    { id: "e4", source: "human", sourcePort: "returned", target: "topic" },
    { id: "e5", source: "thanks", sourcePort: "next", target: "end" },
  ],
};

beforeAll(async () => {
  // Published the way an admin's builder does it: create, save the draft, publish.
  const api = await e2e.stack.api("owner");
  ({ id: flowId } = await api.flows.create.mutate({ name: "Billing help", description: "Hands billing questions to a person." }));
  const saved = await api.flows.saveDraft.mutate({ id: flowId, graph: handoffFlow });
  expect(saved.issues.filter((issue) => issue.severity === "error")).toEqual([]);
  await api.flows.publish.mutate({ id: flowId });
  // Sam works Billing's queue too (Settings → Teams): he takes the conversation he transfers there.
  const billing = (await api.teams.names.query()).find((team) => team.name === "Billing")!;
  await api.teams.addMember.mutate({ teamId: billing.id, userId: e2e.stack.database.seed.agentId });
});

describe("handoff to a human, from the web chat to the inbox and back", () => {
  it("hands the customer to an agent who replies and resolves, both sides live", async () => {
    // --- The customer asks; the flow hands the conversation to a person. ---------------------
    const chat = await e2e.newPage();
    // Agents' replies are pushed to the web chat: its poll (conversations.messagesSince) must never run.
    const polls: string[] = [];
    const streams: string[] = [];
    chat.on("request", (request) => {
      if (request.url().includes("/trpc/conversations.messagesSince")) polls.push(request.url());
      if (request.url().includes("/trpc/conversations.stream")) streams.push(request.url());
    });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    const log = chat.getByRole("log");
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "I was charged twice this month");
    await log.getByText("Let me connect you with a teammate. They will reply here shortly.").waitFor();
    await chat.getByTestId("chat-handoff-banner").waitFor();
    await expect(chat.getByTestId("chat-handoff-banner").textContent()).resolves.toContain("A teammate will reply here");
    await expect(chat.getByTestId("chat-ended").count()).resolves.toBe(0);
    await screenshot(chat, "handoff-1-chat-handed-off");

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({
      where: { flowVersion: { flowId } },
      orderBy: { createdAt: "desc" },
    });
    const id = conversation.id;

    // --- The agent (signed in as Sam Agent) finds it in the queue of conversations waiting for a person.
    const inbox = await e2e.newPage({ as: "agent" });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox`);
    await inbox.getByTestId("filter-handoff").click();
    const item = inbox.getByTestId(`conversation-${id}`);
    await item.waitFor();
    await expect(item.getAttribute("data-status")).resolves.toBe("handoff");
    await expect(item.getAttribute("data-priority")).resolves.toBe("high");
    await expect(item.getByTestId("item-team").textContent()).resolves.toBe("Support");
    await expect(item.getByTestId("item-assignee").textContent()).resolves.toBe("Unassigned");
    await expect(inbox.getByTestId("handoff-count").textContent()).resolves.toBe("1");
    // The inbox works as the signed-in person; an agent takes conversations, never assigns others.
    await expect(inbox.getByTestId("user-name").textContent()).resolves.toBe("Sam Agent");
    await screenshot(inbox, "handoff-2-inbox-waiting-for-a-person");

    // The bell says Support has a conversation waiting; opening the item opens the conversation.
    await expect.poll(() => inbox.getByTestId("notifications-unread").textContent()).toBe("1");
    await inbox.getByRole("button", { name: "Notifications, 1 unread" }).click();
    const queued = inbox.getByRole("dialog", { name: "Notifications" }).getByTestId("notification-queued");
    await expect(queued.textContent()).resolves.toContain("Waiting · Support");
    await expect(queued.textContent()).resolves.toContain("Customer asks: I was charged twice this month");
    await screenshot(inbox, "handoff-2b-inbox-notification");
    await queued.click();
    await inbox.waitForURL(`**/inbox/${id}`);
    await inbox.getByTestId("notifications-unread").waitFor({ state: "detached" });
    await inbox.getByRole("button", { name: "Notifications", exact: true }).waitFor();

    const detail = inbox.getByTestId("inbox-detail");
    await detail.waitFor();
    await detail.getByText("Handed off to Support (high priority): Customer asks: I was charged twice this month").waitFor();
    await expect(detail.getAttribute("data-status")).resolves.toBe("handoff");
    await expect(inbox.getByTestId("detail-team").textContent()).resolves.toBe("Support");
    await expect(inbox.getByTestId("detail-assignee").textContent()).resolves.toBe("Unassigned");
    await expect(inbox.getByTestId("detail-handed-off").textContent()).resolves.toMatch(/just now|min ago/);
    await screenshot(inbox, "handoff-3-inbox-conversation-open");
    // The agent's summary is a note of bullet lines, shown as lines (not one centred run of text).
    const summaryNote = detail.locator('[data-author="system"]', { hasText: "Summary for the agent" });
    await expect(summaryNote.getAttribute("data-multiline")).resolves.toBe("true");
    await expect(summaryNote.innerText()).resolves.toMatch(/\n• Wants: "I was charged twice this month"\n/);
    await inbox.setViewportSize({ width: 1440, height: 900 });
    await summaryNote.scrollIntoViewIfNeeded();
    await screenshot(inbox, "handoff-3b-inbox-summary-desktop");
    await inbox.setViewportSize({ width: 390, height: 844 });
    await summaryNote.scrollIntoViewIfNeeded();
    await screenshot(inbox, "handoff-3c-inbox-summary-phone");
    await inbox.setViewportSize({ width: 1360, height: 860 });

    // --- Transfer to Billing (it stays unassigned in Billing's queue), then take it. --------
    await inbox.getByRole("button", { name: "Transfer" }).click();
    await inbox.getByRole("dialog", { name: "Transfer to another team" }).waitFor();
    await inbox.getByRole("group", { name: "Suggested teams" }).getByRole("button", { name: "Billing" }).click();
    await screenshot(inbox, "handoff-4-inbox-transfer");
    await inbox.getByTestId("transfer-submit").click();
    await inbox.getByTestId("detail-team").getByText("Billing").waitFor();
    await item.getByTestId("item-team").getByText("Billing").waitFor();

    await inbox.getByRole("button", { name: "Assign to me" }).click();
    await inbox.getByTestId("detail-assignee").getByText("Sam Agent").waitFor();
    await inbox.getByRole("button", { name: "Unassign" }).waitFor();
    await item.getByRole("img", { name: "Assigned to Sam Agent" }).waitFor();
    await expect.poll(async () => (await e2e.stack.database.db.conversation.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(
      e2e.stack.database.seed.agentId,
    );

    // --- `r` jumps to the reply box; Enter sends. -------------------------------------------
    await inbox.getByTestId("transcript").click();
    await inbox.keyboard.press("r");
    const reply = inbox.getByRole("textbox", { name: "Reply" });
    await expect(reply.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    await reply.fill("Hi, I'm Sam from Billing. I've refunded the duplicate charge.");
    await reply.press("Enter");
    await expect(reply.inputValue()).resolves.toBe("");
    const agentMessage = inbox.locator('[data-testid^="message-"][data-author="agent"]');
    await agentMessage.getByText("Hi, I'm Sam from Billing. I've refunded the duplicate charge.").waitFor();
    await expect(agentMessage.first().textContent()).resolves.toContain("Sam Agent");
    await expect(inbox.getByTestId("pending-reply").count()).resolves.toBe(0);
    await screenshot(inbox, "handoff-5-inbox-assigned-and-replied");

    // --- The customer sees the reply without reloading, and answers. -------------------------
    const agentInChat = chat.getByTestId("chat-message-agent");
    await agentInChat.getByText("Hi, I'm Sam from Billing. I've refunded the duplicate charge.").waitFor();
    await expect(agentInChat.first().textContent()).resolves.toContain("Sam Agent");
    // It came down the conversation's stream, not by polling.
    expect(polls).toEqual([]);
    expect(streams.length).toBeGreaterThan(0);
    await sendChatMessage(chat, "Great, thank you!");
    await detail.getByText("Great, thank you!").waitFor();
    // The stream brings the stored copy of the customer's own message back: it is shown once.
    await chat.waitForTimeout(2000);
    await expect(log.getByText("Great, thank you!").count()).resolves.toBe(1);
    await screenshot(chat, "handoff-6-chat-agent-reply");

    // --- The agent resolves; the flow thanks the customer and ends. --------------------------
    await inbox.getByRole("button", { name: "Resolve", exact: true }).click();
    await inbox.locator('[data-testid="inbox-detail"][data-status="resolved"]').waitFor();
    await expect(reply.isDisabled()).resolves.toBe(true);
    await expect(inbox.getByTestId("conversation-actions").count()).resolves.toBe(0);
    await detail.getByText("Thanks for your patience!").waitFor();

    await log.getByText("Thanks for your patience!").waitFor();
    await chat.getByTestId("chat-ended").waitFor();
    await expect(chat.getByTestId("chat-handoff-banner").count()).resolves.toBe(0);
    await screenshot(chat, "handoff-7-chat-ended");

    // The open conversation left the "Waiting" list; "Resolved" has it.
    await item.waitFor({ state: "detached" });
    await inbox.getByTestId("filter-resolved").click();
    await inbox.locator(`[data-testid="conversation-${id}"][data-status="resolved"]`).waitFor();
    await expect(inbox.getByTestId("handoff-count").textContent()).resolves.toBe("0");
    await screenshot(inbox, "handoff-8-inbox-resolved");

    const recorded = await e2e.stack.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    // Support's queue (and Billing's, if its pass came before Sam took it) said that nobody could
    // take it (the seeded agents are offline); that races the people, so those notes are checked apart.
    const queueNotes = recorded.filter((message) => message.author === "system" && message.text.startsWith("No agent is available"));
    expect(queueNotes.length).toBeGreaterThanOrEqual(1);
    expect(queueNotes.length).toBeLessThanOrEqual(2);
    const stored = recorded.filter((message) => !queueNotes.includes(message));
    expect(stored.map((message) => [message.author, message.text])).toEqual([
      ["bot", "Hi! What do you need help with?"],
      ["contact", "I was charged twice this month"],
      ["bot", "Let me connect you with a teammate. They will reply here shortly."],
      ["system", "Handed off to Support (high priority): Customer asks: I was charged twice this month"],
      // The summary the handoff writes for the agent (extractive without an OpenAI key).
      ["system", expect.stringMatching(/^Summary for the agent \(extractive\):\n• Wants: "I was charged twice this month"/)],
      // The inbox keeps an activity trail of who moved the conversation (agents only).
      ["system", "Transferred to Billing · Unassigned"],
      ["system", "Assigned to Sam Agent"],
      ["agent", "Hi, I'm Sam from Billing. I've refunded the duplicate charge."],
      ["contact", "Great, thank you!"],
      ["bot", "Thanks for your patience!"],
    ]);
    // The chat showed every customer-facing message exactly once, and no internal note.
    await expect(log.locator('[data-testid^="chat-message-"]').count()).resolves.toBe(6);
    await chat.close();
    await inbox.close();
  });

  it("an admin assigns the conversation to an agent and hands it back to the bot, which asks again", async () => {
    const chat = await e2e.newPage();
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    const log = chat.getByRole("log");
    await chat.getByTestId("chat-welcome").waitFor();
    await sendChatMessage(chat, "Something odd with my account");
    await chat.getByTestId("chat-handoff-banner").waitFor();
    const { id } = await e2e.stack.database.db.conversation.findFirstOrThrow({
      where: { flowVersion: { flowId }, status: "handoff" },
      orderBy: { createdAt: "desc" },
    });

    // The owner (Ada Admin) may assign anyone.
    const inbox = await e2e.newPage({ as: "owner" });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox/${id}`);
    await inbox.getByTestId("inbox-detail").waitFor();
    // Assign through the select (to someone else), then the agent hands it back.
    await inbox.getByRole("combobox", { name: "Assignee" }).selectOption({ label: "Sam Agent" });
    await inbox.getByTestId("detail-assignee").getByText("Sam Agent").waitFor();
    await inbox.getByRole("button", { name: "Assign to me" }).waitFor();

    await inbox.getByRole("button", { name: "Hand back to bot" }).click();
    await inbox.locator('[data-testid="inbox-detail"][data-status="active"]').waitFor();
    await expect(inbox.getByRole("button", { name: "Hand back to bot" }).count()).resolves.toBe(0);
    await inbox.getByTestId("composer-note").getByText(/The bot is handling this conversation/).waitFor();
    await inbox.locator(`[data-testid="conversation-${id}"][data-status="active"]`).waitFor();
    await screenshot(inbox, "handoff-9-inbox-handed-back");

    // The bot takes over again from the handoff's "Handed back" path: it asks again.
    await expect.poll(() => log.getByText("Hi! What do you need help with?").count(), { timeout: 15_000 }).toBe(2);
    await chat.getByTestId("chat-handoff-banner").waitFor({ state: "detached" });
    await expect(chat.getByTestId("chat-ended").count()).resolves.toBe(0);
    await screenshot(chat, "handoff-10-chat-bot-again");
    await chat.close();
    await inbox.close();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { e2eSession, sendChatMessage } from "./support/session";

const e2e = e2eSession();
let flowId: string;

beforeAll(async () => {
  // Seeded next to "Support intake": greeting with quick replies → topic → SLA → handoff → CSAT → end.
  const flow = await e2e.stack.database.db.flow.findFirst({ where: { name: "Support with a human" } });
  if (!flow) throw new Error('the demo seed has no "Support with a human" flow');
  flowId = flow.id;
});

/** The browser and this process share the machine's time zone: format like the app does. */
const clockTime = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

describe("support with a human: quick replies, handoff under an SLA, and a rating", () => {
  it("goes from the first message to an agent and back to a 4-star rating", async () => {
    // --- The customer opens the chat (nothing starts yet) and writes their topic. ----------------
    const chat = await e2e.newPage({ as: null });
    await chat.goto(`${e2e.stack.builderUrl}/chat/${flowId}`);
    const log = chat.getByRole("log");
    await chat.getByTestId("chat-welcome").waitFor();
    await screenshot(chat, "support-1-chat-welcome");

    // The first message starts the conversation: the greeting, then the message answers the topic.
    await sendChatMessage(chat, "Billing question");
    await log.getByText("Hi! You're talking to Parley support.").waitFor();
    await log.getByText("Let me connect you with a teammate. They will reply here shortly.").waitFor();
    await chat.getByTestId("chat-handoff-banner").waitFor();
    await expect(chat.getByTestId("quick-replies").count()).resolves.toBe(0);
    // The customer's own message (its text, then the time it was sent).
    const sent = await chat.getByTestId("chat-message-contact").allTextContents();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^You: Billing question\d{2}:\d{2}$/);
    // The focus went back to the composer, not to the page.
    await expect(chat.getByLabel("Message", { exact: true }).evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    await screenshot(chat, "support-2-chat-handed-off");

    const conversation = await e2e.stack.database.db.conversation.findFirstOrThrow({
      where: { flowVersion: { flowId } },
      orderBy: { createdAt: "desc" },
    });
    const id = conversation.id;
    expect(conversation.status).toBe("handoff");
    expect((conversation.variables as Record<string, unknown>).topic).toBe("Billing question");
    const sla = conversation.sla as { firstResponse: { phase: string; dueAt: string | null } } | null;
    expect(sla?.firstResponse.phase).toBe("running");
    const firstReplyDue = sla!.firstResponse.dueAt!;
    // 15 minutes after the handoff (the demo policy; "always open" hours).
    expect(Date.parse(firstReplyDue) - conversation.handedOffAt!.getTime()).toBe(15 * 60_000);

    // --- The agent finds it waiting for a person, with its SLA. ----------------------------------
    const inbox = await e2e.newPage({ as: "agent" });
    await inbox.goto(`${e2e.stack.builderUrl}/inbox`);
    await expect(inbox.getByTestId("user-name").textContent()).resolves.toBe("Sam Agent");
    await inbox.getByTestId("filter-handoff").click();
    const item = inbox.getByTestId(`conversation-${id}`);
    await item.waitFor();
    await expect(item.getAttribute("data-status")).resolves.toBe("handoff");
    await expect(item.getByTestId("item-team").textContent()).resolves.toBe("Support");
    // Every tab has a count.
    await expect(inbox.getByTestId("handoff-count").textContent()).resolves.toBe("1");
    await expect(inbox.getByTestId("all-count").textContent()).resolves.toBe("1");
    await expect(inbox.getByTestId("active-count").textContent()).resolves.toBe("0");
    await expect(inbox.getByTestId("resolved-count").textContent()).resolves.toBe("0");
    await expect(inbox.getByRole("button", { name: "Waiting 1 waiting for a person" }).count()).resolves.toBe(1);
    await screenshot(inbox, "support-3-inbox-waiting-for-a-person");

    await item.click();
    const detail = inbox.getByTestId("inbox-detail");
    await detail.getByText("Handed off to Support (normal priority): Customer asks: Billing question").waitFor();
    const firstReply = inbox.getByTestId("sla-firstResponse");
    await expect(firstReply.textContent()).resolves.toBe(`First reply due ${clockTime(firstReplyDue)}`);
    await expect(firstReply.getAttribute("data-state")).resolves.toBe("ok");
    // What the customer was offered shows under the greeting (read-only, not buttons).
    const offered = inbox.getByTestId("transcript").getByTestId("offered-replies");
    await expect(offered.count()).resolves.toBe(1);
    await expect(offered.getByRole("listitem").allTextContents()).resolves.toEqual([
      "Billing question",
      "Technical problem",
      "Something else",
    ]);
    await expect(offered.getByRole("button").count()).resolves.toBe(0);
    await screenshot(inbox, "support-4-inbox-conversation-sla");

    // --- The agent takes it, replies (the first reply meets its target) and resolves. ------------
    await inbox.getByRole("button", { name: "Assign to me" }).click();
    await inbox.getByTestId("detail-assignee").getByText("Sam Agent").waitFor();
    const reply = inbox.getByRole("textbox", { name: "Reply" });
    await reply.fill("Hi, I'm Sam from Support. I've corrected the invoice and emailed you a copy.");
    await inbox.getByRole("button", { name: "Send reply" }).click();
    await detail.locator('[data-author="agent"]').getByText("I've corrected the invoice").waitFor();
    await inbox.locator('[data-testid="sla-firstResponse"][data-state="met"]').waitFor();
    await expect(firstReply.textContent()).resolves.toBe("First reply on time");

    await chat.getByTestId("chat-message-agent").getByText("I've corrected the invoice").waitFor();
    await screenshot(inbox, "support-5-inbox-replied");

    await inbox.getByRole("button", { name: "Resolve", exact: true }).click();
    // The handoff is over; the bot asks for a rating (the agent sees the rating buttons offered).
    await detail.getByText("How did we do today?").waitFor();
    await inbox.locator('[data-testid="inbox-detail"][data-status="active"]').waitFor();

    // --- The customer rates the conversation from the rating row. --------------------------------
    await log.getByText("How did we do today?").waitFor();
    const rating = chat.getByRole("group", { name: "Rate from 1 to 5" });
    await rating.waitFor();
    await expect(rating.getByRole("button").evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")))).resolves.toEqual([
      "Rate 1 out of 5",
      "Rate 2 out of 5",
      "Rate 3 out of 5",
      "Rate 4 out of 5",
      "Rate 5 out of 5",
    ]);
    await chat.getByTestId("chat-handoff-banner").waitFor({ state: "detached" });
    await rating.getByRole("button", { name: "Rate 4 out of 5" }).hover();
    await screenshot(chat, "support-6-chat-rating-row");

    await rating.getByRole("button", { name: "Rate 4 out of 5" }).click();
    await log.getByText("Thank you for your feedback!").waitFor();
    await log.getByText("Thanks for reaching out — have a great day!").waitFor();
    await chat.getByTestId("chat-ended").getByText("Conversation ended").waitFor();
    await expect(chat.getByTestId("quick-replies").count()).resolves.toBe(0);
    await screenshot(chat, "support-7-chat-rated-and-ended");

    // --- Stored: the rating on the conversation, every message once. ------------------------------
    await expect
      .poll(async () => {
        const row = await e2e.stack.database.db.conversation.findUniqueOrThrow({ where: { id } });
        return [row.status, row.csatScore, row.csatScale];
      })
      .toEqual(["resolved", 4, 5]);
    const recorded = await e2e.stack.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    // Support's queue said once that nobody could take it yet (the seeded agents are offline);
    // when it said so races the agent, so that note is checked apart.
    const queueNotes = recorded.filter((message) => message.author === "system" && message.text.startsWith("No agent is available"));
    expect(queueNotes).toHaveLength(1);
    const stored = recorded.filter((message) => !queueNotes.includes(message));
    expect(stored.map((message) => [message.author, message.text])).toEqual([
      ["bot", "Hi! You're talking to Parley support."],
      ["bot", "What can we help you with?"],
      ["contact", "Billing question"],
      ["bot", "Let me connect you with a teammate. They will reply here shortly."],
      ["system", "Handed off to Support (normal priority): Customer asks: Billing question"],
      // The summary the handoff writes for the agent (extractive without an OpenAI key).
      ["system", expect.stringMatching(/^Summary for the agent \(extractive\):\n• Wants: "Billing question"/)],
      ["system", "Assigned to Sam Agent"],
      ["agent", "Hi, I'm Sam from Support. I've corrected the invoice and emailed you a copy."],
      ["bot", "How did we do today?"],
      ["contact", "4"],
      ["bot", "Thank you for your feedback!"],
      ["bot", "Thanks for reaching out — have a great day!"],
    ]);
    // Polls and `send` replies overlap: still each customer-facing message exactly once.
    await chat.waitForTimeout(2000);
    await expect(log.locator('[data-testid^="chat-message-"]').count()).resolves.toBe(9);

    // The inbox shows the outcome: resolved, rated 4/5.
    await inbox.locator('[data-testid="inbox-detail"][data-status="resolved"]').waitFor({ timeout: 15_000 });
    await expect(inbox.getByTestId("detail-csat").textContent()).resolves.toContain("4/5");
    await inbox.getByTestId("filter-resolved").click();
    await inbox.locator(`[data-testid="conversation-${id}"][data-status="resolved"]`).waitFor();
    await expect(inbox.getByTestId("resolved-count").textContent()).resolves.toBe("1");
    await expect(inbox.getByTestId("handoff-count").textContent()).resolves.toBe("0");
    await screenshot(inbox, "support-8-inbox-resolved-rated");
    await chat.close();
    await inbox.close();
  });
});

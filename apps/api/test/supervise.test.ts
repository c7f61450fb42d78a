import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rawHistory, scanHistory, utf8 } from "../../../test/support/history";
import { eventually, routingHarness } from "./support/routing";

// Private notes and supervisors' actions against a real Temporal dev server and database: notes
// never reach the customer's transcript or the workflow, a mention notifies exactly the person
// mentioned, and whisper, barge-in and take-over are signals in the conversation's history and
// events in the audit log, refused to agents.
const h = routingHarness();

const code = (err: unknown) => (err as { code?: string }).code;

async function person(role: "agent" | "supervisor", teamId?: string) {
  const { workspaceId } = h.seed;
  const user = await h.db.user.create({ data: { email: `${randomUUID()}@supervise.test`, name: `${role} ${randomUUID().slice(0, 6)}`, emailVerified: true } });
  const member = await h.db.member.create({ data: { workspaceId, userId: user.id, role, presence: "online", presenceAt: new Date() } });
  if (teamId) await h.db.teamMember.create({ data: { teamId, memberId: member.id } });
  return user;
}

/** A conversation handed off to a fresh team and taken by a fresh agent. */
async function agentsConversation() {
  const team = await h.team();
  const agent = await person("agent", team.id);
  const flowVersionId = await h.handoffFlow(team.name);
  const id = await h.handOff(flowVersionId);
  await eventually(() => h.db.conversation.findUniqueOrThrow({ where: { id } }), (row) => row.status === "handoff");
  await h.as(agent.id).conversations.assign({ conversationId: id, agentId: agent.id });
  await eventually(() => h.db.conversation.findUniqueOrThrow({ where: { id } }), (row) => row.assigneeId === agent.id);
  return { team, agent, id, flowVersionId };
}

/** Whether `text` appears anywhere in the conversation workflow's history (payloads included). */
async function inHistory(conversationId: string, text: string) {
  return scanHistory(await rawHistory(h.client, conversationId)).blobs.some((blob) => blob.includes(text));
}

async function supervisorSignals(conversationId: string) {
  const events = await rawHistory(h.client, conversationId);
  return events
    .map((event) => event.workflowExecutionSignaledEventAttributes)
    .filter((signal) => signal?.signalName === "supervise")
    .map((signal) => JSON.parse(utf8(signal!.input!.payloads![0]!.data!)) as Record<string, unknown>);
}

describe("private notes", () => {
  it("stay out of the customer's transcript, the messages and the workflow; a mention notifies exactly that person", async () => {
    const { agent, id } = await agentsConversation();
    const colleague = await person("agent");
    const bystander = await person("agent");
    const supervisor = await person("supervisor");
    const text = `Refund approved, @${colleague.name} please check ${randomUUID()}`;

    const { id: noteId } = await h.as(agent.id).notes.add({ conversationId: id, text, mentions: [colleague.id, agent.id] });
    // The agent's reply after the note: the workflow has run a turn since the note was written.
    await h.as(agent.id).conversations.reply({ conversationId: id, text: "Your refund is on its way" });
    await eventually(() => h.db.message.findMany({ where: { conversationId: id, author: "agent" } }), (rows) => rows.length === 1);

    expect(await h.as(agent.id).notes.list({ conversationId: id })).toMatchObject([
      { id: noteId, kind: "note", text, author: { id: agent.id }, mentions: expect.arrayContaining([{ id: colleague.id, name: colleague.name }]) },
    ]);
    expect((await h.db.message.findMany({ where: { conversationId: id } })).filter((row) => row.text.includes("Refund approved"))).toEqual([]);
    const customerView = await h.asCustomer(id).conversations.messagesSince({ conversationId: id, afterSeq: 0 });
    expect(JSON.stringify(customerView)).not.toContain("Refund approved");
    expect(await inHistory(id, "Your refund is on its way")).toBe(true);
    expect(await inHistory(id, "Refund approved")).toBe(false);

    // The colleague alone is notified (the author mentioned themself: no notification for that).
    const notified = await h.db.notification.findMany({ where: { conversationId: id, level: "mention" } });
    expect(notified.map((row) => row.recipientId)).toEqual([colleague.id]);
    const colleagues = await h.as(colleague.id).notifications.list({ limit: 20, personal: true });
    expect(colleagues.items).toMatchObject([{ level: "mention", personal: true, conversationId: id }]);
    expect(colleagues.items[0]!.message).toContain("mentioned you");
    for (const other of [bystander.id, agent.id]) {
      expect((await h.as(other).notifications.list({ limit: 100, personal: false })).items.filter((item) => item.level === "mention")).toEqual([]);
    }
    expect((await h.as(supervisor.id, "supervisor").notifications.list({ limit: 100, personal: false })).items.filter((item) => item.level === "mention")).toEqual([]);
    // Marking everything read as someone else leaves the colleague's mention unread.
    await h.as(bystander.id).notifications.markRead({});
    expect((await h.as(colleague.id).notifications.list({ limit: 20, personal: true })).unread).toBe(1);
  });

  it("refuse an unknown mention and store nothing; work on a resolved conversation, whose workflow has ended", async () => {
    const { agent, id } = await agentsConversation();
    await expect(h.as(agent.id).notes.add({ conversationId: id, text: "Who is this?", mentions: ["no-such-user"] })).rejects.toSatisfy((err) => code(err) === "BAD_REQUEST");
    expect(await h.db.conversationNote.count({ where: { conversationId: id } })).toBe(0);

    await h.as(agent.id).conversations.resolve({ conversationId: id });
    await eventually(() => h.db.conversation.findUniqueOrThrow({ where: { id } }), (row) => row.status === "resolved");
    await eventually(() => h.client.workflow.getHandle(id).describe(), (run) => run.status.name === "COMPLETED");
    await h.as(agent.id).notes.add({ conversationId: id, text: "Follow up next week" });
    expect((await h.as(agent.id).notes.list({ conversationId: id })).map((note) => note.text)).toEqual(["Follow up next week"]);
  });
});

describe("supervisors", () => {
  it("whisper to the agent alone, barge in and take over: each a signal in history and an audit event", async () => {
    const { team, agent, id, flowVersionId } = await agentsConversation();
    const supervisor = await person("supervisor");
    const boss = h.as(supervisor.id, "supervisor");

    // A second customer waits in the team's queue, offered to the agent (who has room for it).
    const waiting = await h.handOff(flowVersionId);
    await eventually(() => h.offers({ conversationId: waiting, state: "pending" }), (offers) => offers.length === 1);
    const board = await boss.supervise.board();
    const { handedOffAt } = await h.db.conversation.findUniqueOrThrow({ where: { id: waiting } });
    expect(board.teams.find((row) => row.name === team.name)).toEqual({ name: team.name, members: 1, waiting: 1, offered: 1, longestWaitSince: handedOffAt!.toISOString() });
    expect(board.agents.find((row) => row.id === agent.id)).toMatchObject({ presence: "online", chats: { open: 1, capacity: 3 }, calls: { open: 0, capacity: 1 }, conversations: [{ id }] });

    const whisper = `Offer the voucher ${randomUUID()}`;
    const { id: noteId } = await boss.supervise.whisper({ conversationId: id, text: whisper });
    expect(await h.as(agent.id).notes.list({ conversationId: id })).toMatchObject([{ id: noteId, kind: "whisper", text: whisper, recipient: { id: agent.id } }]);
    expect(await h.db.notification.findMany({ where: { conversationId: id, level: "whisper" }, select: { recipientId: true } })).toEqual([{ recipientId: agent.id }]);
    // Recorded in history (who, to whom, which note), never the text nor a message.
    await eventually(() => supervisorSignals(id), (signals) => signals.length === 1);
    expect(await supervisorSignals(id)).toEqual([{ action: "whisper", supervisorId: supervisor.id, agentId: agent.id, noteId }]);
    expect(await inHistory(id, whisper)).toBe(false);
    expect(JSON.stringify(await h.asCustomer(id).conversations.messagesSince({ conversationId: id, afterSeq: 0 }))).not.toContain("voucher");

    await boss.supervise.bargeIn({ conversationId: id, text: "Hello, I am the team lead" });
    const barged = await eventually(() => h.db.message.findMany({ where: { conversationId: id, author: "agent" } }), (rows) => rows.length === 1);
    expect(barged[0]).toMatchObject({ authorId: supervisor.id, text: "Hello, I am the team lead" });
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(agent.id);

    await boss.supervise.takeOver({ conversationId: id });
    await eventually(() => h.db.conversation.findUniqueOrThrow({ where: { id } }), (row) => row.assigneeId === supervisor.id);
    expect(await h.notes(id)).toEqual(expect.arrayContaining([expect.stringMatching(/^Taken over by /)]));
    expect((await supervisorSignals(id)).map((signal) => signal.action)).toEqual(["whisper", "bargeIn", "takeOver"]);
    const audit = await h.db.auditEvent.findMany({ where: { targetId: id, action: { startsWith: "conversation." } }, orderBy: { at: "asc" }, select: { action: true, actorId: true } });
    expect(audit.filter((row) => row.actorId === supervisor.id).map((row) => row.action)).toEqual(["conversation.whisper", "conversation.barge_in", "conversation.take_over"]);
  });

  it("refuse agents (403) and change nothing", async () => {
    const { agent, id } = await agentsConversation();
    const other = await person("agent");
    const as = h.as(agent.id);
    for (const attempt of [
      () => as.supervise.whisper({ conversationId: id, text: "psst" }),
      () => as.supervise.bargeIn({ conversationId: id, text: "hi" }),
      () => as.supervise.takeOver({ conversationId: id }),
      () => h.as(other.id).supervise.takeOver({ conversationId: id }),
      () => as.supervise.board(),
    ]) {
      await expect(attempt()).rejects.toSatisfy((err) => code(err) === "FORBIDDEN");
    }
    expect(await h.db.conversationNote.count({ where: { conversationId: id } })).toBe(0);
    expect(await supervisorSignals(id)).toEqual([]);
    expect((await h.db.conversation.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(agent.id);
  });
});

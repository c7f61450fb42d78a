import { describe, expect, it } from "vitest";
import { assignSignal, handBackSignal } from "@parley/workflows";
import { eventually, routingHarness } from "./support/routing";

// Routing of handed-off conversations (team-queue workflow + RoutingOffer rows) against a real
// Temporal dev server, a real database and the API's procedures. Offer timeouts are real seconds
// here (1 s): the tests wait for states, never for durations.
const h = routingHarness();

const code = (err: unknown) => (err as { code?: string }).code;

describe("routing handed-off conversations to agents", () => {
  it("offers by required skills, then priority, then wait; respects capacity; the agent accepts", async () => {
    const team = await h.team();
    const biller = await h.agent(team.id, { skills: ["billing"], chatCapacity: 1, online: false, name: "Bea Biller" });
    const generalist = await h.agent(team.id, { chatCapacity: 5 });
    const normal = await h.handOff(await h.handoffFlow(team.name, { skills: "Billing", priority: "normal" }));
    const urgent = await h.handOff(await h.handoffFlow(team.name, { skills: "billing", priority: "high" }));
    // Nobody with the skill is online: both wait, and the generalist is offered neither.
    await eventually(team.queue, (queue) => queue.waiting.length === 2);
    await eventually(() => h.notes(normal), (notes) => notes.some((note) => note.startsWith("No agent is available")));
    expect(await h.offers({ agentId: generalist })).toEqual([]);

    await h.setOnline(biller, true);
    const [offer] = await eventually(() => h.offers({ agentId: biller }), (offers) => offers.length === 1);
    // The high-priority one first, though it waited less; the biller's one slot is then taken.
    expect(offer).toMatchObject({ conversationId: urgent, state: "pending" });
    await expect(h.as(generalist).routing.accept({ offerId: offer!.id })).rejects.toSatisfy((err) => code(err) === "NOT_FOUND");
    expect(await h.as(biller).routing.offers()).toMatchObject([{ id: offer!.id, conversationId: urgent }]);

    await h.as(biller).routing.accept({ offerId: offer!.id });
    expect(await h.db.auditEvent.findMany({ where: { action: "routing.offer_accept" }, select: { actorId: true, targetId: true } })).toEqual([
      { actorId: biller, targetId: urgent },
    ]);
    await eventually(() => h.db.conversation.findUniqueOrThrow({ where: { id: urgent } }), (row) => row.assigneeId === biller);
    await expect(h.as(biller).routing.accept({ offerId: offer!.id })).rejects.toSatisfy((err) => code(err) === "PRECONDITION_FAILED");
    expect(await h.notes(urgent)).toEqual(expect.arrayContaining([expect.stringMatching(/^Offered to Bea Biller/), "Bea Biller accepted the offer"]));
    // At capacity: the normal one stays queued, offered to nobody.
    await eventually(team.queue, (queue) => queue.waiting.length === 1 && queue.waiting[0]!.conversationId === normal);
    expect(await h.offers({ conversationId: normal })).toEqual([]);
  });

  it("least busy gives work to the agent with less of it; round robin takes turns", async () => {
    const pick = async (distribution: "least_busy" | "round_robin") => {
      const team = await h.team(distribution);
      const busy = await h.agent(team.id, { chatCapacity: 10 });
      const idle = await h.agent(team.id, { chatCapacity: 10 });
      // The busy agent already works two handed-off conversations.
      const flow = await h.handoffFlow(`${team.name} (elsewhere)`);
      for (let i = 0; i < 2; i++) {
        const id = await h.handOff(flow);
        await eventually(() => h.db.conversation.findUniqueOrThrow({ where: { id } }), (row) => row.status === "handoff");
        await h.db.conversation.update({ where: { id }, data: { assigneeId: busy } });
      }
      const teamFlow = await h.handoffFlow(team.name);
      const agents: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = await h.handOff(teamFlow);
        const [offer] = await eventually(() => h.offers({ conversationId: id }), (offers) => offers.length === 1);
        agents.push(offer!.agentId === busy ? "busy" : offer!.agentId === idle ? "idle" : "?");
      }
      return agents;
    };
    expect(await pick("least_busy")).toEqual(["idle", "idle"]);
    const turns = await pick("round_robin");
    expect(new Set(turns)).toEqual(new Set(["busy", "idle"]));
  });

  it("moves an unanswered or declined offer to the next agent; an expired offer cannot be accepted", async () => {
    const team = await h.team("round_robin", 1);
    const first = await h.agent(team.id);
    const second = await h.agent(team.id);
    const id = await h.handOff(await h.handoffFlow(team.name));
    const [missed] = await eventually(() => h.offers({ conversationId: id }), (offers) => offers.length === 1);
    const [next] = await eventually(() => h.offers({ conversationId: id, state: "pending" }), (offers) => offers.length === 1 && offers[0]!.id !== missed!.id);
    expect(next!.agentId).not.toBe(missed!.agentId);
    expect([first, second]).toContain(next!.agentId);
    await expect(h.as(missed!.agentId).routing.accept({ offerId: missed!.id })).rejects.toSatisfy((err) => code(err) === "PRECONDITION_FAILED");
    expect(await h.notes(id)).toEqual(expect.arrayContaining([expect.stringMatching(/did not answer in time$/)]));

    // A declined offer goes on as well; with both agents passed, it waits.
    const team2 = await h.team("least_busy", 300);
    const a = await h.agent(team2.id);
    const b = await h.agent(team2.id);
    const id2 = await h.handOff(await h.handoffFlow(team2.name));
    const [offered] = await eventually(() => h.offers({ conversationId: id2 }), (offers) => offers.length === 1);
    await h.as(offered!.agentId).routing.decline({ offerId: offered!.id });
    const [again] = await eventually(() => h.offers({ conversationId: id2, state: "pending" }), (offers) => offers.length === 1);
    expect(again!.agentId).toBe(offered!.agentId === a ? b : a);
  });

  it("re-offers when the offered agent goes offline", async () => {
    const team = await h.team();
    const leaving = await h.agent(team.id);
    const id = await h.handOff(await h.handoffFlow(team.name));
    const [offer] = await eventually(() => h.offers({ conversationId: id }), (offers) => offers.length === 1);
    const staying = await h.agent(team.id, { online: false });
    await h.setOnline(leaving, false);
    await eventually(() => h.offers({ conversationId: id }), (offers) => offers[0]!.state === "withdrawn");
    await h.setOnline(staying, true);
    const [reoffered] = await eventually(() => h.offers({ conversationId: id, state: "pending" }), (offers) => offers.length === 1);
    expect(reoffered!.agentId).toBe(staying);
    expect(offer!.agentId).toBe(leaving);
  });

  it("offers nothing to an agent who is online but idle past auto-away, and stores them as away", async () => {
    const team = await h.team();
    const idle = await h.agent(team.id);
    // Went online an hour ago and made no request since: away by the 10-minute rule.
    const anHourAgo = new Date(Date.now() - 60 * 60_000);
    await h.db.member.updateMany({ where: { userId: idle }, data: { presenceAt: anHourAgo, lastActiveAt: anHourAgo } });
    const id = await h.handOff(await h.handoffFlow(team.name));
    await eventually(team.queue, (queue) => queue.waiting.some((entry) => entry.conversationId === id));
    await eventually(() => h.db.member.findFirstOrThrow({ where: { userId: idle } }), (member) => member.presence === "away");
    expect(await h.offers({ conversationId: id })).toEqual([]);
    await h.setOnline(idle, true);
    const [offer] = await eventually(() => h.offers({ conversationId: id }), (offers) => offers.length === 1);
    expect(offer!.agentId).toBe(idle);
  });

  it("withdraws the offer when the conversation is handed back, and routes its next handoff anew", async () => {
    const team = await h.team();
    await h.agent(team.id);
    const id = await h.handOff(await h.handoffFlow(team.name, { again: true }));
    const [first] = await eventually(() => h.offers({ conversationId: id }), (offers) => offers.length === 1);
    await h.client.workflow.getHandle(id).signal(handBackSignal, { agentId: null });
    const offers = await eventually(() => h.offers({ conversationId: id }), (rows) => rows.length === 2 && rows.some((row) => row.state === "pending" && row.id !== first!.id));
    expect(offers.find((row) => row.id === first!.id)!.state).toBe("withdrawn");
    expect(new Set(offers.map((row) => row.handoffAt.getTime())).size).toBe(2);
  });

  it("moves a transferred conversation to the other team's queue", async () => {
    const [from, to] = [await h.team(), await h.team()];
    const receiver = await h.agent(to.id);
    const id = await h.handOff(await h.handoffFlow(from.name));
    await eventually(from.queue, (queue) => queue.waiting.some((entry) => entry.conversationId === id));
    await h.client.workflow.getHandle(id).signal(assignSignal, { agentId: null, team: to.name, note: `Transferred to ${to.name} · Unassigned` });
    const [offer] = await eventually(() => h.offers({ conversationId: id }), (offers) => offers.length === 1);
    expect(offer!.agentId).toBe(receiver);
    await eventually(from.queue, (queue) => queue.waiting.length === 0);
  });

  it("takes a conversation assigned by hand out of the queue, and queues it again when unassigned", async () => {
    const team = await h.team();
    const agent = await h.agent(team.id, { online: false });
    const id = await h.handOff(await h.handoffFlow(team.name));
    await eventually(team.queue, (queue) => queue.waiting.length === 1);
    const handle = h.client.workflow.getHandle(id);
    await handle.signal(assignSignal, { agentId: h.seed.agentId });
    await eventually(team.queue, (queue) => queue.waiting.length === 0);
    await handle.signal(assignSignal, { agentId: null });
    await eventually(team.queue, (queue) => queue.waiting.length === 1);
    await h.setOnline(agent, true);
    await eventually(() => h.offers({ conversationId: id, agentId: agent }), (offers) => offers.length === 1);
  });

  it("never assigns one of 50 concurrent handoffs to two agents, even when answers race", async () => {
    const team = await h.team("round_robin");
    const agents = await Promise.all(Array.from({ length: 10 }, () => h.agent(team.id, { chatCapacity: 3 })));
    const flow = await h.handoffFlow(team.name);
    const ids = await Promise.all(Array.from({ length: 50 }, () => h.handOff(flow)));
    // Every agent accepts every offer twice at once; only one answer per offer may win.
    const accepted = new Set<string>();
    await eventually(
      async () => {
        const pending = await h.offers({ state: "pending", conversationId: undefined });
        await Promise.all(
          pending
            .filter((offer) => ids.includes(offer.conversationId))
            .flatMap((offer) => [0, 1].map(() => h.as(offer.agentId).routing.accept({ offerId: offer.id }).then(() => accepted.add(offer.id), () => undefined))),
        );
        return h.db.conversation.count({ where: { id: { in: ids }, assigneeId: { not: null } } });
      },
      (assigned) => assigned === 30,
    );
    const rows = await h.db.routingOffer.findMany({ where: { conversationId: { in: ids }, state: "accepted" } });
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((row) => row.conversationId)).size).toBe(30);
    const conversations = await h.db.conversation.findMany({ where: { id: { in: ids } } });
    for (const row of rows) expect(conversations.find((c) => c.id === row.conversationId)!.assigneeId).toBe(row.agentId);
    for (const agent of agents) expect(conversations.filter((c) => c.assigneeId === agent)).toHaveLength(3);
    expect((await team.queue()).waiting).toHaveLength(20);
  });

  it("loses no waiting conversation when the worker stops mid-routing", async () => {
    const team = await h.team();
    const agent = await h.agent(team.id, { online: false, chatCapacity: 5 });
    const flow = await h.handoffFlow(team.name);
    const ids = await Promise.all(Array.from({ length: 5 }, () => h.handOff(flow)));
    await eventually(team.queue, (queue) => queue.waiting.length === 5);
    await h.restartWorker();
    await h.setOnline(agent, true);
    const offers = await eventually(() => h.offers({ agentId: agent }), (rows) => rows.length === 5);
    expect(new Set(offers.map((offer) => offer.conversationId))).toEqual(new Set(ids));
  });

  it("refuses a second open offer, or a second accepted one, for one handoff in the database itself", async () => {
    const team = await h.team();
    const [a, b] = [await h.agent(team.id, { online: false }), await h.agent(team.id, { online: false })];
    const conversationId = await h.handOff(await h.handoffFlow(team.name));
    const handoffAt = new Date("2026-12-06T10:00:00.000Z");
    const offer = (id: string, agentId: string) => ({ id, agentId, workspaceId: h.seed.workspaceId, teamId: team.id, conversationId, handoffAt, expiresAt: new Date(Date.now() + 60_000) });
    await h.db.routingOffer.create({ data: offer(`${conversationId}-1`, a) });
    await expect(h.db.routingOffer.create({ data: offer(`${conversationId}-2`, b) })).rejects.toMatchObject({ code: "P2002" });
    await h.db.routingOffer.update({ where: { id: `${conversationId}-1` }, data: { state: "accepted" } });
    await h.db.routingOffer.create({ data: offer(`${conversationId}-2`, b) });
    await expect(h.db.routingOffer.update({ where: { id: `${conversationId}-2` }, data: { state: "accepted" } })).rejects.toMatchObject({ code: "P2002" });
    // The next handoff of the same conversation is a new round.
    await h.db.routingOffer.update({ where: { id: `${conversationId}-2` }, data: { state: "accepted", handoffAt: new Date("2026-12-06T11:00:00.000Z") } });
  });
});

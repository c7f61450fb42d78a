import { condition, continueAsNew, getExternalWorkflowHandle, setHandler, uuid4, workflowInfo } from "@temporalio/workflow";
import type { SettledOffer } from "@parley/activities";
import { assignSignal } from "./contracts";
import { routing } from "./activity-proxies";
import { matchWaiting } from "./team-queue-matching";
import {
  agentChangedSignal,
  enqueueSignal,
  offerAnsweredSignal,
  routingNoteSignal,
  teamQueueStateQuery,
  withdrawSignal,
  type TeamQueueInput,
  type WaitingConversation,
} from "./team-queue-contracts";

/**
 * While conversations wait without an offer, the queue looks again even if no signal came: a
 * presence change whose signal was lost (the API died after writing it) still gets routed. First
 * after 30 s, then twice as long each quiet time up to an hour (a queue nobody can serve for a
 * weekend costs tens of passes, not thousands); any signal starts again at 30 s.
 */
const RESCAN_MIN_MS = 30_000;
const RESCAN_MAX_MS = 3_600_000;
/** Continue as new well before Temporal's history limits; the queue carries over. */
const CONTINUE_AS_NEW_EVENTS = 5_000;

/**
 * One team's queue: the conversations handed off to the team wait here, in order of priority and
 * wait, and are offered one agent at a time. Every change (a conversation queued or withdrawn, an
 * offer answered, an agent's availability) wakes a pass: open offers that expired or whose agent
 * left are closed and move on, then the waiting conversations are matched to available agents
 * (team-queue-matching.ts) and the offers recorded. An accepted offer becomes the conversation's
 * `assign` signal. The queue's state is its history: a worker killed mid-pass replays it.
 */
export async function teamQueue(input: TeamQueueInput): Promise<void> {
  const waiting = new Map<string, WaitingConversation>((input.checkpoint?.waiting ?? []).map((entry) => [entry.conversationId, entry]));
  let cursor = input.checkpoint?.cursor ?? null;
  let changed = true;
  const answers: { offerId: string; accepted: boolean }[] = [];
  const leftAgents = new Set<string>();
  const staleOffers: string[] = [];

  setHandler(teamQueueStateQuery, () => ({ waiting: [...waiting.values()], cursor }));
  setHandler(enqueueSignal, (queued) => {
    const current = waiting.get(queued.conversationId);
    // The same handoff again (priority raised by the SLA ladder, unassigned): it keeps its place,
    // its open offer and who passed on it, with the new priority.
    if (current && current.since === queued.since) {
      Object.assign(current, { skills: queued.skills, priority: queued.priority, voice: queued.voice, withdrawn: false });
      changed = true;
      return;
    }
    // A conversation handed off again replaces its earlier entry (it is a new handoff); an offer
    // still open from the earlier one is withdrawn, or its row would block the new offers.
    const earlier = current?.offer;
    if (earlier) staleOffers.push(earlier.id);
    waiting.set(queued.conversationId, { ...queued, offer: null, passedBy: [], withdrawn: false, toldWaiting: false });
    changed = true;
  });
  setHandler(withdrawSignal, ({ conversationId, since }) => {
    const entry = waiting.get(conversationId);
    if (!entry || (since !== undefined && since !== entry.since)) return;
    if (entry.offer) entry.withdrawn = true;
    else waiting.delete(conversationId);
    changed = true;
  });
  setHandler(offerAnsweredSignal, (answer) => {
    answers.push(answer);
    changed = true;
  });
  setHandler(agentChangedSignal, ({ agentId, available }) => {
    if (!available) leftAgents.add(agentId);
    changed = true;
  });

  // Signals to conversations go out together at the end of a pass (one workflow task, not one each).
  const outgoing: Promise<void>[] = [];
  const send = (conversationId: string, sending: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>) =>
    outgoing.push(sending(getExternalWorkflowHandle(conversationId)).catch(() => undefined)); // ended meanwhile: nobody to tell
  const note = (conversationId: string, text: string) => send(conversationId, (handle) => handle.signal(routingNoteSignal, { text }));
  // Only this entry: while a pass awaits, the conversation may have been queued anew (a new handoff).
  const remove = (entry: WaitingConversation) => {
    if (waiting.get(entry.conversationId) === entry) waiting.delete(entry.conversationId);
  };
  const assign = (entry: WaitingConversation) => {
    const offer = entry.offer!;
    remove(entry);
    send(entry.conversationId, (handle) =>
      handle.signal(assignSignal, { agentId: offer.agentId, offerId: offer.id, note: `${offer.agentName} accepted the offer` }),
    );
  };
  /** Closes an open offer; the agent may have accepted first, and then they have it. */
  const settle = async (entry: WaitingConversation, state: "expired" | "withdrawn", why: string) => {
    const offer = entry.offer!;
    const final: SettledOffer | null = await routing.settleOffer({ offerId: offer.id, state });
    if (final === "accepted") return assign(entry);
    if (entry.withdrawn) return remove(entry);
    if (state === "expired") entry.passedBy.push(offer.agentId);
    entry.offer = null;
    note(entry.conversationId, why);
  };

  let rescanMs = RESCAN_MIN_MS;
  for (;;) {
    const deadlines = [...waiting.values()].flatMap((entry) => (entry.offer ? [entry.offer.expiresAtMs] : []));
    const unoffered = [...waiting.values()].some((entry) => !entry.offer);
    const nextDeadline = Math.min(...deadlines, unoffered ? Date.now() + rescanMs : Infinity);
    if (!changed) await condition(() => changed, nextDeadline === Infinity ? undefined : Math.max(1, nextDeadline - Date.now()));
    rescanMs = changed ? RESCAN_MIN_MS : Math.min(rescanMs * 2, RESCAN_MAX_MS);
    changed = false;

    for (const { offerId, accepted } of answers.splice(0)) {
      const entry = [...waiting.values()].find((item) => item.offer?.id === offerId);
      if (!entry) continue; // already settled (expired, withdrawn) before the answer arrived
      if (accepted) assign(entry);
      else await settle(entry, "expired", `${entry.offer!.agentName} declined`);
    }
    for (const offerId of staleOffers.splice(0)) await routing.settleOffer({ offerId, state: "withdrawn" });
    const left = [...leftAgents];
    leftAgents.clear();
    for (const entry of [...waiting.values()]) {
      if (!entry.offer) continue;
      if (entry.withdrawn) await settle(entry, "withdrawn", "");
      else if (left.includes(entry.offer.agentId)) await settle(entry, "withdrawn", `${entry.offer.agentName} went offline: offered again`);
      else if (Date.now() >= entry.offer.expiresAtMs) await settle(entry, "expired", `${entry.offer.agentName} did not answer in time`);
    }

    if ([...waiting.values()].some((entry) => !entry.offer)) await offerToAgents();
    await Promise.all(outgoing.splice(0));

    const info = workflowInfo();
    if ((info.continueAsNewSuggested || info.historyLength > CONTINUE_AS_NEW_EVENTS) && !changed) {
      await continueAsNew<typeof teamQueue>({ ...input, checkpoint: { waiting: [...waiting.values()], cursor } });
    }
  }

  async function offerToAgents() {
    const view = await routing.routingCandidates({ teamId: input.teamId });
    if (!view) return; // the team was deleted: its conversations wait for a person to assign them
    const { matches, cursor: next } = matchWaiting([...waiting.values()], view, cursor);
    cursor = next;
    const now = Date.now();
    const offers = matches.map(({ conversationId, agent }) => ({
      id: uuid4(),
      workspaceId: input.workspaceId,
      teamId: input.teamId,
      conversationId,
      agentId: agent.agentId,
      handoffAt: waiting.get(conversationId)!.since,
      expiresAt: new Date(now + view.offerTimeoutSeconds * 1000).toISOString(),
    }));
    const created = new Set(offers.length > 0 ? await routing.createOffers({ offers }) : []);
    for (const [index, { conversationId, agent }] of matches.entries()) {
      const entry = waiting.get(conversationId);
      if (!entry || !created.has(offers[index]!.id)) continue;
      entry.offer = { id: offers[index]!.id, agentId: agent.agentId, agentName: agent.name, expiresAtMs: now + view.offerTimeoutSeconds * 1000 };
      note(conversationId, `Offered to ${agent.name} (${view.offerTimeoutSeconds} s to accept)`);
    }
    for (const entry of waiting.values()) {
      if (entry.offer || entry.toldWaiting) continue;
      entry.toldWaiting = true;
      note(entry.conversationId, "No agent is available right now: waiting in the queue");
    }
  }
}

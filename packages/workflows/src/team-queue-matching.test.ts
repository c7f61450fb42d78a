import { describe, expect, it } from "vitest";
import type { RoutingCandidate, TeamRoutingView } from "@parley/activities";
import { matchWaiting } from "./team-queue-matching";
import type { WaitingConversation } from "./team-queue-contracts";

const agent = (agentId: string, extra: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  agentId,
  name: agentId,
  skills: [],
  chatLoad: 0,
  callLoad: 0,
  chatCapacity: 3,
  callCapacity: 1,
  ...extra,
});
const waiting = (conversationId: string, extra: Partial<WaitingConversation> = {}): WaitingConversation => ({
  conversationId,
  skills: [],
  priority: "normal",
  since: "2026-12-06T10:00:00.000Z",
  voice: false,
  offer: null,
  passedBy: [],
  withdrawn: false,
  toldWaiting: false,
  ...extra,
});
const view = (agents: RoutingCandidate[], distribution: TeamRoutingView["distribution"] = "least_busy"): TeamRoutingView => ({ distribution, offerTimeoutSeconds: 30, agents });
const pairs = (result: ReturnType<typeof matchWaiting>) => result.matches.map((match) => [match.conversationId, match.agent.agentId]);

describe("matchWaiting", () => {
  it("serves higher priority first, then the longest wait, within the agents' capacity", () => {
    const queue = [
      waiting("late-normal", { since: "2026-12-06T10:05:00.000Z" }),
      waiting("early-normal"),
      waiting("urgent", { priority: "urgent", since: "2026-12-06T10:09:00.000Z" }),
    ];
    expect(pairs(matchWaiting(queue, view([agent("a", { chatCapacity: 2 })]), null))).toEqual([
      ["urgent", "a"],
      ["early-normal", "a"],
    ]);
  });

  it("offers only to agents holding every required skill who have not passed on it", () => {
    const queue = [waiting("c", { skills: ["billing", "german"], passedBy: ["b"] })];
    const agents = [agent("a", { skills: ["billing"] }), agent("b", { skills: ["billing", "german"] }), agent("c", { skills: ["german", "billing", "french"] })];
    expect(pairs(matchWaiting(queue, view(agents), null))).toEqual([["c", "c"]]);
  });

  it("uses call capacity for calls and chat capacity for the rest", () => {
    const queue = [waiting("call-1", { voice: true }), waiting("call-2", { voice: true, since: "2026-12-06T10:01:00.000Z" }), waiting("chat")];
    expect(pairs(matchWaiting(queue, view([agent("a", { chatLoad: 3 })]), null))).toEqual([["call-1", "a"]]);
  });

  it("least busy counts this pass's offers; round robin moves the cursor", () => {
    const queue = [waiting("1"), waiting("2", { since: "2026-12-06T10:01:00.000Z" }), waiting("3", { since: "2026-12-06T10:02:00.000Z" })];
    expect(pairs(matchWaiting(queue, view([agent("a", { chatLoad: 1 }), agent("b")]), null))).toEqual([
      ["1", "b"],
      ["2", "a"],
      ["3", "b"],
    ]);
    const robin = matchWaiting(queue, view([agent("a", { chatLoad: 2 }), agent("b"), agent("c")], "round_robin"), "a");
    expect(pairs(robin)).toEqual([
      ["1", "b"],
      ["2", "c"],
      ["3", "a"],
    ]);
    expect(robin.cursor).toBe("a");
  });

  it("leaves conversations with an open offer or on their way out alone", () => {
    const queue = [waiting("offered", { offer: { id: "o", agentId: "a", agentName: "A", expiresAtMs: 1 } }), waiting("gone", { withdrawn: true })];
    expect(matchWaiting(queue, view([agent("a")]), null).matches).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { LiveEvent } from "./change-feed";
import { canHear, type LiveAudience } from "./live-visibility";

const agent: LiveAudience = { workspaceId: "w1", seesAll: false, userId: "sam", teams: new Set(["Support"]), may: (permission) => permission !== "teams:read" };
const supervisor: LiveAudience = { ...agent, seesAll: true, userId: "sue", teams: new Set(), may: () => true };

function event(change: Partial<LiveEvent>): LiveEvent {
  return {
    id: 1,
    workspaceId: "w1",
    kind: "message",
    conversationId: "c1",
    team: null,
    assigneeId: null,
    status: "active",
    previousTeam: null,
    previousAssigneeId: null,
    previousStatus: null,
    createdAt: new Date(0),
    ...change,
  };
}

describe("who hears a live change", () => {
  it("an agent: their own conversations and the waiting ones of their teams or of no team", () => {
    expect(canHear(agent, event({ assigneeId: "sam", status: "handoff" }))).toBe(true);
    expect(canHear(agent, event({ status: "handoff", team: "Support" }))).toBe(true);
    expect(canHear(agent, event({ status: "handoff", team: null }))).toBe(true);
    expect(canHear(agent, event({ status: "handoff", team: "Billing" }))).toBe(false);
    expect(canHear(agent, event({ status: "handoff", team: "Support", assigneeId: "other" }))).toBe(false);
    // A bot conversation nobody waits on is not in an agent's inbox.
    expect(canHear(agent, event({ status: "active" }))).toBe(false);
  });

  it("an agent hears a conversation leave their list (reassigned, transferred, handed back)", () => {
    const reassigned = event({ kind: "conversation.updated", status: "handoff", assigneeId: "other", previousAssigneeId: "sam", previousStatus: "handoff" });
    expect(canHear(agent, reassigned)).toBe(true);
    const transferred = event({ kind: "conversation.updated", status: "handoff", team: "Billing", previousTeam: "Support", previousStatus: "handoff" });
    expect(canHear(agent, transferred)).toBe(true);
    // Only updates carry a previous state; a message's fields are the conversation's now.
    expect(canHear(agent, event({ kind: "message", status: "handoff", team: "Billing", previousTeam: "Support", previousStatus: "handoff" }))).toBe(false);
  });

  it("offers reach the offered agent, presence the person; supervisors hear everything of their workspace only", () => {
    expect(canHear(agent, event({ kind: "offer", assigneeId: "sam" }))).toBe(true);
    expect(canHear(agent, event({ kind: "offer", assigneeId: "other" }))).toBe(false);
    expect(canHear(agent, event({ kind: "presence", conversationId: null, assigneeId: "sam" }))).toBe(true);
    expect(canHear(agent, event({ kind: "presence", conversationId: null, assigneeId: "other" }))).toBe(false);
    expect(canHear(supervisor, event({ kind: "presence", conversationId: null, assigneeId: "other" }))).toBe(true);
    expect(canHear(supervisor, event({ status: "active", team: "Billing" }))).toBe(true);
    expect(canHear(supervisor, event({ workspaceId: "w2" }))).toBe(false);
    expect(canHear(agent, event({ workspaceId: "w2", assigneeId: "sam" }))).toBe(false);
  });
});

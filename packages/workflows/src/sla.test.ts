import { describe, expect, it } from "vitest";
import { ALWAYS_OPEN, slaPolicyFromConfig, type SlaPolicy } from "@parley/flow";
import { SlaClocks } from "./sla";

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 24, 10, 0); // Tuesday 10:00 UTC

function policy(overrides: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    calendar: ALWAYS_OPEN,
    targets: { firstResponse: 15 * MIN, nextResponse: 10 * MIN, resolution: 60 * MIN },
    warnAtPercent: 50,
    breachActions: ["notify"],
    webhookUrl: null,
    ...overrides,
  };
}

describe("SLA clocks", () => {
  it("warns, then breaches, the first response while nobody replies", () => {
    const clocks = SlaClocks.attach(policy());
    expect(clocks.nextDueAt(t0)).toBeNull();
    clocks.handoffStarted(t0);
    expect(clocks.nextDueAt(t0)).toBe(t0 + 7.5 * MIN);
    expect(clocks.takeDue(t0 + 7 * MIN)).toEqual([]);
    expect(clocks.takeDue(t0 + 7.5 * MIN)).toEqual([{ clock: "firstResponse", level: "warning", cycle: 1 }]);
    expect(clocks.nextDueAt(t0 + 7.5 * MIN)).toBe(t0 + 15 * MIN);
    expect(clocks.takeDue(t0 + 31 * MIN)).toEqual([
      { clock: "firstResponse", level: "breach", cycle: 1 },
      { clock: "resolution", level: "warning", cycle: 1 },
    ]);
    // Each rung fires once.
    expect(clocks.takeDue(t0 + 32 * MIN)).toEqual([]);
  });

  it("meets the first response, pauses resolution while waiting on the customer, restarts next response", () => {
    const clocks = SlaClocks.attach(policy());
    clocks.handoffStarted(t0);
    clocks.agentReplied(t0 + 5 * MIN);
    expect(clocks.view(t0 + 5 * MIN).firstResponse).toMatchObject({ phase: "met", elapsedMs: 5 * MIN, breached: false });
    // Nothing runs while the customer has the ball.
    expect(clocks.nextDueAt(t0 + 5 * MIN)).toBeNull();
    expect(clocks.view(t0 + 50 * MIN).resolution).toMatchObject({ phase: "paused", elapsedMs: 5 * MIN });

    clocks.customerWrote(t0 + 50 * MIN);
    const view = clocks.view(t0 + 50 * MIN);
    expect(view.nextResponse).toMatchObject({ phase: "running", elapsedMs: 0 });
    expect(view.resolution).toMatchObject({ phase: "running", elapsedMs: 5 * MIN });
    // Next response warns at 5 of 10 minutes; resolution at 30 of 60 (25 more minutes).
    expect(clocks.nextDueAt(t0 + 50 * MIN)).toBe(t0 + 55 * MIN);

    clocks.agentReplied(t0 + 52 * MIN);
    clocks.customerWrote(t0 + 60 * MIN);
    // A new next-response cycle: its escalations are new events.
    expect(clocks.takeDue(t0 + 75 * MIN)).toEqual([
      { clock: "nextResponse", level: "warning", cycle: 2 },
      { clock: "nextResponse", level: "breach", cycle: 2 },
    ]);
  });

  it("counts business hours only: Friday 16:50 + 15 min is Monday 09:05", () => {
    const policyWithHours = slaPolicyFromConfig({
      firstResponse: 15,
      nextResponse: 30,
      resolution: 480,
      warnAtPercent: 50,
      onBreach: "notify",
      webhookUrl: "",
      timeZone: "UTC",
      hours: "mon-fri 09:00-17:00",
      holidays: "",
    });
    const friday = Date.UTC(2026, 10, 27, 16, 50);
    const clocks = SlaClocks.attach(policyWithHours);
    clocks.handoffStarted(friday);
    expect(new Date(clocks.nextDueAt(friday)!).toISOString()).toBe("2026-11-27T16:57:30.000Z");
    clocks.takeDue(Date.UTC(2026, 10, 27, 16, 58));
    expect(new Date(clocks.nextDueAt(Date.UTC(2026, 10, 27, 16, 58))!).toISOString()).toBe("2026-11-30T09:05:00.000Z");
    expect(clocks.view(Date.UTC(2026, 10, 28, 12, 0)).firstResponse.elapsedMs).toBe(10 * MIN);
  });

  it("re-targets running clocks from the handoff: a longer target re-arms a fired warning, a shorter one fires at once", () => {
    const clocks = SlaClocks.attach(policy());
    clocks.handoffStarted(t0);
    expect(clocks.takeDue(t0 + 8 * MIN)).toEqual([{ clock: "firstResponse", level: "warning", cycle: 1 }]);
    // Transferred at 8 min to a team whose policy gives 60 min: nothing has passed its new mark.
    clocks.retarget(policy({ targets: { firstResponse: 60 * MIN, nextResponse: 10 * MIN, resolution: 120 * MIN } }), t0 + 8 * MIN);
    expect(clocks.view(t0 + 8 * MIN).firstResponse).toMatchObject({ elapsedMs: 8 * MIN, targetMs: 60 * MIN, warned: false });
    expect(clocks.nextDueAt(t0 + 8 * MIN)).toBe(t0 + 30 * MIN);
    expect(clocks.takeDue(t0 + 30 * MIN)).toEqual([{ clock: "firstResponse", level: "warning", cycle: 2 }]);
    // Raised to a priority whose policy gives 20 min: 30 min have passed since the handoff.
    clocks.retarget(policy({ targets: { firstResponse: 20 * MIN, nextResponse: 10 * MIN, resolution: 120 * MIN } }), t0 + 30 * MIN);
    expect(clocks.nextDueAt(t0 + 30 * MIN)).toBe(t0 + 30 * MIN);
    expect(clocks.takeDue(t0 + 30 * MIN)).toEqual([{ clock: "firstResponse", level: "breach", cycle: 2 }]);
  });

  it("ignores clocks without a target", () => {
    const clocks = SlaClocks.attach(policy({ targets: { firstResponse: 0, nextResponse: 0, resolution: 0 } }));
    clocks.handoffStarted(t0);
    clocks.customerWrote(t0 + MIN);
    expect(clocks.nextDueAt(t0 + MIN)).toBeNull();
    expect(clocks.view(t0 + MIN).resolution.phase).toBe("idle");
  });
});

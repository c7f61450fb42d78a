import {
  addBusinessTime as addOpenTime,
  businessTimeBetween,
  SLA_CLOCKS,
  type BusinessCalendar,
  type SlaClockName,
  type SlaPolicy,
} from "@parley/flow/runtime";

/**
 * SLA clocks of one conversation, in business time. Pure and deterministic (the workflow passes
 * its own clock in), so it runs inside workflow code and is unit-tested without Temporal.
 *
 * - first response: from the handoff until an agent first replies;
 * - next response: from each customer message after an agent reply until the next agent reply;
 * - resolution: from the handoff until resolved, paused while the agent waits on the customer.
 */
export type ClockPhase = "idle" | "running" | "paused" | "met";

export interface SlaClock {
  phase: ClockPhase;
  /** Business milliseconds counted before `runningSince`. */
  elapsedMs: number;
  runningSince: number | null;
  warned: boolean;
  breached: boolean;
  /** Counts restarts (next response restarts per customer message): keeps escalation ids unique. */
  cycle: number;
}

export interface SlaState {
  policy: SlaPolicy;
  clocks: Record<SlaClockName, SlaClock>;
  /**
   * The policy came from the workspace's SLA policies (matched by team, priority and channel),
   * not from the flow's SLA node: a transfer or a priority change re-targets it (workspace-sla.ts).
   */
  fromWorkspace?: boolean;
}

export interface SlaEscalation {
  clock: SlaClockName;
  level: "warning" | "breach";
  cycle: number;
}

/** What the inbox and the Query show per clock. */
export interface SlaClockView {
  phase: ClockPhase;
  targetMs: number;
  elapsedMs: number;
  /** When the target is (or was) missed if the clock keeps running: ISO, null if not running. */
  dueAt: string | null;
  warned: boolean;
  breached: boolean;
}

/**
 * The instant `durationMs` of open time after `from`, or null when the calendar has no opening
 * within its scan limit. Validation rejects never-open calendars; this keeps a calendar that
 * only holidays close from failing the workflow task over and over.
 */
function addBusinessTime(calendar: BusinessCalendar, from: number, durationMs: number): number | null {
  try {
    return addOpenTime(calendar, from, durationMs);
  } catch {
    return null;
  }
}

const idleClock = (): SlaClock => ({ phase: "idle", elapsedMs: 0, runningSince: null, warned: false, breached: false, cycle: 0 });

export class SlaClocks {
  constructor(readonly state: SlaState) {}

  static attach(policy: SlaPolicy): SlaClocks {
    return new SlaClocks({
      policy,
      clocks: { firstResponse: idleClock(), nextResponse: idleClock(), resolution: idleClock() },
    });
  }

  private clock(name: SlaClockName): SlaClock {
    return this.state.clocks[name];
  }

  private hasTarget(name: SlaClockName): boolean {
    return this.state.policy.targets[name] > 0;
  }

  elapsed(name: SlaClockName, now: number): number {
    const clock = this.clock(name);
    const running = clock.runningSince === null ? 0 : businessTimeBetween(this.state.policy.calendar, clock.runningSince, now);
    return clock.elapsedMs + running;
  }

  private run(name: SlaClockName, now: number, fresh: boolean): void {
    if (!this.hasTarget(name)) return;
    const clock = this.clock(name);
    if (fresh) Object.assign(clock, { ...idleClock(), cycle: clock.cycle + 1 });
    if (clock.phase === "running" || clock.phase === "met") return;
    clock.phase = "running";
    clock.runningSince = now;
  }

  private halt(name: SlaClockName, now: number, phase: "paused" | "met"): void {
    const clock = this.clock(name);
    if (clock.phase !== "running" && !(phase === "met" && clock.phase === "paused")) return;
    clock.elapsedMs = this.elapsed(name, now);
    clock.runningSince = null;
    clock.phase = phase;
  }

  /** The conversation went to a person. */
  handoffStarted(now: number): void {
    this.run("firstResponse", now, true);
    this.run("resolution", now, true);
  }

  /** An agent wrote to the customer: responses are met, resolution waits on the customer. */
  agentReplied(now: number): void {
    this.halt("firstResponse", now, "met");
    this.halt("nextResponse", now, "met");
    this.halt("resolution", now, "paused");
  }

  /** The customer wrote while a person has the conversation. */
  customerWrote(now: number): void {
    const first = this.clock("firstResponse");
    // Before the first agent reply the first-response clock is the one running.
    if ((first.phase === "met" || !this.hasTarget("firstResponse")) && this.clock("nextResponse").phase !== "running") {
      this.run("nextResponse", now, true);
    }
    if (this.clock("resolution").phase === "paused") this.run("resolution", now, false);
  }

  /**
   * Another policy now applies (a transfer, a priority change): the clocks keep what they counted
   * since the handoff, under the old calendar up to now, and are measured against the new targets
   * from here on. A warning or breach already fired stays fired only if the new target is passed
   * too; otherwise it is armed again (a new cycle, so its escalation is a new one) at the new target.
   */
  retarget(policy: SlaPolicy, now: number): void {
    for (const name of SLA_CLOCKS) {
      const clock = this.clock(name);
      if (clock.runningSince !== null) {
        clock.elapsedMs = this.elapsed(name, now);
        clock.runningSince = now;
      }
    }
    this.state.policy = policy;
    for (const name of SLA_CLOCKS) {
      const clock = this.clock(name);
      const target = policy.targets[name];
      const warned = clock.warned && clock.elapsedMs >= (target * policy.warnAtPercent) / 100;
      const breached = clock.breached && clock.elapsedMs >= target;
      if (warned !== clock.warned || breached !== clock.breached) Object.assign(clock, { warned, breached, cycle: clock.cycle + 1 });
      // A clock the old policy did not keep (no target) starts with the new one only at its next trigger.
    }
  }

  /** Resolved or handed back: every clock stops where it is. */
  handoffEnded(now: number): void {
    for (const name of SLA_CLOCKS) this.halt(name, now, "met");
  }

  private thresholds(name: SlaClockName): { level: "warning" | "breach"; atMs: number }[] {
    const clock = this.clock(name);
    const target = this.state.policy.targets[name];
    const steps: { level: "warning" | "breach"; atMs: number }[] = [];
    if (!clock.warned) steps.push({ level: "warning", atMs: (target * this.state.policy.warnAtPercent) / 100 });
    if (!clock.breached) steps.push({ level: "breach", atMs: target });
    return steps;
  }

  /** The next instant an escalation falls due, or null when no running clock has one left. */
  nextDueAt(now: number): number | null {
    let next: number | null = null;
    for (const name of SLA_CLOCKS) {
      if (this.clock(name).phase !== "running") continue;
      const elapsed = this.elapsed(name, now);
      for (const step of this.thresholds(name)) {
        const at = addBusinessTime(this.state.policy.calendar, now, Math.max(0, step.atMs - elapsed));
        if (at !== null && (next === null || at < next)) next = at;
      }
    }
    return next;
  }

  /** Escalations whose threshold has passed, marked as fired (each fires once per cycle). */
  takeDue(now: number): SlaEscalation[] {
    const due: SlaEscalation[] = [];
    for (const name of SLA_CLOCKS) {
      const clock = this.clock(name);
      if (clock.phase !== "running") continue;
      const elapsed = this.elapsed(name, now);
      for (const step of this.thresholds(name)) {
        if (elapsed < step.atMs) continue;
        if (step.level === "warning") clock.warned = true;
        else clock.breached = true;
        due.push({ clock: name, level: step.level, cycle: clock.cycle });
      }
    }
    return due;
  }

  view(now: number): Record<SlaClockName, SlaClockView> {
    const entries = SLA_CLOCKS.map((name) => {
      const clock = this.clock(name);
      const targetMs = this.state.policy.targets[name];
      const elapsedMs = this.elapsed(name, now);
      const dueMs =
        clock.phase === "running" && targetMs > 0
          ? addBusinessTime(this.state.policy.calendar, now, Math.max(0, targetMs - elapsedMs))
          : null;
      const dueAt = dueMs === null ? null : new Date(dueMs).toISOString();
      return [name, { phase: clock.phase, targetMs, elapsedMs, dueAt, warned: clock.warned, breached: clock.breached }];
    });
    return Object.fromEntries(entries) as Record<SlaClockName, SlaClockView>;
  }
}

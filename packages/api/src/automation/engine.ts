import { PollingLoop } from "@parley/activities";
import { asJson } from "@parley/db";
import { AUTOMATION_IDLE_WORKFLOW, automationActivitySignal, automationIdleWorkflowId, automationStopSignal, type automationIdle } from "@parley/workflows";
import { recordAudit } from "../auth/audit";
import { applyActions, ruleActor, type AutomationServices } from "./apply-actions";
import { evaluateConditions } from "./conditions";
import { eventsOf, factsOf, type AutomationEvent, type ChangeRow } from "./events";
import { MAX_AUTOMATION_DEPTH, originOf, pendingEffects } from "./origin";
import { effectsOf, storedActions, storedConditions, type AutomationEventName } from "./rule-schema";
import { AUTOMATION_CURSOR } from "./cursor";

/** Rows read per poll; a larger burst is read over the next polls without waiting. */
const BATCH = 200;
const KINDS = ["conversation.created", "conversation.updated", "message", "automation.idle"];
/** A run in progress holds its row this long; a process that dies mid-run leaves it to be retried after. */
const LEASE_MS = 2 * 60_000;
/** Attempts of one run before it is given up (failed), and the wait before each next one. */
const MAX_ATTEMPTS = 6;
const retryDelayMs = (attempts: number) => Math.min(10_000 * 3 ** (attempts - 1), 60 * 60_000);

export interface AutomationEngineOptions {
  /** The conversations' task queue: the idle timers run there. */
  taskQueue: string;
  pollMs?: number;
}

type Rule = Awaited<ReturnType<typeof loadRules>>[number];

async function loadRules(services: AutomationServices, workspaceId: string) {
  const rules = await services.db.automationRule.findMany({ where: { workspaceId, enabled: true }, orderBy: { createdAt: "asc" } });
  return rules.map((rule) => ({ ...rule, event: rule.event as AutomationEventName, conditions: storedConditions.parse(rule.conditions), actions: storedActions.parse(rule.actions) }));
}

const isNotFound = (err: unknown) => (err as { name?: unknown } | null)?.name === "WorkflowNotFoundError" || (err as { code?: unknown } | null)?.code === 5;

/**
 * Runs the workspaces' automation rules. Reads the ChangeEvent table (written by database
 * triggers in the same transaction as each change, whoever made it) after a cursor kept in the
 * database, turns each row into automation events, and runs every enabled rule whose event it is
 * and whose conditions hold. Each (rule, event) is claimed by a unique AutomationRun row before
 * any action: a restart that reads rows again, or a second API process reading the same rows,
 * never runs a rule twice on one event. A run records each action as it is done and holds a lease
 * while it runs; one that failed (Temporal or the database away) or whose process died is tried
 * again later from its next action, with back-off, until MAX_ATTEMPTS. It lives in the API because
 * its actions are the inbox's (packages/api), which the worker does not import.
 */
export class AutomationEngine {
  private readonly loop: PollingLoop;

  constructor(
    private readonly services: AutomationServices,
    private readonly options: AutomationEngineOptions,
  ) {
    // A full batch means more changes are waiting: read on at once.
    this.loop = new PollingLoop("[automation] reading changes", async () => (await this.poll()) === BATCH, options.pollMs ?? 500);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops the timer; resolves when a pass in flight has finished. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Reads and handles the next rows after the cursor; how many it read. */
  async poll(): Promise<number> {
    const { db } = this.services;
    let cursor = (await db.automationCursor.findUnique({ where: { name: AUTOMATION_CURSOR } }))?.position;
    if (cursor === undefined) {
      // The first start acts on what happens from now on, not on the feed's last hour.
      const last = await db.changeEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
      cursor = last?.id ?? 0;
      await db.automationCursor.upsert({ where: { name: AUTOMATION_CURSOR }, create: { name: AUTOMATION_CURSOR, position: cursor }, update: {} });
    }
    const rows = await db.changeEvent.findMany({ where: { id: { gt: cursor }, kind: { in: KINDS } }, orderBy: { id: "asc" }, take: BATCH });
    const rules = new Map<string, Promise<Rule[]>>();
    for (const row of rows) {
      if (!rules.has(row.workspaceId)) rules.set(row.workspaceId, loadRules(this.services, row.workspaceId));
      await this.handle(row, await rules.get(row.workspaceId)!);
    }
    const last = rows.at(-1);
    // Never moves back: another process may have read further meanwhile.
    if (last) await db.automationCursor.updateMany({ where: { name: AUTOMATION_CURSOR, position: { lt: last.id } }, data: { position: last.id } });
    await this.retryDue();
    return rows.length;
  }

  /** Runs that failed, or whose process died, and are due again: each claimed by one process, resumed at its next action. */
  async retryDue(now = new Date()): Promise<void> {
    const { db } = this.services;
    const due = await db.automationRun.findMany({ where: { retryAt: { lte: now } }, orderBy: { retryAt: "asc" }, take: 20, include: { rule: true } });
    for (const run of due) {
      const claimed = await db.automationRun.updateMany({
        where: { id: run.id, retryAt: run.retryAt },
        data: { retryAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
      });
      if (claimed.count === 0) continue; // another process took it
      const rule = { ...run.rule, event: run.rule.event as AutomationEventName, conditions: storedConditions.parse(run.rule.conditions), actions: storedActions.parse(run.rule.actions) };
      if (!run.rule.enabled) {
        await db.automationRun.update({ where: { id: run.id }, data: { outcome: "failed", retryAt: null, pendingEffects: asJson([]), details: asJson({ error: "the rule was switched off before its run could finish" }) } });
        continue;
      }
      await this.perform(rule, run.conversationId, { name: rule.event, key: run.eventKey }, run.depth, { id: run.id, attempts: run.attempts + 1, nextAction: run.nextAction });
    }
  }

  /** One change: the idle timers it resets or stops, then the rules it sets off. */
  async handle(row: ChangeRow, rules: Rule[]): Promise<void> {
    if (!row.conversationId) return;
    const idleMinutes = rules.filter((rule) => rule.event === "idle" && rule.idleMinutes).map((rule) => rule.idleMinutes!);
    // Temporal unreachable: the timer misses this reset (like a failed run, at most once) rather
    // than hold up every rule behind this row.
    await this.tendIdleTimer(row, idleMinutes).catch((err: unknown) => console.error(`[automation] idle timer of ${row.conversationId}:`, err));
    if (rules.length === 0) return;
    const events = await eventsOf(this.services.db, row, new Set(rules.map((rule) => rule.event)));
    if (events.length === 0) return;
    const facts = await factsOf(this.services.db, row.conversationId);
    if (!facts) return;
    for (const event of events) {
      const origin = await originOf(this.services.db, row.conversationId, event, row.createdAt);
      const depth = origin?.depth ?? 0;
      for (const rule of rules) {
        if (rule.event !== event.name || (event.name === "idle" && rule.idleMinutes !== event.minutes)) continue;
        if (event.at && event.at < rule.createdAt) continue;
        // Loops: a rule never reacts to its own doing, and a chain of rules stops at the cap.
        if (origin?.ruleId === rule.id || depth > MAX_AUTOMATION_DEPTH) continue;
        if (!evaluateConditions(rule.conditions, { ...facts, text: event.text ?? facts.text }).matched) continue;
        await this.run(rule, row.conversationId, event, depth);
      }
    }
  }

  private async run(rule: Rule, conversationId: string, event: AutomationEvent, depth: number): Promise<void> {
    let runId: string;
    try {
      const run = await this.services.db.automationRun.create({
        data: { ruleId: rule.id, eventKey: event.key, conversationId, depth, pendingEffects: pendingEffects(effectsOf(rule.actions)), retryAt: new Date(Date.now() + LEASE_MS) },
      });
      runId = run.id;
    } catch (err) {
      if ((err as { code?: string }).code === "P2002") return; // this rule already ran on this event
      throw err;
    }
    await this.perform(rule, conversationId, event, depth, { id: runId, attempts: 1, nextAction: 0 });
  }

  /** One attempt of a claimed run, from its next action; each action done moves the run on. */
  private async perform(rule: Rule, conversationId: string, event: Pick<AutomationEvent, "name" | "key">, depth: number, run: { id: string; attempts: number; nextAction: number }): Promise<void> {
    const { db } = this.services;
    const progress = { from: run.nextAction, done: (index: number) => db.automationRun.update({ where: { id: run.id }, data: { nextAction: index + 1 } }).then(() => undefined) };
    try {
      const result = await applyActions(this.services, rule, conversationId, rule.actions, run.id, progress);
      const applied = rule.actions.filter((action) => result.applied.includes(action.type));
      await db.automationRun.update({ where: { id: run.id }, data: { retryAt: null, pendingEffects: pendingEffects(effectsOf(applied)), details: asJson(result) } });
      await recordAudit(db, null, {
        workspaceId: rule.workspaceId,
        actor: ruleActor(rule),
        action: "automation.run",
        target: { type: "conversation", id: conversationId },
        details: { rule: rule.name, event: event.name, depth, applied: result.applied, skipped: result.skipped, ...(run.attempts > 1 ? { attempt: run.attempts } : {}) },
      });
    } catch (err) {
      // Temporal or the database failed mid-run: the actions done so far stay done, and the run is
      // tried again from the next one after a back-off, until it is given up.
      const error = err instanceof Error ? err.message : String(err);
      const giveUp = run.attempts >= MAX_ATTEMPTS;
      console.error(`[automation] rule "${rule.name}" failed on ${conversationId} (attempt ${run.attempts}${giveUp ? ", giving up" : ""}):`, err);
      await db.automationRun
        .update({
          where: { id: run.id },
          data: giveUp
            ? { outcome: "failed", retryAt: null, pendingEffects: asJson([]), details: asJson({ error, attempts: run.attempts }) }
            : { retryAt: new Date(Date.now() + retryDelayMs(run.attempts)), details: asJson({ error, attempts: run.attempts }) },
        })
        // The database is what failed: the lease runs out and the run is retried all the same.
        .catch(() => undefined);
    }
  }

  /**
   * Activity (a conversation opening, a customer's or a person's message) starts the quiet spell
   * over; the conversation's end stops it. A rule's own reply is no activity: an idle rule that
   * answers would otherwise wake itself every N minutes forever.
   */
  private async tendIdleTimer(row: ChangeRow, idleMinutes: number[]): Promise<void> {
    const { db, temporal } = this.services;
    const conversationId = row.conversationId!;
    const workflowId = automationIdleWorkflowId(conversationId);
    if (row.kind === "conversation.updated" && (row.status === "resolved" || row.status === "closed") && row.previousStatus !== row.status) {
      await temporal.workflow.getHandle(workflowId).signal(automationStopSignal).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
      return;
    }
    if (idleMinutes.length === 0 || (row.kind !== "conversation.created" && row.kind !== "message")) return;
    if (row.status === "resolved" || row.status === "closed") return;
    if (row.kind === "message") {
      const latest = await db.message.findFirst({ where: { conversationId }, orderBy: { seq: "desc" }, select: { author: true, authorId: true } });
      if (!latest || !(latest.author === "contact" || (latest.author === "agent" && latest.authorId))) return;
    }
    // Started with the activity that starts it, so a fresh timer does not count it twice.
    await temporal.workflow.signalWithStart<typeof automationIdle, [{ minutes: number[]; changeId: number }]>(AUTOMATION_IDLE_WORKFLOW, {
      workflowId,
      taskQueue: this.options.taskQueue,
      args: [{ workspaceId: row.workspaceId, conversationId, minutes: idleMinutes, lastChangeId: row.id - 1 }],
      signal: automationActivitySignal,
      signalArgs: [{ minutes: idleMinutes, changeId: row.id }],
    });
  }
}

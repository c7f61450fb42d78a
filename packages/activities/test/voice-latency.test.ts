// Voice latencies per caller turn: the gateway sends each utterance's recognition time and the time
// to first audio of the reply heard before it; the recordTurn activity keeps them as analytics
// events of their own, and the Voice quality dashboard shows their p50 and p95 (nearest rank).
import { describe, expect, it } from "vitest";
import { EventScope, voiceDashboard } from "@parley/analytics";
import type { RecordTurnInput } from "../src";
import { activitiesOnTestDatabase } from "./activity-database";

const t = activitiesOnTestDatabase();
const { env } = t;

const at = (minute: number, second: number) => new Date(Date.UTC(2026, 0, 1, 9, minute, second)).toISOString();
/** 09:00–10:00 on a day in the past; the previous period, 08:00–09:00, had no calls. */
const range = { from: new Date(Date.UTC(2026, 0, 1, 9)), to: new Date(Date.UTC(2026, 0, 1, 10)) };

/** One caller turn on a conversation: heard with these latencies (undefined: not measured). */
function turn(conversationId: string, n: number, latencies: { sttLatencyMs?: number; ttsFirstByteMs?: number }): RecordTurnInput {
  const spoken = { confidence: 0.9, quality: { levelDbfs: -20, snrBeforeDb: 20, snrAfterDb: 25, speechRatio: 0.5, clippingRatio: 0 }, durationMs: 1200, engine: "azure", ...latencies };
  return {
    conversationId,
    messages: [{ id: `${conversationId}-${n}`, seq: n, author: "contact", text: `turn ${n}`, createdAt: at(n, 0), meta: { spoken } }],
    status: "active",
    variables: {},
    handoff: null,
  };
}

describe("voice latency per caller turn", () => {
  it("stores each turn's latencies and shows their p50 and p95 on the Voice quality dashboard", async () => {
    const first = await t.newConversation({ channel: "voice" });
    const second = await t.newConversation({ channel: "voice" });
    // Recognition: 11 turns, 100..1100 ms; the first turn of each call has no reply before it.
    const stt = [700, 100, 1100, 300, 900, 500, 200, 1000, 400, 800, 600];
    const tts = [undefined, 250, 150, 450, 350, undefined, 50, 550, 650, 750, 850];
    for (const [i, sttLatencyMs] of stt.entries()) {
      const conversation = i < 5 ? first : second;
      const input = turn(conversation.id, i + 1, { sttLatencyMs, ...(tts[i] !== undefined ? { ttsFirstByteMs: tts[i] } : {}) });
      await env.run(t.activities.recordTurn, input);
      await env.run(t.activities.recordTurn, input); // a retried activity counts once
    }
    const latency = (id: string) => t.database.db.analyticsEvent.findUniqueOrThrow({ where: { id }, select: { type: true, value: true } });
    await expect(latency(`${first.id}-2:stt`)).resolves.toEqual({ type: "voice_stt", value: 100 });
    await expect(latency(`${first.id}-2:tts`)).resolves.toEqual({ type: "voice_tts", value: 250 });
    expect(await t.database.db.analyticsEvent.count({ where: { conversationId: { in: [first.id, second.id] }, type: { in: ["voice_stt", "voice_tts"] } } })).toBe(11 + 9);

    const board = await voiceDashboard(new EventScope(t.database.db, t.database.seed.workspaceId, {}), range);
    // Nearest rank of 11: p50 is the 6th (600 ms), p95 the 11th (1100 ms).
    expect(board.figures.sttLatencyP50Ms).toEqual({ value: 600, previous: null });
    expect(board.figures.sttLatencyP95Ms).toEqual({ value: 1100, previous: null });
    // 9 measured: 50, 150, 250, 350, 450, 550, 650, 750, 850 → p50 the 5th, p95 the 9th.
    expect(board.figures.ttsFirstByteP50Ms).toEqual({ value: 450, previous: null });
    expect(board.figures.ttsFirstByteP95Ms).toEqual({ value: 850, previous: null });

    // The hour after compares with this one: nothing measured now, these percentiles before.
    const next = await voiceDashboard(new EventScope(t.database.db, t.database.seed.workspaceId, {}), { from: range.to, to: new Date(Date.UTC(2026, 0, 1, 11)) });
    expect(next.figures.sttLatencyP50Ms).toEqual({ value: null, previous: 600 });
    expect(next.figures.sttLatencyP95Ms).toEqual({ value: null, previous: 1100 });
    expect(next.figures.ttsFirstByteP50Ms).toEqual({ value: null, previous: 450 });
    expect(next.figures.ttsFirstByteP95Ms).toEqual({ value: null, previous: 850 });

    // The filters apply: no call was on the web channel.
    const one = await voiceDashboard(new EventScope(t.database.db, t.database.seed.workspaceId, { channel: "web" }), range);
    expect(one.figures.sttLatencyP50Ms.value).toBeNull();
  });
});

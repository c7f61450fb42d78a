import { setHandler } from "@temporalio/workflow";
import { MAX_MESSAGE_LENGTH, channelMovedSignal } from "./contracts";
import type { ConversationRun } from "./conversation-run";

/**
 * A conversation that moves to another channel keeps its workflow: only where its messages go
 * changes (the conversation row's channel, which the API sets before signalling). The move is a
 * system line in the transcript, and a bot message (the greeting and the last thing the bot or an
 * agent said) opens the thread on the new channel, so the customer has the context there.
 *
 * A new signal needs no patch: histories recorded before it never carry it.
 */
export function handleChannelMove(run: ConversationRun): void {
  setHandler(channelMovedSignal, (move) => {
    const { note, greeting, from, to } = (move ?? {}) as { note?: unknown; greeting?: unknown; from?: unknown; to?: unknown };
    // A signal cannot be refused: a payload that cannot be stored is dropped (see agent-signals).
    if (run.phase === "ended" || typeof note !== "string" || typeof greeting !== "string") return;
    if (!note || !greeting || note.length > MAX_MESSAGE_LENGTH || greeting.length > MAX_MESSAGE_LENGTH) return;
    const labels = typeof from === "string" && typeof to === "string" && from.length <= 60 && to.length <= 60 ? { channelMove: { from, to } } : undefined;
    run.transcript.add("system", note, undefined, labels);
    const last = [...run.transcript.recentTurns(20)].reverse().find((turn) => turn.author !== "contact");
    const text = last ? `${greeting}\n\n${last.text}` : greeting;
    run.transcript.add("bot", text.slice(0, MAX_MESSAGE_LENGTH));
    run.dirty = true;
  });
}

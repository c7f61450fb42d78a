import { ApplicationFailure, condition, setHandler } from "@temporalio/workflow";
import {
  FailureType,
  MAX_MESSAGE_LENGTH,
  customerMessageUpdate,
  customerVoiceMessageUpdate,
  openingUpdate,
  type CustomerMessageInput,
  type CustomerVoiceMessageInput,
  type TurnResult,
  type VoiceTurnResult,
  type VoiceUtterance,
} from "./contracts";
import type { ConversationRun } from "./conversation-run";
import { speech } from "./activity-proxies";
import { failureMessage, rethrowCancellation } from "./step-failures";
import { clientMessageIdProblem, customerMessageProblem } from "./message-checks";
import { messageFingerprint } from "./client-messages";
import { takeHandedTurn } from "./handed-turns";

/**
 * The customer's side of a conversation, as Updates that resolve with the bot's reaction once the
 * flow is idle again: the opening (update-with-start), typed messages and voice messages. Each
 * validator runs before the update is written to history, so a refused message leaves no trace.
 */
export function handleCustomerUpdates(run: ConversationRun): void {
  setHandler(openingUpdate, async () => {
    await condition(() => run.phase !== "running");
    // A starter that stores the opening gets its rows (handed-turns.ts).
    return run.input.openingStoredBy === "caller" ? { ...run.turnResult(0), ...takeHandedTurn(run) } : run.turnResult(0);
  });

  const onCustomerMessage = async ({ text, voice, clientMessageId, storedBy }: CustomerMessageInput): Promise<TurnResult> => {
    const remembered = rememberedAnswer(run, clientMessageId, () => messageFingerprint(text));
    if (remembered) return remembered;
    const result = await acceptCustomerMessage(run, text.trim(), voice, clientMessageId, storedBy === "caller");
    // Only a sender that stores the turn gets its rows (handed-turns.ts).
    return storedBy === "caller" ? { ...result, ...takeHandedTurn(run) } : result;
  };
  setHandler(customerMessageUpdate, onCustomerMessage, {
    validator: (message: CustomerMessageInput) => {
      if (typeof message?.text === "string" && rememberedAnswer(run, message.clientMessageId, () => messageFingerprint(message.text))) return;
      ensureOpen(run);
      // The API's rules, again: a client that talks to Temporal directly gets the same answer.
      const problem = customerMessageProblem(message);
      if (problem) throw ApplicationFailure.nonRetryable(problem, FailureType.InvalidMessage);
    },
  });

  // A voice message: transcribed by an activity (slow, retried, in history), then exactly a typed
  // message with meta.spoken. Messages that arrive meanwhile are not held back: the voice
  // message takes its place in the transcript when its words are known.
  setHandler(
    customerVoiceMessageUpdate,
    async ({ recordingId, clientMessageId }: CustomerVoiceMessageInput): Promise<VoiceTurnResult> => {
      const known = run.clientMessages.find(clientMessageId);
      if (known) return known.result as VoiceTurnResult;
      const heard = await transcribeVoiceMessage(run, recordingId);
      // The conversation may have ended while the engine listened: then nothing is recorded.
      ensureOpen(run);
      if (!heard.text) {
        throw ApplicationFailure.nonRetryable("no speech was heard in the recording", FailureType.NoSpeech);
      }
      // The recording keeps every word; a transcript longer than a message is cut to fit.
      const { text, ...spoken } = heard;
      const turn = { ...(await acceptCustomerMessage(run, text.slice(0, MAX_MESSAGE_LENGTH), spoken)), heard };
      // Remembered with what was heard: a resend of the upload is answered exactly like the first.
      run.clientMessages.remember(clientMessageId, `recording-${recordingId}`, turn);
      return turn;
    },
    {
      validator: (message: CustomerVoiceMessageInput) => {
        if (run.clientMessages.find(message?.clientMessageId)) return;
        ensureOpen(run);
        const id: unknown = message?.recordingId;
        if (typeof id !== "string" || id.length === 0 || id.length > 64) {
          throw ApplicationFailure.nonRetryable("recordingId must be 1 to 64 characters", FailureType.InvalidMessage);
        }
        const idProblem = clientMessageIdProblem(message.clientMessageId);
        if (idProblem) throw ApplicationFailure.nonRetryable(idProblem, FailureType.InvalidMessage);
      },
    },
  );
}

/** Rejects messages to a conversation that is over (before anything is written to history). */
function ensureOpen(run: ConversationRun): void {
  if ((run.status !== "active" && run.status !== "handoff") || run.phase === "ended") {
    throw ApplicationFailure.nonRetryable(`conversation is ${run.status}`, FailureType.ConversationEnded);
  }
}

/**
 * Records the customer's words, queues them for the flow, and answers once the bot is idle.
 * With a client message id the turn's result is remembered, so a resend is answered, not applied.
 */
async function acceptCustomerMessage(
  run: ConversationRun,
  text: string,
  spoken: VoiceUtterance | undefined,
  clientMessageId?: string,
  storedByCaller = false,
): Promise<TurnResult> {
  // Only `spoken` goes to meta: old histories (typed messages) produce the very same message.
  const message = run.transcript.add("contact", text, undefined, spoken ? { spoken } : undefined);
  run.storedByCaller = (run.storedByCaller ?? true) && storedByCaller;
  run.inbox.push({ seq: message.seq, text: message.text });
  if (run.status === "handoff") run.slaChanged((clocks, now) => clocks.customerWrote(now));
  await condition(() => run.idleAfter(message.seq));
  const accepted = { id: message.id, seq: message.seq, ...(clientMessageId ? { fingerprint: messageFingerprint(text) } : {}) };
  const result = { ...run.turnResult(message.seq), accepted };
  run.clientMessages.remember(clientMessageId, messageFingerprint(text), result);
  return result;
}

/**
 * A client message id already answered (in this run or one before a continue-as-new): the same
 * words get the first answer again; other words under that id are refused (the API says 409).
 */
function rememberedAnswer(run: ConversationRun, clientMessageId: string | undefined, fingerprint: () => string): TurnResult | undefined {
  const known = run.clientMessages.find(clientMessageId);
  if (known && known.fingerprint !== fingerprint()) {
    throw ApplicationFailure.nonRetryable(`message id ${clientMessageId} was already used for a different message`, FailureType.MessageIdReused);
  }
  return known?.result;
}

/** The activity's transcript; any failure (after its retries) is one the caller can act on. */
async function transcribeVoiceMessage(run: ConversationRun, recordingId: string): Promise<VoiceUtterance & { text: string }> {
  try {
    // The conversation's id scopes the lookup: another conversation's recording is "not found".
    return await speech.transcribeRecording({ recordingId, conversationId: run.conversationId });
  } catch (err) {
    rethrowCancellation(err);
    throw ApplicationFailure.nonRetryable(`the voice message could not be transcribed: ${failureMessage(err)}`, FailureType.RecordingUnavailable);
  }
}

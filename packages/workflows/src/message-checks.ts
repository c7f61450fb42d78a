import { textProblem } from "@parley/flow/runtime";
import { MAX_MESSAGE_LENGTH, type CustomerMessageInput } from "./contracts";

/** The assign signal's payload, as the API sends it. */
export interface Assignment {
  agentId: string | null;
  team?: string;
  note?: string;
  /** Set by the team queue for an accepted offer. */
  offerId?: string;
}

/**
 * Whether an assign signal's payload can be applied and stored: ids and texts that are text
 * without broken characters. Not the full rule (blank or long notes were stored before it, and
 * old histories must replay the same); the API applies that.
 */
export function isAssignment(change: unknown): change is Assignment {
  if (typeof change !== "object" || change === null) return false;
  const { agentId, team, note, offerId } = change as Record<string, unknown>;
  const storable = (value: unknown) => typeof value === "string" && textProblem(value, { label: "", max: MAX_MESSAGE_LENGTH, allowEmpty: true }) === null;
  return (agentId === null || storable(agentId)) && (team === undefined || storable(team)) && (note === undefined || storable(note)) && (offerId === undefined || typeof offerId === "string");
}

/**
 * Why a customer message update is refused, or null. The API checks the same with zod; this is
 * for every other client of Temporal, so nothing reaches history that the database then refuses
 * (the voice meta is stored as JSON with the message). Pure: runs in the update validator.
 */
export function customerMessageProblem(message: unknown): string | null {
  const { text, voice, clientMessageId, storedBy } = (typeof message === "object" && message !== null ? message : {}) as Partial<
    Record<keyof CustomerMessageInput, unknown>
  >;
  const problem = textProblem(typeof text === "string" ? text.trim() : "", { label: "message text", max: MAX_MESSAGE_LENGTH });
  if (problem) return problem.message;
  if (storedBy !== undefined && storedBy !== "caller") return 'storedBy must be "caller" when given';
  const idProblem = clientMessageIdProblem(clientMessageId);
  if (idProblem) return idProblem;
  if (voice === undefined) return null;
  if (typeof voice !== "object" || voice === null) return "voice must describe how the message was heard";
  const heard = voice as Record<string, unknown>;
  if (!fraction(heard.confidence)) return "voice confidence must be a number from 0 to 1";
  const quality = (typeof heard.quality === "object" && heard.quality !== null ? heard.quality : null) as Record<string, unknown> | null;
  const qualityOk =
    quality !== null &&
    finite(quality.levelDbfs) &&
    (quality.snrBeforeDb === null || finite(quality.snrBeforeDb)) &&
    (quality.snrAfterDb === null || finite(quality.snrAfterDb)) &&
    fraction(quality.speechRatio) &&
    fraction(quality.clippingRatio);
  if (!qualityOk) return "voice quality must give levelDbfs, snrBeforeDb, snrAfterDb, speechRatio and clippingRatio as numbers";
  if (!finite(heard.durationMs) || heard.durationMs < 0) return "voice durationMs must be a number of 0 or more";
  if (!label(heard.engine, 64, false)) return "voice engine must be a name of 1 to 64 characters";
  if (!label(heard.interruptedMessageId, 100, true) || !label(heard.recordingId, 64, true)) {
    return "voice interruptedMessageId and recordingId must be ids";
  }
  if (!milliseconds(heard.sttLatencyMs) || !milliseconds(heard.ttsFirstByteMs)) return "voice sttLatencyMs and ttsFirstByteMs must be numbers of 0 or more";
  return null;
}

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const milliseconds = (value: unknown): boolean => value === undefined || (finite(value) && value >= 0);
const fraction = (value: unknown): boolean => finite(value) && value >= 0 && value <= 1;
const label = (value: unknown, max: number, optional: boolean): boolean =>
  (optional && value === undefined) || (typeof value === "string" && textProblem(value, { label: "", max }) === null);

/** A client message id is remembered across continue-as-new (client-messages.ts): the API's rule. */
export function clientMessageIdProblem(clientMessageId: unknown): string | null {
  if (clientMessageId === undefined || (typeof clientMessageId === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(clientMessageId))) return null;
  return "clientMessageId must be 1-64 letters, digits, - or _";
}

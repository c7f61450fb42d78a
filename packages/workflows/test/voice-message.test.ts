// Voice messages through the conversation workflow: a real Temporal dev server and worker, a real
// SQLite database with the encrypted audio store, the offline speech engine, espeak-ng speech.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from "@temporalio/client";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createSpeechProviders, encodeWav, parseWav } from "@parley/voice";
import { createAudioCipher, createAudioStore } from "@parley/activities/voice";
import { FailureType, agentMessageSignal, customerVoiceMessageUpdate, stateQuery } from "../src";
import { sendCustomerMessage, sendCustomerVoiceMessage } from "../src/client";
import { conversationHarness } from "./support/harness";

const audioKey = randomBytes(32);
const speech = createSpeechProviders({});
const harness = conversationHarness({
  taskQueuePrefix: "voice-message-test",
  worker: { activityDeps: { audioCipher: createAudioCipher(audioKey), speech } },
});
afterAll(async () => {
  await Promise.all([speech.stt.close?.(), speech.tts.close?.()]);
});

/** Asks what to return, confirms with the answer, asks for anything else, ends. */
const returnsFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "ask_item", kind: "ask", position: { x: 0, y: 100 }, config: { question: "What would you like to return?", variable: "item" } },
    { id: "confirm", kind: "message", position: { x: 0, y: 200 }, config: { text: "Noted: {{item}}." } },
    { id: "ask_more", kind: "ask", position: { x: 0, y: 300 }, config: { question: "Anything else?", variable: "more" } },
    { id: "end", kind: "end", position: { x: 0, y: 400 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask_item" },
    { id: "e2", source: "ask_item", sourcePort: "answered", target: "confirm" },
    { id: "e3", source: "confirm", sourcePort: "next", target: "ask_more" },
    { id: "e4", source: "ask_more", sourcePort: "answered", target: "end" },
  ],
};

/** espeak-ng saying `text`, as a phone system's 22.05 kHz WAV would deliver it. */
function spoken(text: string) {
  // A file, not --stdout: a piped WAV header declares an unknown (streaming) length.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parley-espeak-")), "speech.wav");
  execFileSync("espeak-ng", ["-w", file, "-s", "150", "-v", "en-us", text]);
  const wav = fs.readFileSync(file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return parseWav(new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength));
}

/** Stores audio for a conversation as the API's voice message route does. */
async function storeRecording(conversationId: string, audio: { sampleRate: number; samples: Int16Array }) {
  const store = createAudioStore(harness.database.db, createAudioCipher(audioKey));
  return (await store.save({ conversationId, kind: "recording", sampleRate: audio.sampleRate, samples: audio.samples })).id;
}

async function updateFailure(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause as unknown as { type?: string; message: string };
}

describe("voice messages", () => {
  it("transcribes a stored recording in an activity; the bot answers the transcript like a typed message", async () => {
    const { id, handle, opening } = await harness.run(returnsFlow);
    expect(opening.replies.map((reply) => reply.text)).toEqual(["What would you like to return?"]);
    const audio = spoken("I want to send back a broken lamp.");
    const recordingId = await storeRecording(id, audio);

    const turn = await sendCustomerVoiceMessage(handle, { recordingId });
    expect(turn.heard.text.toLowerCase()).toMatch(/lamp|broken/);
    expect(turn.heard).toMatchObject({ recordingId, durationMs: Math.round(audio.durationMs) });
    expect(turn.heard.confidence).toBeGreaterThan(0);
    expect(turn.heard.confidence).toBeLessThanOrEqual(1);
    // The flow's ask took the transcript as its answer, exactly as it takes typed text.
    expect(turn.replies.map((reply) => reply.text)).toEqual([`Noted: ${turn.heard.text}.`, "Anything else?"]);

    const { db } = harness.database;
    const message = await db.message.findUniqueOrThrow({ where: { id: turn.accepted!.id } });
    expect(message).toMatchObject({ author: "contact", text: turn.heard.text });
    expect(message.meta).toMatchObject({ spoken: { recordingId, confidence: turn.heard.confidence, engine: turn.heard.engine } });
    expect(await db.audioRecording.findUniqueOrThrow({ where: { id: recordingId } })).toMatchObject({ conversationId: id, messageId: message.id });

    // The transcription is an activity in the conversation's history, not work in the caller.
    const history = await handle.fetchHistory();
    const scheduled = history.events!.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === "transcribeRecording");
    expect(scheduled).toHaveLength(1);
  }, 120_000);

  it("a recording that does not exist, or is another conversation's, fails for the caller; the conversation carries on", async () => {
    const { id, handle, say } = await harness.run(returnsFlow);
    const missing = await updateFailure(sendCustomerVoiceMessage(handle, { recordingId: "no-such-recording" }));
    expect(missing.type).toBe(FailureType.RecordingUnavailable);
    expect(missing.message).toMatch(/could not be transcribed: .*no-such-recording not found/);

    const other = await harness.run(returnsFlow);
    const foreign = await storeRecording(other.id, spoken("Cancel my order."));
    expect((await updateFailure(sendCustomerVoiceMessage(handle, { recordingId: foreign }))).type).toBe(FailureType.RecordingUnavailable);
    expect((await harness.database.db.audioRecording.findUniqueOrThrow({ where: { id: foreign } })).messageId).toBeNull();

    // Nothing was recorded for the failed messages, and a typed message is answered as usual.
    const turn = await say("A kettle");
    expect(turn.accepted?.seq).toBe(2);
    expect(turn.replies.map((reply) => reply.text)).toEqual(["Noted: A kettle.", "Anything else?"]);
    const messages = await harness.database.db.message.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => [m.author, m.text])).toEqual([
      ["bot", "What would you like to return?"],
      ["contact", "A kettle"],
      ["bot", "Noted: A kettle."],
      ["bot", "Anything else?"],
    ]);
  }, 120_000);

  it("a recording without speech is refused with NoSpeech and records nothing as the customer's words", async () => {
    const { id, handle } = await harness.run(returnsFlow);
    const quiet = parseWav(encodeWav(new Int16Array(16_000 * 2), 16_000));
    const recordingId = await storeRecording(id, quiet);
    const failure = await updateFailure(sendCustomerVoiceMessage(handle, { recordingId }));
    expect(failure).toMatchObject({ type: FailureType.NoSpeech, message: "no speech was heard in the recording" });
    expect(await harness.database.db.message.count({ where: { conversationId: id, author: "contact" } })).toBe(0);
    expect(await handle.query(stateQuery)).toMatchObject({ phase: "waiting", status: "active" });
  }, 120_000);

  it("a continue-as-new falling due while a voice message is transcribed waits for it, then answers it", async () => {
    const versionId = await harness.publish(returnsFlow);
    // How long the history is when the flow first waits; the next run rolls over a few events later,
    // i.e. after the voice message was accepted, when the agent's message wakes the workflow.
    const probe = await harness.start(versionId);
    const firstWait = (await probe.handle.describe()).historyLength;
    const { id, handle } = await harness.start(versionId, { continueAsNewAfterEvents: firstWait + 3 });
    const recordingId = await storeRecording(id, spoken("I would like to return the blue winter coat that I bought last month, because the zip is broken."));

    const update = await handle.startUpdate(customerVoiceMessageUpdate, { args: [{ recordingId }], waitForStage: WorkflowUpdateStage.ACCEPTED });
    await handle.signal(agentMessageSignal, { agentId: "agent-1", text: "I am looking at this too." });
    const turn = await update.result();
    expect(turn.heard.text.toLowerCase()).toMatch(/coat|zip|return/);
    expect(turn.replies.map((reply) => reply.text)).toEqual([`Noted: ${turn.heard.text}.`, "Anything else?"]);

    // The hand-over happened at the next idle point, and the new run carries on.
    await expect.poll(async () => (await handle.query(stateQuery)).continuedRuns, { timeout: 20_000 }).toBeGreaterThan(0);
    const last = await sendCustomerMessage(harness.client.workflow.getHandle(id), { text: "No, thanks" });
    expect(last).toMatchObject({ status: "resolved" });
  }, 120_000);
});

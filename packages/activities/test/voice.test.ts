// Voice activities against a real SQLite database and the real offline speech engines.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockActivityEnvironment } from "@temporalio/testing";
import { ApplicationFailure } from "@temporalio/common";
import { createSpeechProviders, parseWav } from "@parley/voice";
import { createActivities } from "../src";
import { createAudioCipher, createAudioStore } from "../src/voice";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let database: TestDatabase;
let speech: ReturnType<typeof createSpeechProviders>;
let activities: ReturnType<typeof createActivities>;
const key = randomBytes(32);
const env = new MockActivityEnvironment();
const run = <I, O>(activity: (input: I) => Promise<O>, input: I) => env.run(activity, input) as Promise<O>;

beforeAll(async () => {
  database = await createTestDatabase();
  speech = createSpeechProviders({});
  activities = createActivities({ db: database.db, audioCipher: createAudioCipher(key), speech });
});
afterAll(async () => {
  await Promise.all([speech?.stt.close?.(), speech?.tts.close?.()]);
  await database?.close();
});

async function newConversation() {
  const { db, seed } = database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
  return db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `wf-${contact.id}`, channel: "voice" },
  });
}

/** A voicemail as a phone system would deliver it: espeak-ng speech in a 22.05 kHz WAV. */
function voicemail(text: string) {
  // A file, not --stdout: a piped WAV header declares an unknown (streaming) length.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parley-espeak-")), "speech.wav");
  execFileSync("espeak-ng", ["-w", file, "-s", "150", "-v", "en-us", text]);
  const wav = fs.readFileSync(file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return parseWav(new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength));
}

async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe("voice activities", () => {
  it("stores recordings encrypted and transcribes them with their confidence and quality", async () => {
    const conversation = await newConversation();
    const audio = voicemail("Please call me back about my invoice.");
    const store = createAudioStore(database.db, createAudioCipher(key));
    const { id } = await store.save({ conversationId: conversation.id, kind: "recording", sampleRate: audio.sampleRate, samples: audio.samples });

    const row = await database.db.audioRecording.findUniqueOrThrow({ where: { id } });
    expect(row.bytes).toBe(audio.samples.byteLength);
    expect(Buffer.from(row.data).equals(Buffer.from(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength))).toBe(false);
    expect(row.durationMs).toBe(Math.round(audio.durationMs));

    const transcript = await run(activities.transcribeRecording, { recordingId: id });
    expect(transcript.text.toLowerCase()).toMatch(/invoice|call/);
    expect(transcript.confidence).toBeGreaterThan(0);
    expect(transcript.confidence).toBeLessThanOrEqual(1);
    expect(transcript.recordingId).toBe(id);
    expect(transcript.durationMs).toBe(Math.round(audio.durationMs));
    expect(transcript.quality.speechRatio).toBeGreaterThan(0.2);
    expect(transcript.engine).toBeTruthy();
  }, 120_000);

  it("synthesizes a prompt into stored audio that reads back as speech", async () => {
    const conversation = await newConversation();
    const prompt = await run(activities.synthesizePrompt, { text: "Your parcel is on its way.", conversationId: conversation.id });
    expect(prompt.sampleRate).toBe(speech.tts.sampleRate);
    expect(prompt.durationMs).toBeGreaterThan(500);
    const row = await database.db.audioRecording.findUniqueOrThrow({ where: { id: prompt.recordingId } });
    expect(row).toMatchObject({ kind: "prompt", conversationId: conversation.id });

    const quality = await run(activities.assessRecordingQuality, { recordingId: prompt.recordingId });
    expect(quality.speechRatio).toBeGreaterThan(0.3);
    expect(quality.levelDbfs).toBeLessThan(0);
    const heard = await run(activities.transcribeRecording, { recordingId: prompt.recordingId });
    expect(heard.text.toLowerCase()).toMatch(/parcel|way/);
  }, 120_000);

  it("refuses tampered audio, unknown ids and bad input without retrying", async () => {
    const conversation = await newConversation();
    const audio = voicemail("Hello.");
    const { id } = await createAudioStore(database.db, createAudioCipher(key)).save({ conversationId: conversation.id, kind: "recording", sampleRate: audio.sampleRate, samples: audio.samples });
    const row = await database.db.audioRecording.findUniqueOrThrow({ where: { id } });
    const tag = Buffer.from(row.tag);
    tag[0]! ^= 0xff;
    await database.db.audioRecording.update({ where: { id }, data: { tag } });

    const tampered = await failure(run(activities.transcribeRecording, { recordingId: id }));
    expect(tampered).toMatchObject({ type: "AudioIntegrity", nonRetryable: true });
    expect(tampered.message).toMatch(/altered or the audio key is wrong/);

    const missing = await failure(run(activities.assessRecordingQuality, { recordingId: "nope" }));
    expect(missing).toMatchObject({ type: "InvalidVoiceInput", nonRetryable: true });
    const empty = await failure(run(activities.synthesizePrompt, { text: "  " }));
    expect(empty.message).toMatch(/text or ssml is required/);

    // Another key (a rotated or wrong PARLEY_AUDIO_KEY) cannot read the audio either.
    const other = createActivities({ db: database.db, audioCipher: createAudioCipher(randomBytes(32)), speech });
    const good = await createAudioStore(database.db, createAudioCipher(key)).save({ kind: "recording", sampleRate: 16_000, samples: new Int16Array(1600) });
    expect(await failure(run(other.assessRecordingQuality, { recordingId: good.id }))).toMatchObject({ type: "AudioIntegrity" });
  }, 60_000);
});

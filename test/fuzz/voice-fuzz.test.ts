// The voice gateway's WebSocket edge, fuzzed: callers send hostile control messages and audio
// frames in any order (through a real `ws` client), and raw bytes no WebSocket library would send
// (through a hand-written peer). Each is answered with a readable `bad-message`/`bad-audio` error
// or a protocol close; none may crash the API process, answer with an `internal` error (the
// gateway's 500) or leave the gateway unable to take the next call.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiServices } from "@parley/api";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import type { ServerMessage } from "@parley/voice/protocol";
import { attachVoiceGateway, type VoiceGateway } from "../../apps/api/src";
import { CallClient } from "../../apps/api/test/support/call-client";
import { clientFrame, closeCodeIn, upgradeRequest } from "../../apps/api/test/support/raw-websocket";
import { testServices } from "../support/api";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { hostileJson, hostileNumber, hostileString } from "./hostile";

const RUNS = 60;

let database: TestDatabase;
let services: ApiServices;
let server: Server;
let gateway: VoiceGateway;
let speech: ReturnType<typeof createSpeechProviders>;
let port: number;
const tokens = new Map<string, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  // No call here finishes a spoken turn (the audio is too short or too quiet for the VAD to end
  // one), so the gateway never reaches Temporal: the conversation rows are all it reads.
  services = testServices(database, null as never, "unused");
  speech = createSpeechProviders({});
  server = createServer();
  gateway = attachVoiceGateway(server, {
    services,
    engines: { createPipeline: (options) => createVoicePipeline(options), stt: speech.stt, tts: speech.tts },
    // Short enough that a fuzzed call which never says hello ends within the run.
    limits: { helloTimeoutMs: 1000 },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  gateway?.close();
  await new Promise((resolve) => server?.close(resolve));
  await Promise.all([speech?.stt.close?.(), speech?.tts.close?.()]);
  await database?.close();
});

/** An open voice conversation, as conversations.start leaves it, and its caller's URL. */
async function voiceCall(): Promise<string> {
  const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId } });
  const id = `voice-fuzz-${randomBytes(6).toString("hex")}`;
  await database.db.conversation.create({
    data: { id, workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId: database.seed.publishedVersionId, channel: "voice", workflowId: id },
  });
  tokens.set(id, (await services.tokens.issue({ conversationId: id, workspaceId: database.seed.workspaceId })).token);
  return `ws://127.0.0.1:${port}/voice/calls/${id}?token=${tokens.get(id)}`;
}

const HELLO = { type: "hello", capabilities: { sampleRate: 16_000 } };

/** The gateway still takes a call: hello → ready. */
async function expectGatewayServes() {
  const caller = new CallClient(await voiceCall());
  await caller.opened();
  caller.send(HELLO);
  await caller.next("ready", undefined, 30_000);
  caller.close();
}

const messageType = fc.constantFrom("hello", "stats", "ptt", "mute", "barge-in", "hangup");
/** A control message: well-formed ones, ones of a known type with hostile fields, and anything. */
const controlMessage = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<unknown>(HELLO, { type: "stats", packetLossPct: 1, jitterMs: 20 }, { type: "mute", muted: true }, { type: "mute", muted: false }, { type: "barge-in" }, { type: "ptt", pressed: true }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        type: fc.oneof(messageType, hostileString),
        capabilities: fc.oneof(hostileJson, fc.record({ sampleRate: fc.oneof(hostileNumber, fc.constantFrom(8000, 48_000)), cpuBudget: hostileString, noiseSuppressedByBrowser: hostileJson })),
        mode: hostileString,
        packetLossPct: hostileNumber,
        jitterMs: hostileNumber,
        pressed: hostileJson,
        muted: hostileJson,
      },
      { requiredKeys: ["type"] },
    ),
  },
  { weight: 1, arbitrary: hostileJson },
);

/** Audio: whole and odd byte counts, empty, oversized, and quiet PCM (never a finished turn). */
const audioFrame = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 1_500 }),
  fc.integer({ min: 1, max: 400 }).map((samples) => new Uint8Array(new Int16Array(samples).map((_, i) => (i % 7) - 3).buffer)),
  fc.constant(new Uint8Array(70_000)),
);

const frame = fc.oneof(
  { weight: 3, arbitrary: controlMessage.map((message) => ({ text: JSON.stringify(message) ?? "null" })) },
  { weight: 1, arbitrary: hostileString.map((text) => ({ text })) },
  { weight: 2, arbitrary: audioFrame.map((audio) => ({ audio })) },
);

/** What the gateway may answer a hostile caller; anything else (an `internal` error) is a bug. */
const EXPECTED_ERRORS = new Set(["bad-message", "bad-audio"]);
/** Closes a hostile caller may get: normal, policy (flood), too big, no hello, unexpected condition is not one. */
const EXPECTED_CLOSES = new Set([1000, 1005, 1006, 1008, 1009, 4408]);

describe("voice gateway fuzz", () => {
  it("hostile control messages and audio frames get readable errors, never an internal one", { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 12 }), async (frames) => {
        const caller = new CallClient(await voiceCall());
        await caller.opened();
        for (const sent of frames) {
          if (caller.closed) break;
          caller.socket.send("text" in sent ? sent.text : sent.audio);
        }
        // Let the gateway answer everything sent (an error per bad frame arrives in order).
        await new Promise((resolve) => setTimeout(resolve, 50));
        caller.close();
        await caller.waitClosed();
        const errors = caller.texts("error");
        for (const error of errors) expect(EXPECTED_ERRORS, JSON.stringify(error)).toContain(error.code);
        expect(EXPECTED_CLOSES, `close ${caller.closed?.code} ${caller.closed?.reason}`).toContain(caller.closed?.code);
        for (const received of caller.received) {
          if (received.kind === "text") expect(isServerMessage(received.message), JSON.stringify(received.message)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    await expectGatewayServes();
  });

  it("bytes that are not WebSocket frames end that socket alone; the gateway takes the next call", { timeout: 600_000 }, async () => {
    const rawBytes = fc.oneof(
      // Random bytes where a frame should be.
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      // Well-framed but wrong: reserved opcodes, an unmasked client frame, a fragmented or oversized ping.
      fc.constantFrom(
        clientFrame(0x3, Buffer.from("reserved opcode")),
        clientFrame(0xb, Buffer.alloc(4)),
        Buffer.from([0x81, 0x05, ...Buffer.from("plain")]),
        Buffer.concat([Buffer.from([0x09 | 0x00]), clientFrame(0x9, Buffer.alloc(0)).subarray(1)]),
        clientFrame(0x9, Buffer.alloc(200)),
        // A text frame whose bytes are not UTF-8.
        clientFrame(0x1, Buffer.from([0xc3, 0x28, 0xff])),
        // A length that claims 2^63 bytes.
        Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(rawBytes, { minLength: 1, maxLength: 4 }), fc.boolean(), async (chunks, helloFirst) => {
        const url = new URL(await voiceCall());
        const prefix = helloFirst ? [clientFrame(0x1, Buffer.from(JSON.stringify(HELLO)))] : [];
        const ending = await rawSession(`${url.pathname}${url.search}`, [...prefix, ...chunks]);
        // A protocol close or a dropped connection; or, for bytes that are only the start of a
        // frame, a socket still waiting for the rest (which the test then drops).
        expect(ending === "dropped" || ending === "waiting" || [1002, 1007, 1008, 1009, 4408].includes(ending), `ending ${ending}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
    await expectGatewayServes();
  });
});

describe("voice gateway fuzz: hang-ups, oversized frames, hostile upgrades", () => {
  it("callers that hang up at any moment, frames past the limit and hostile upgrades: no 5xx, every call slot back", { timeout: 600_000 }, async () => {
    // Hang up (a close frame, or the TCP connection dropped without one) right after opening,
    // during the hello or in the middle of audio: nothing waits for the gateway to answer first.
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { maxLength: 8 }), fc.constantFrom("close", "drop"), fc.boolean(), async (frames, hangUp, helloFirst) => {
        const caller = new CallClient(await voiceCall());
        await caller.opened();
        if (helloFirst) caller.send(HELLO);
        for (const sent of frames) caller.socket.send("text" in sent ? sent.text : sent.audio);
        if (hangUp === "close") caller.close();
        else caller.socket.terminate();
        await caller.waitClosed();
        for (const error of caller.texts("error")) expect(EXPECTED_ERRORS, JSON.stringify(error)).toContain(error.code);
      }),
      { numRuns: RUNS },
    );

    // A frame past the socket's payload limit (1 MiB) ends that call as too big, nothing more.
    const tooBig = new CallClient(await voiceCall());
    await tooBig.opened();
    tooBig.send(HELLO);
    tooBig.socket.send(new Uint8Array(1024 * 1024 + 1));
    expect((await tooBig.waitClosed()).code).toBe(1009);

    // Upgrades to hostile paths and tokens are refused with a 4xx (or taken), never a 5xx.
    const id = new URL(await voiceCall()).pathname.split("/")[3]!;
    // Every byte percent-encoded: hostile text as UTF-8, and bytes that are not UTF-8 at all.
    const percentEncoded = (bytes: Uint8Array) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
    const junk = fc.oneof(
      hostileString.map((text) => percentEncoded(Buffer.from(text, "utf8"))),
      fc.uint8Array({ maxLength: 40 }).map(percentEncoded),
    );
    const upgradePath = fc.oneof(
      junk.map((token) => `/voice/calls/${id}?token=${token}`),
      junk.map((token) => `/voice/calls/${id}/listen?token=${token}`),
      junk.map((path) => `/voice/calls/${path}?token=${tokens.get(id)}`),
      fc.constantFrom(`/voice/calls/${id}`, `/voice/calls/${id}?token=`, `/voice/calls/${id}?token=%`, "/voice/calls/", "/voice/calls/%E0%A4%A", `/voice/calls/${"a".repeat(65)}`, `/voice/calls/${id}/listen/extra`),
    );
    await fc.assert(
      fc.asyncProperty(upgradePath, async (path) => {
        const status = await upgradeStatus(path);
        expect(status === "dropped" || status < 500, `${path} → ${status}`).toBe(true);
      }),
      { numRuns: RUNS },
    );

    // Every call that ended has given its slot back, and the gateway takes the next one.
    await expect.poll(() => gateway.activeCalls(), { timeout: 30_000 }).toBe(0);
    await expectGatewayServes();
  });
});

/** The HTTP status the server answers a WebSocket upgrade to `path` with (101 when it takes it). */
function upgradeStatus(path: string): Promise<number | "dropped"> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(upgradeRequest(path)));
    let received = "";
    const done = (status: number | "dropped") => {
      socket.destroy();
      resolve(status);
    };
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status) done(Number(status[1]));
    });
    socket.on("error", () => done("dropped"));
    socket.on("close", () => done("dropped"));
  });
}

const SERVER_TYPES = new Set<ServerMessage["type"]>(["ready", "state", "partial", "final", "reply", "tts-start", "tts-end", "barge-in", "metrics", "error", "ended"]);
function isServerMessage(message: unknown): boolean {
  return typeof message === "object" && message !== null && SERVER_TYPES.has((message as { type: ServerMessage["type"] }).type);
}

/**
 * Upgrades with a hand-written request, writes `chunks` one by one, and reports how the server
 * ended it: the close frame's code, "dropped" when it closed the TCP connection without one, or
 * "waiting" when it still waits past the hello timeout (the bytes may be half a frame).
 */
function rawSession(path: string, chunks: Buffer[]): Promise<number | "dropped" | "waiting"> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done("waiting"), 2_000);
    const done = (ending: number | "dropped" | "waiting") => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ending);
    };
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(upgradeRequest(path));
      for (const chunk of chunks) socket.write(chunk);
    });
    let received = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      try {
        const code = closeCodeIn(received);
        if (code !== null) done(code);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    socket.on("error", () => done("dropped"));
    socket.on("close", () => done("dropped"));
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { widgetApi, type Status, type WidgetMessage } from "./api";
import { isLive, LiveUpdates } from "./live-updates";
import { MessageList } from "./message-list";

/**
 * LiveUpdates against a loopback server that speaks the widget API's stream and messages routes
 * the way apps/api writes them (server-sent events `data:` lines, JSON refusals), through the
 * widget's real `widgetApi` and `fetch`.
 */

type Handler = (response: ServerResponse, request: IncomingMessage) => void;
interface Seen {
  route: "stream" | "messages";
  after: string | null;
  token: string | undefined;
  closed: Promise<void>;
}

const bot = (seq: number): WidgetMessage => ({ id: `m${seq}`, seq, author: "bot", text: `reply ${seq}` });
const event = (status: Status, messages: WidgetMessage[]) => `data: ${JSON.stringify({ status, messages })}\n\n`;

let server: Server | undefined;
afterEach(async () => {
  vi.useRealTimers();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Answers the n-th request with `handlers[n]`; `request(n)` settles once the n-th has arrived. */
async function loopbackApi(handlers: Handler[]) {
  const seen: Seen[] = [];
  const arrivals: Array<() => void> = [];
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://loopback");
    const route = url.pathname.endsWith("/stream") ? "stream" : "messages";
    const closed = new Promise<void>((resolve) => response.on("close", () => resolve()));
    seen.push({ route, after: url.searchParams.get("after"), token: request.headers["x-parley-conversation-token"] as string | undefined, closed });
    arrivals[seen.length - 1]?.();
    const handler = handlers[seen.length - 1];
    if (handler) handler(response, request);
    else response.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const request = (index: number) => (seen[index] ? Promise.resolve(seen[index]) : new Promise<Seen>((resolve) => (arrivals[index] = () => resolve(seen[index]!))));
  return { api: widgetApi(`http://127.0.0.1:${port}`, "pub-1"), seen, request };
}

/** The conversation's side as WidgetConversation plays it: keeps the messages and status, stops listening once ended. */
function conversation(api: ReturnType<typeof widgetApi>, status: Status) {
  const messages = new MessageList();
  const state = { status: status as Status | null, sending: false, draws: 0 };
  const live: LiveUpdates = new LiveUpdates(api, {
    session: () => ({ conversationId: "conv-1", token: "token-1" }),
    status: () => state.status,
    lastSeq: () => messages.lastSeq(),
    sending: () => state.sending,
    merge: (arrived, next) => {
      for (const message of arrived) messages.put(message);
      state.status = next;
      if (!isLive(next)) live.stop();
    },
    draw: () => (state.draws += 1),
  });
  return { live, messages, state };
}

const sse = (response: ServerResponse) => response.writeHead(200, { "content-type": "text/event-stream" });

describe("LiveUpdates", () => {
  it("hands each event to the conversation, and reconnects after the stream ends, resuming after the last seen message", async () => {
    const { api, request } = await loopbackApi([
      (response) => {
        sse(response);
        response.write(": keep-alive\n\n");
        response.write(event("active", [bot(1)]));
        response.end(`id: 2\n${event("handoff", [bot(2)])}`);
      },
      (response) => sse(response),
    ]);
    const { live, messages, state } = conversation(api, "active");
    live.follow();
    const first = await request(0);
    expect(first).toMatchObject({ route: "stream", after: "0", token: "token-1" });
    const second = await request(1);
    expect(second).toMatchObject({ route: "stream", after: "2", token: "token-1" });
    expect(messages.sorted().map((message) => message.id)).toEqual(["m1", "m2"]);
    expect(state).toMatchObject({ status: "handoff", draws: 2 });
    live.stop();
    await second.closed;
  });

  it("closes the stream once an event says the conversation has ended", async () => {
    const { api, request } = await loopbackApi([
      (response) => {
        sse(response);
        response.write(event("resolved", [bot(1)]));
      },
    ]);
    const { live, state } = conversation(api, "active");
    live.follow();
    await (await request(0)).closed;
    expect(state.status).toBe("resolved");
  });

  it("keeps the status a send in flight will bring over the one in an event read before it finished", async () => {
    const { api, request } = await loopbackApi([
      (response) => {
        sse(response);
        response.write(event("active", [bot(1)]));
      },
    ]);
    const { live, messages, state } = conversation(api, "handoff");
    state.sending = true;
    live.follow();
    await request(0);
    await vi.waitFor(() => expect(state.draws).toBe(1));
    expect(messages.lastSeq()).toBe(1);
    expect(state.status).toBe("handoff");
    live.stop();
  });

  it("polls after three failed stream connections in a row, after the last seen message", async () => {
    const refuse: Handler = (response) => response.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ error: "bad gateway" }));
    const { api, seen, request } = await loopbackApi([
      (response) => {
        sse(response);
        response.end(event("active", [bot(1)]));
      },
      refuse,
      refuse,
      refuse,
      (response) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "active", messages: [bot(2)] })),
    ]);
    // Only the reconnect and poll delays are faked: the sockets stay real.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { live, messages } = conversation(api, "active");
    live.follow();
    const polled = request(4);
    let done = false;
    void polled.then(() => (done = true));
    while (!done) await vi.advanceTimersByTimeAsync(250);
    expect(seen.map((request) => `${request.route}?after=${request.after}`)).toEqual(["stream?after=0", "stream?after=1", "stream?after=1", "stream?after=1", "messages?after=1"]);
    await vi.waitFor(() => expect(messages.lastSeq()).toBe(2));
    live.stop();
  });
});

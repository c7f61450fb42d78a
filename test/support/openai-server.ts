import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible server for tests: the endpoints Parley uses (chat completions, plain
 * and streamed as server-sent events, and embeddings) on loopback, port 0. Tests drive the real
 * `openai` SDK against it, so what is exercised is the wire protocol, not a module mock.
 *
 * Each test scripts the chat answer with `respond` (content, a tool call, an error status, a
 * delay) and reads `requests` to assert what the SDK sent. Embeddings are a deterministic hashed
 * bag of words: texts sharing words get close vectors, so ranking tests mean something.
 */

/** The chat completion request body as the SDK sends it (only the fields tests look at are typed). */
export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string | null }[];
  stream?: boolean;
  tools?: { type: "function"; function: { name: string; parameters?: unknown; strict?: boolean } }[];
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  [key: string]: unknown;
}

/** What the server answers to one chat completion request. */
export type ChatAnswer =
  | { content: string; delayMs?: number; finishReason?: "stop" | "length" | "content_filter" }
  | { toolCall: { name: string; arguments: string }; delayMs?: number }
  | { status: number; error?: { message: string; type?: string; code?: string }; delayMs?: number };

export type ChatResponder = (body: ChatRequestBody) => ChatAnswer | Promise<ChatAnswer>;

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface OpenAIServer {
  /** Base URL for the SDK, e.g. `http://127.0.0.1:54321/v1`. */
  readonly baseURL: string;
  /** Every request received, oldest first. */
  readonly requests: ReceivedRequest[];
  /** Requests to one path (e.g. `/v1/chat/completions`), bodies typed loosely. */
  requestsTo(path: string): ReceivedRequest[];
  /** Replaces the chat responder (the default says "Hello from the test server."). */
  respond(responder: ChatResponder): void;
  /** Embedding requests answer with this status instead (null: answer normally). */
  failEmbeddings(status: number | null): void;
  reset(): void;
  close(): Promise<void>;
}

/** The key tests configure; any other key gets a 401 like the real API. */
export const TEST_API_KEY = "sk-parley-test";

export const EMBEDDING_DIMENSIONS = 64;

export async function startOpenAIServer(): Promise<OpenAIServer> {
  const requests: ReceivedRequest[] = [];
  const defaultResponder: ChatResponder = () => ({ content: "Hello from the test server." });
  let responder = defaultResponder;
  let embeddingFailure: number | null = null;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, { message: `test server: ${String(err)}`, type: "server_error" });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return sendError(res, 400, { message: "body is not JSON", type: "invalid_request_error" });
    }
    const path = (req.url ?? "").split("?")[0]!;
    requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization, body });

    if (req.headers.authorization !== `Bearer ${TEST_API_KEY}`) {
      return sendError(res, 401, { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" });
    }
    if (req.method === "POST" && path === "/v1/chat/completions") return chat(body as ChatRequestBody, res);
    if (req.method === "POST" && path === "/v1/embeddings") return embeddings(body as EmbeddingsBody, res);
    return sendError(res, 404, { message: `no route ${req.method} ${path}`, type: "invalid_request_error" });
  }

  async function chat(body: ChatRequestBody, res: ServerResponse): Promise<void> {
    const answer = await responder(body);
    if (answer.delayMs) await sleepUnlessClosed(answer.delayMs, res);
    if (res.destroyed) return;
    if ("status" in answer) return sendError(res, answer.status, answer.error ?? { message: `scripted ${answer.status}`, type: "server_error" });

    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const message =
      "toolCall" in answer
        ? {
            role: "assistant",
            content: null,
            tool_calls: [{ id: `call_${requests.length}`, type: "function", function: answer.toolCall }],
          }
        : { role: "assistant", content: answer.content, refusal: null };
    const finishReason = "toolCall" in answer ? "tool_calls" : (answer.finishReason ?? "stop");

    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model: body.model,
        choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      });
    }

    // Server-sent events as the API streams them: role first, content in small pieces, the
    // finish reason in a last chunk, then [DONE].
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const chunk = (delta: unknown, finish: string | null = null) =>
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    chunk({ role: "assistant", content: "" });
    if ("toolCall" in answer) {
      chunk({ tool_calls: [{ index: 0, id: `call_${requests.length}`, type: "function", function: { name: answer.toolCall.name, arguments: answer.toolCall.arguments } }] });
    } else {
      for (const piece of answer.content.match(/\S+\s*|\s+/g) ?? []) chunk({ content: piece });
    }
    chunk({}, finishReason);
    res.end("data: [DONE]\n\n");
  }

  function embeddings(body: EmbeddingsBody, res: ServerResponse): void {
    if (embeddingFailure !== null) return sendError(res, embeddingFailure, { message: `scripted ${embeddingFailure}`, type: "server_error" });
    const inputs = typeof body.input === "string" ? [body.input] : body.input;
    if (!Array.isArray(inputs) || inputs.some((input) => typeof input !== "string")) {
      return sendError(res, 400, { message: "input must be a string or an array of strings", type: "invalid_request_error" });
    }
    const data = inputs.map((input, index) => {
      const vector = hashedBagOfWords(input);
      // The SDK asks for base64 by default (and decodes it): little-endian float32.
      const embedding = body.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
      return { object: "embedding", index, embedding };
    });
    sendJson(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    respond: (next) => {
      responder = next;
    },
    failEmbeddings: (status) => {
      embeddingFailure = status;
    },
    reset: () => {
      requests.length = 0;
      responder = defaultResponder;
      embeddingFailure = null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

interface EmbeddingsBody {
  model: string;
  input: string | string[];
  encoding_format?: "float" | "base64";
}

/** Words hashed into signed buckets, L2-normalised: shared words make vectors close. */
export function hashedBagOfWords(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    let hash = 2166136261;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619);
    const bucket = (hash >>> 0) % EMBEDDING_DIMENSIONS;
    vector[bucket]! += hash & 0x100 ? 1 : -1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: { message: string; type?: string; code?: string }): void {
  sendJson(res, status, { error: { message: error.message, type: error.type ?? "server_error", param: null, code: error.code ?? null } });
}

/** Waits `ms`, returning early when the client hung up (an SDK timeout aborts the request). */
function sleepUnlessClosed(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

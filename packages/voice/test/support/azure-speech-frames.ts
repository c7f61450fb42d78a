/**
 * The frames of Azure Speech's WebSocket protocol, as microsoft-cognitiveservices-speech-sdk writes
 * and reads them (common.speech/WebsocketMessageFormatter.js), and the parts of their bodies the
 * loopback stand-in of ./azure-speech-server.ts reads (JSON, the WAV header of the first audio
 * message, speech.context's phrase list).
 *
 * Frames: text = "Header: value\r\n...\r\n\r\n" + body; binary = 2-byte big-endian header length,
 * the same headers, then the payload. Every message carries Path and X-RequestId.
 */
import type { WebSocket } from "ws";

const CRLF = "\r\n";

export function decode(data: Buffer, isBinary: boolean): { headers: Record<string, string>; text?: string; binary?: Buffer } {
  if (!isBinary) {
    const raw = data.toString("utf8");
    const split = raw.indexOf(CRLF + CRLF);
    return { headers: parseHeaders(split < 0 ? raw : raw.slice(0, split)), text: split < 0 ? "" : raw.slice(split + 4) };
  }
  const headerLength = data.readUInt16BE(0);
  return { headers: parseHeaders(data.toString("ascii", 2, 2 + headerLength)), binary: data.subarray(2 + headerLength) };
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(CRLF)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function headerBlock(path: string, requestId: string, extra: Record<string, string>): string {
  const headers = { "X-RequestId": requestId, Path: path, "X-Timestamp": new Date().toISOString(), ...extra };
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}${CRLF}`).join("");
}

export function send(ws: WebSocket, path: string, requestId: string, body: unknown): void {
  ws.send(`${headerBlock(path, requestId, { "Content-Type": "application/json; charset=utf-8" })}${CRLF}${JSON.stringify(body)}`);
}

export function sendBinary(ws: WebSocket, path: string, requestId: string, payload: Buffer, extra: Record<string, string>): void {
  const headers = Buffer.from(headerBlock(path, requestId, extra), "ascii");
  const frame = Buffer.alloc(2 + headers.length + payload.length);
  frame.writeUInt16BE(headers.length, 0);
  headers.copy(frame, 2);
  payload.copy(frame, 2 + headers.length);
  ws.send(frame);
}

export function dataOffset(wav: Buffer): number {
  let offset = 12;
  while (offset + 8 <= wav.length) {
    if (wav.toString("ascii", offset, offset + 4) === "data") return offset + 8;
    offset += 8 + wav.readUInt32LE(offset + 4);
  }
  return wav.length;
}

export function json(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}

/** Phrase-list entries from speech.context's dynamic grammar (dgi.groups[].items[].text). */
export function phrasesOf(context: unknown): string[] {
  const groups = (context as { dgi?: { groups?: Array<{ items?: Array<{ text?: string }> }> } })?.dgi?.groups ?? [];
  return groups.flatMap((g) => (g.items ?? []).map((i) => i.text ?? "")).filter(Boolean);
}

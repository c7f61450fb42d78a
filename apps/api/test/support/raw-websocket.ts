// A WebSocket peer written by hand (RFC 6455), for bytes a well-behaved client library never sends.
import { randomBytes } from "node:crypto";
import net from "node:net";

/** A masked client frame (RFC 6455 §5.2), for bytes that must arrive in the same write as the upgrade. */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length < 126 ? Buffer.from([0x80 | payload.length]) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode]), length, mask, masked]);
}

/** The HTTP request that opens a WebSocket at `path`, as a browser would send it. */
export function upgradeRequest(path: string): string {
  return [`GET ${path} HTTP/1.1`, "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`, "Sec-WebSocket-Version: 13", "", ""].join("\r\n");
}

/**
 * The code of the server's close frame in what it sent so far (handshake response, then
 * unmasked frames): 1005 for a close frame without one, null when none has arrived whole yet.
 * Frames over 64 KiB never come to these raw peers, and are reported as an error.
 */
export function closeCodeIn(received: Buffer): number | null {
  const headerEnd = received.indexOf("\r\n\r\n");
  if (headerEnd < 0) return null;
  for (let at = headerEnd + 4; at + 2 <= received.length; ) {
    const opcode = received[at]! & 0x0f;
    let length = received[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 127) throw new Error("the server sent a frame over 64 KiB to a raw peer");
    if (length === 126) {
      if (at + 4 > received.length) return null;
      length = received.readUInt16BE(at + 2);
      start += 2;
    }
    if (start + length > received.length) return null;
    if (opcode === 0x8) return length >= 2 ? received.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return null;
}

/**
 * Sends the upgrade request and `frames` in one write, so they are in the server's buffer before
 * it has looked the conversation up; resolves with the close code the server sends.
 */
export function upgradeWithFrames(port: number, path: string, frames: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(Buffer.concat([Buffer.from(upgradeRequest(path)), ...frames])));
    let received = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const code = closeCodeIn(received);
      if (code === null) return;
      socket.destroy();
      resolve(code);
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`closed without a close frame: ${received.toString("latin1").slice(0, 200)}`)));
  });
}

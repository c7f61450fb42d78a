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

/**
 * Sends the upgrade request and `frames` in one write, so they are in the server's buffer before
 * it has looked the conversation up; resolves with the close code the server sends.
 */
export function upgradeWithFrames(port: number, path: string, frames: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      const request = [`GET ${path} HTTP/1.1`, "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`, "Sec-WebSocket-Version: 13", "", ""].join("\r\n");
      socket.write(Buffer.concat([Buffer.from(request), ...frames]));
    });
    let received = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const headerEnd = received.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      // Server frames are unmasked; payloads here are short (< 126 bytes) or 16-bit lengths.
      for (let at = headerEnd + 4; at + 2 <= received.length; ) {
        const opcode = received[at]! & 0x0f;
        let length = received[at + 1]! & 0x7f;
        let start = at + 2;
        if (length === 126) {
          length = received.readUInt16BE(at + 2);
          start += 2;
        }
        if (start + length > received.length) break;
        if (opcode === 0x8) {
          socket.destroy();
          return resolve(received.readUInt16BE(start));
        }
        at = start + length;
      }
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`closed without a close frame: ${received.toString("latin1").slice(0, 200)}`)));
  });
}

/**
 * The caller's control messages (every text frame): within the rate limit, parsed against the
 * protocol, each to its handler. The handler table is typed by the protocol, so a message type
 * without a handler is a compile error.
 */
import type { RawData } from "ws";
import { parseClientMessage, type ClientMessage } from "@parley/voice/protocol";
import { VoiceCallError } from "./call-error";
import { PerSecond, frameText } from "./frames";
import type { VoiceLimits } from "./limits";

export type ControlHandlers = { [K in ClientMessage["type"]]: (message: Extract<ClientMessage, { type: K }>) => void };

export class CallerControls {
  private readonly rate: PerSecond;

  constructor(
    private readonly limits: Pick<VoiceLimits, "maxTextFramesPerSecond" | "maxTextFrameBytes">,
    private readonly handlers: ControlHandlers,
  ) {
    this.rate = new PerSecond(limits.maxTextFramesPerSecond);
  }

  /** One text frame from the caller; a flood, an oversized frame or a bad message throws a VoiceCallError. */
  receive(data: RawData): void {
    if (!this.rate.take()) {
      throw new VoiceCallError("bad-message", `more than ${this.limits.maxTextFramesPerSecond} control messages per second`, 1008);
    }
    const parsed = parseClientMessage(frameText(data, this.limits.maxTextFrameBytes));
    if (!parsed.ok) throw new VoiceCallError("bad-message", parsed.error);
    const message = parsed.message;
    (this.handlers[message.type] as (m: ClientMessage) => void)(message);
  }
}

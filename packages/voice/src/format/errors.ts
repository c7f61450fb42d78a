/** Why audio was refused: the gateway maps every code to a `bad-audio` error for the caller. */
export type AudioFormatErrorCode = "unsupported" | "corrupt" | "empty" | "too-large";

/** The only error the format parsers throw, whatever bytes they are given. */
export class AudioFormatError extends Error {
  override readonly name = "AudioFormatError";
  constructor(
    readonly code: AudioFormatErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a RIFF/WAVE stream as it arrives (espeak-ng --stdout), yielding its PCM16 samples. A
 * streaming writer cannot know the sizes up front, so the header's size fields are ignored: the
 * data runs to the end of the stream.
 */
export class WavStreamReader {
  private header = Buffer.alloc(0);
  private carry: Buffer | undefined;
  private format: { sampleRate: number; channels: number } | undefined;

  get sampleRate(): number | undefined {
    return this.format?.sampleRate;
  }

  /** Samples in this piece (empty while the header is still incomplete). */
  push(piece: Buffer): Int16Array {
    let data: Buffer;
    if (!this.format) {
      this.header = Buffer.concat([this.header, piece]);
      const parsed = parseHeader(this.header);
      if (!parsed) return new Int16Array(0);
      this.format = parsed.format;
      data = this.header.subarray(parsed.dataOffset);
      this.header = Buffer.alloc(0);
    } else {
      data = piece;
    }
    if (this.carry) {
      data = Buffer.concat([this.carry, data]);
      this.carry = undefined;
    }
    const frameBytes = 2 * this.format.channels;
    const usable = data.length - (data.length % frameBytes);
    if (usable < data.length) this.carry = Buffer.from(data.subarray(usable));
    const frames = usable / frameBytes;
    const out = new Int16Array(frames);
    for (let i = 0; i < frames; i++) out[i] = data.readInt16LE(i * frameBytes); // first channel
    return out;
  }
}

function parseHeader(bytes: Buffer): { format: { sampleRate: number; channels: number }; dataOffset: number } | undefined {
  if (bytes.length < 12) return undefined;
  if (bytes.toString("ascii", 0, 4) !== "RIFF" || bytes.toString("ascii", 8, 12) !== "WAVE") {
    throw new Error("not a WAV stream");
  }
  let offset = 12;
  let format: { sampleRate: number; channels: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString("ascii", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === "data") {
      if (!format) throw new Error("WAV data before its fmt chunk");
      return { format, dataOffset: offset + 8 };
    }
    if (offset + 8 + size > bytes.length) return undefined; // wait for the rest of this chunk
    if (id === "fmt ") {
      const audioFormat = bytes.readUInt16LE(offset + 8);
      const channels = bytes.readUInt16LE(offset + 10);
      const sampleRate = bytes.readUInt32LE(offset + 12);
      const bits = bytes.readUInt16LE(offset + 22);
      if (audioFormat !== 1 || bits !== 16 || channels < 1) throw new Error(`unsupported WAV format (format ${audioFormat}, ${bits} bit)`);
      format = { sampleRate, channels };
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

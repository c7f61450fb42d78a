import { describe, expect, it } from "vitest";
import { acceptedFileType, sniffFileType } from "./file-sniff";

const bytes = (...values: (number | string)[]) => new Uint8Array(values.flatMap((value) => (typeof value === "string" ? [...Buffer.from(value, "latin1")] : [value])));

describe("customer files by their content", () => {
  it("knows pictures, PDFs and plain text by their first bytes", () => {
    expect(sniffFileType(bytes(0x89, "PNG\r\n", 0x1a, "\n", 0, 0))).toBe("image/png");
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffFileType(bytes("GIF89a", 1, 0))).toBe("image/gif");
    expect(sniffFileType(bytes("RIFF", 0, 0, 0, 0, "WEBPVP8 "))).toBe("image/webp");
    expect(sniffFileType(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffFileType(new TextEncoder().encode("Grüße,\tOrder 12\r\n"))).toBe("text/plain");
  });

  it("knows nothing else: programs, archives, binary noise, empty files", () => {
    expect(sniffFileType(bytes(0x7f, "ELF", 2, 1))).toBeNull();
    expect(sniffFileType(bytes("PK", 3, 4, 20, 0))).toBeNull();
    expect(sniffFileType(bytes("MZ", 0x90, 0))).toBeNull();
    expect(sniffFileType(bytes(0xc3, 0x28))).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });

  it("takes the content's type when the declared one agrees or says nothing", () => {
    const png = bytes(0x89, "PNG\r\n", 0x1a, "\n");
    expect(acceptedFileType("image/png", png)).toBe("image/png");
    expect(acceptedFileType("IMAGE/PNG; charset=binary", png)).toBe("image/png");
    expect(acceptedFileType("", png)).toBe("image/png");
    expect(acceptedFileType("application/octet-stream", png)).toBe("image/png");
    expect(acceptedFileType("image/jpg", bytes(0xff, 0xd8, 0xff))).toBe("image/jpeg");
    expect(acceptedFileType("image/jpeg", png)).toBeNull();
    expect(acceptedFileType("text/html", bytes("<p>hi</p>"))).toBeNull();
  });
});

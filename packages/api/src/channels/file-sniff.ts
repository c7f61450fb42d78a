/**
 * What a customer's file really is, from its first bytes: a declared Content-Type is the
 * browser's guess from the file name, so a renamed `.exe` would pass as `image/png`. Only the
 * kinds agents can open safely are recognised: pictures (PNG, JPEG, GIF, WebP), PDF, and plain
 * UTF-8 text.
 */
export const ACCEPTED_FILE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"] as const;
export type AcceptedFileType = (typeof ACCEPTED_FILE_TYPES)[number];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const SIGNATURES: { type: AcceptedFileType; test: (bytes: Uint8Array) => boolean }[] = [
  { type: "image/png", test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: "image/jpeg", test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: "image/gif", test: (b) => startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a")) },
  { type: "image/webp", test: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8) },
  { type: "application/pdf", test: (b) => startsWith(b, ascii("%PDF-")) },
];

/** Valid UTF-8 without control characters other than tab, newlines and form feed: text a person wrote. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  return !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text);
}

/** The file's type by its content; null for anything not accepted (or empty). */
export function sniffFileType(bytes: Uint8Array): AcceptedFileType | null {
  if (bytes.byteLength === 0) return null;
  const signed = SIGNATURES.find((signature) => signature.test(bytes));
  if (signed) return signed.type;
  return isPlainText(bytes) ? "text/plain" : null;
}

/** A declared type as compared: lower case, no parameters, the common `image/jpg` alias folded. */
export function normalizeDeclaredType(declared: string | null | undefined): string {
  const type = (declared ?? "").toLowerCase().split(";")[0]!.trim();
  return type === "image/jpg" || type === "image/pjpeg" ? "image/jpeg" : type;
}

/**
 * The stored type, or null when the file must be refused (415): the content must be an accepted
 * kind, and a declared type (other than the browser's "don't know") must say the same.
 */
export function acceptedFileType(declared: string | null | undefined, bytes: Uint8Array): AcceptedFileType | null {
  const sniffed = sniffFileType(bytes);
  if (!sniffed) return null;
  const type = normalizeDeclaredType(declared);
  if (type === "" || type === "application/octet-stream") return sniffed;
  return type === sniffed ? sniffed : null;
}

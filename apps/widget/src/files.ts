import type { WidgetFile, WidgetMessage } from "./api";

/**
 * The customer's files in the widget: what the paperclip accepts (the server checks the content
 * again, this only spares a doomed upload), and how a sent file shows in the transcript: a
 * picture as a thumbnail, anything else as a chip with its name and size. The bytes come through
 * the API with the customer's token, so the element gets a local object URL once they arrive.
 */
export const ACCEPTED_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];
const IMAGE = /^image\//;

/** Why a picked file will not be sent, or null when it may be. */
export function refusal(file: File, maxBytes: number): string | null {
  if (file.size === 0) return `${file.name} is empty`;
  if (file.size > maxBytes) return `${file.name} is larger than ${formatSize(maxBytes)}`;
  if (file.type && !ACCEPTED_TYPES.includes(file.type)) return "Send a picture (PNG, JPEG, GIF, WebP), a PDF or a text file";
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** The words the server puts in a message that only carries files: the widget shows the file instead. */
export function isFilePlaceholder(text: string, files: readonly WidgetFile[]): boolean {
  return files.length > 0 && text === `[sent ${files.map((file) => file.fileName).join(", ")}]`;
}

/** Object URLs of the customer's files, fetched once each (or known already: the file just picked). */
export class FileUrls {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(private readonly fetchFile: (fileId: string) => Promise<Blob>) {}

  /** The picked file itself stands for the stored one: no round trip to show what was just sent. */
  remember(fileId: string, blob: Blob): void {
    this.urls.set(fileId, Promise.resolve(URL.createObjectURL(blob)));
  }

  url(fileId: string): Promise<string> {
    let url = this.urls.get(fileId);
    if (!url) {
      url = this.fetchFile(fileId).then((blob) => URL.createObjectURL(blob));
      // A failed read may succeed later (a fresh token after a reload).
      url.catch(() => this.urls.delete(fileId));
      this.urls.set(fileId, url);
    }
    return url;
  }
}

/**
 * A sent file in the transcript; `url` resolves to its bytes. `onLoad` runs when a picture has
 * loaded (it grows the log: the view keeps the newest message in sight).
 */
export function fileElement(file: Pick<WidgetFile, "fileName" | "contentType" | "bytes">, url: Promise<string> | undefined, onLoad: () => void): HTMLElement {
  const link = document.createElement("a");
  link.className = IMAGE.test(file.contentType) ? "attachment own image" : "attachment own file";
  link.dataset.testid = "widget-own-file";
  link.target = "_blank";
  link.rel = "noopener";
  link.download = file.fileName;
  link.title = `${file.fileName} (${formatSize(file.bytes)})`;
  if (IMAGE.test(file.contentType)) {
    const image = document.createElement("img");
    image.alt = file.fileName;
    image.addEventListener("load", onLoad);
    link.append(image);
    void url?.then((href) => {
      image.src = href;
      link.href = href;
    }, () => undefined);
  } else {
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = file.fileName;
    const size = document.createElement("span");
    size.className = "size";
    size.textContent = formatSize(file.bytes);
    link.append(name, size);
    void url?.then((href) => (link.href = href), () => undefined);
  }
  return link;
}

/** A picked file as the customer's message while it uploads: shown from its own bytes under `localId`. */
export function pendingFile(file: File, urls: FileUrls, localId: string): Pick<WidgetMessage, "text" | "attachments"> {
  urls.remember(localId, file);
  return { text: `[sent ${file.name}]`, attachments: [{ id: localId, fileName: file.name, contentType: file.type, bytes: file.size }] };
}

/** A message as read again; a copy read before its file was stored keeps the file already known. */
export function withKnownFiles(previous: WidgetMessage | undefined, message: WidgetMessage): WidgetMessage {
  const known = previous?.attachments;
  return known?.length && !message.attachments?.length ? { ...message, attachments: known } : message;
}

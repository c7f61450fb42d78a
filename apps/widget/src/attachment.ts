/**
 * A bot message's attachment (`meta.mediaUrl`, set on the flow's message node), drawn as the web
 * chat draws it: an image inline when the URL names one, a link otherwise. Only http(s) URLs are
 * drawn at all: a stored URL is data, not trusted markup.
 */
const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|svg)$/i;

export function safeMediaUrl(url: unknown): string | null {
  if (typeof url !== "string" || !url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function attachmentElement(url: unknown): HTMLElement | null {
  const href = safeMediaUrl(url);
  if (!href) return null;
  const link = document.createElement("a");
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.className = "attachment";
  link.dataset.testid = "widget-attachment";
  if (IMAGE_EXTENSIONS.test(new URL(href).pathname)) {
    const image = document.createElement("img");
    image.src = href;
    image.alt = "Attachment";
    image.loading = "lazy";
    link.append(image);
  } else {
    link.textContent = "Open attachment";
  }
  return link;
}

import { z } from "zod";

/**
 * Browser origins a channel allows: `scheme://host[:port]` exactly as a browser sends it in the
 * Origin header (lower case, no path, default ports dropped), or "*" for any page.
 */
export const originSchema = z
  .string()
  .trim()
  .max(200)
  .transform((value, ctx) => {
    if (value === "*") return value;
    try {
      const url = new URL(value);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search && !url.hash && !url.username) {
        return url.origin;
      }
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: `"${value}" is not an origin: use scheme://host[:port], e.g. https://www.example.com, or *` });
    return z.NEVER;
  });

export const allowedOriginsSchema = z.array(originSchema).min(1, { message: "allow at least one origin (or *)" }).max(50);

/** Reads the stored list back defensively: anything but strings is ignored. */
export function storedOrigins(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((origin): origin is string => typeof origin === "string") : [];
}

/**
 * Whether a page of `origin` may use the channel. The app's own origins (the builder's live
 * preview) always may; a request without an Origin header is no browser page and may not.
 */
export function originAllowed(allowed: readonly string[], origin: string | null, appOrigins: readonly string[]): boolean {
  if (!origin) return false;
  return allowed.includes("*") || allowed.includes(origin) || appOrigins.includes(origin);
}

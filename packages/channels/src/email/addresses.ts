/** A Message-ID as stored: without the angle brackets and surrounding space. */
export function bareMessageId(id: string): string {
  return id.trim().replace(/^<|>$/g, "");
}

/** Every Message-ID in an In-Reply-To or References value (one string or mailparser's list). */
export function messageIdsOf(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return values.flatMap((entry) => entry.match(/<[^<>\s]+>/g) ?? (entry.trim() ? [entry.trim()] : [])).map(bareMessageId).filter(Boolean);
}

/**
 * The channel public id a recipient names under Parley's inbound domain
 * (`<public id>@<domain>`, case-insensitive domain), or null for any other address.
 */
export function publicIdOfRecipient(address: string, domain: string | undefined): string | null {
  if (!domain) return null;
  const at = address.lastIndexOf("@");
  if (at <= 0 || address.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return null;
  const local = address.slice(0, at);
  return /^[A-Za-z0-9_-]{8,64}$/.test(local) ? local : null;
}

/** The domain of an address (for the Message-IDs Parley makes), or a fallback. */
export function domainOf(address: string | null | undefined, fallback = "parley.invalid"): string {
  const at = address?.lastIndexOf("@") ?? -1;
  return address && at > 0 ? address.slice(at + 1).toLowerCase() : fallback;
}

import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { IdentityKind } from "@parley/db";

/**
 * How a contact is recognised, normalized so that the same person on two channels gives the
 * same value: emails trimmed and lower-cased, phone numbers in E.164 (libphonenumber-js; only
 * international numbers, "+" and country code, since a number alone does not say its country),
 * visitor and external ids trimmed.
 */
export interface Identity {
  kind: IdentityKind;
  value: string;
}

/** What a caller knows about a person; every field is optional. */
export interface ContactFacts {
  email?: string | null;
  /** International format ("+44 20 7946 0958"); stored as E.164. */
  phone?: string | null;
  /** The web widget's random visitor id (kept in the visitor's browser). */
  visitorId?: string | null;
  /** Another system's id for the person (a CRM id, your app's user id). */
  externalId?: string | null;
  name?: string | null;
}

/** An identity that cannot be normalized (a phone number that is not one); its message says why. */
export class InvalidIdentityError extends Error {
  constructor(readonly kind: IdentityKind, message: string) {
    super(message);
    this.name = "InvalidIdentityError";
  }
}

export const MAX_IDENTITY_LENGTH = 254;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > MAX_IDENTITY_LENGTH) throw new InvalidIdentityError("email", `"${raw}" is not an email address`);
  return email;
}

export function normalizePhone(raw: string): string {
  const phone = parsePhoneNumberFromString(raw.trim());
  if (!phone || !phone.isPossible()) {
    throw new InvalidIdentityError("phone", `"${raw}" is not a phone number in international format (+ and the country code)`);
  }
  return phone.number;
}

function normalizeId(kind: "visitor" | "external", raw: string): string {
  const id = raw.trim();
  if (id.length === 0 || id.length > MAX_IDENTITY_LENGTH) throw new InvalidIdentityError(kind, `a ${kind} id is 1-${MAX_IDENTITY_LENGTH} characters`);
  return id;
}

/** The facts' identities, normalized, strongest first (an external id outranks an email, ...). */
export function identitiesOf(facts: ContactFacts): Identity[] {
  const identities: Identity[] = [];
  if (facts.externalId) identities.push({ kind: "external", value: normalizeId("external", facts.externalId) });
  if (facts.email) identities.push({ kind: "email", value: normalizeEmail(facts.email) });
  if (facts.phone) identities.push({ kind: "phone", value: normalizePhone(facts.phone) });
  if (facts.visitorId) identities.push({ kind: "visitor", value: normalizeId("visitor", facts.visitorId) });
  return identities;
}

/** The value a search box's text would have as an identity, for prefix matching (lower-cased; a phone's digits with +). */
export function identitySearchPrefixes(query: string): string[] {
  const text = query.trim().toLowerCase();
  const prefixes = new Set([text]);
  const digits = text.replace(/[^0-9]/g, "");
  if (digits.length >= 3 && /^[+0-9 ()./-]+$/.test(text)) prefixes.add(`+${digits}`);
  return [...prefixes].filter((prefix) => prefix.length > 0);
}

import { z } from "zod";
import { textSchema } from "@parley/flow";
import { MAX_IDENTITY_LENGTH, normalizePhone } from "./identities";

/** A phone number in international format: anything libphonenumber-js reads as a possible number. */
export const phoneNumberSchema = z
  .string()
  .max(40)
  .refine(
    (raw) => {
      try {
        normalizePhone(raw);
        return true;
      } catch {
        return false;
      }
    },
    { message: "not a phone number in international format (+ and the country code)" },
  )
  .meta({ description: "International format, e.g. +44 20 7946 0958; stored as E.164" });

export const externalIdSchema = textSchema({ label: "external id", max: MAX_IDENTITY_LENGTH }).meta({ description: "Another system's id for the person" });

/** The widget's visitor id: a random id the widget keeps in the visitor's browser. */
export const visitorIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "a visitor id is 16-64 letters, digits, - or _");

import { z } from "zod";
import { defineCustomActivity } from "../define";

/**
 * VAT number formats of EU member states (the part after the two-letter prefix). This checks the
 * format only; whether the number is registered needs the EU's VIES service.
 */
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^\d{7}[A-W][A-I]?$|^\d[A-Z+*]\d{5}[A-W]$/,
  IT: /^\d{11}$/,
  LT: /^\d{9}$|^\d{12}$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
};

/** An example for B2B flows: is what the customer typed shaped like an EU VAT number? */
export const checkVatIdFormat = defineCustomActivity({
  name: "checkVatIdFormat",
  description: "Checks that a text has the format of an EU VAT number (format only, no registry lookup).",
  input: z.object({ vatId: z.string().max(40).describe("The VAT number as typed, e.g. DE 123 456 789") }),
  output: z.object({
    valid: z.boolean(),
    country: z.string().describe("The two-letter prefix, empty when there is none"),
    normalized: z.string().describe("Upper case, without spaces, dots and dashes"),
  }),
  run({ vatId }) {
    const normalized = vatId.toUpperCase().replace(/[\s.-]/g, "");
    const country = /^[A-Z]{2}/.test(normalized) ? normalized.slice(0, 2) : "";
    const format = country ? FORMATS[country] : undefined;
    return { valid: format?.test(normalized.slice(2)) ?? false, country, normalized };
  },
});

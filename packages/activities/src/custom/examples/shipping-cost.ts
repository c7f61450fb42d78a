import { z } from "zod";
import { defineCustomActivity } from "../define";

/** Rates per zone: a base price, a price per started kilogram and the usual days in transit. */
const ZONES = {
  domestic: { base: 4.9, perKg: 0.5, days: 2 },
  eu: { base: 9.9, perKg: 1.2, days: 4 },
  world: { base: 24.9, perKg: 3.5, days: 8 },
} as const;

const EU = new Set(
  "AT BE BG HR CY CZ DK EE FI FR GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "),
);

/**
 * An example a shop would write: the shipping cost of a parcel from Germany, from a rate table.
 * Self-contained (no API), so it runs anywhere the worker runs.
 */
export const calculateShippingCost = defineCustomActivity({
  name: "calculateShippingCost",
  description: "Shipping cost and days in transit of a parcel sent from Germany.",
  input: z.object({
    weightKg: z.number().positive().max(31.5).describe("Parcel weight in kilograms (at most 31.5)"),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "a two-letter country code, e.g. DE")
      .transform((code) => code.toUpperCase())
      .describe("Destination country, ISO 3166 two-letter code"),
    express: z.boolean().default(false).describe("Express delivery: double price, half the days"),
  }),
  output: z.object({
    cost: z.number().describe("Price in euros"),
    currency: z.string(),
    days: z.number().int().describe("Days in transit"),
    zone: z.enum(["domestic", "eu", "world"]),
  }),
  run({ weightKg, country, express }) {
    const zone: keyof typeof ZONES = country === "DE" ? "domestic" : EU.has(country) ? "eu" : "world";
    const rate = ZONES[zone];
    const price = (rate.base + rate.perKg * Math.ceil(weightKg)) * (express ? 2 : 1);
    return {
      cost: Math.round(price * 100) / 100,
      currency: "EUR",
      days: express ? Math.max(1, Math.ceil(rate.days / 2)) : rate.days,
      zone,
    };
  },
});

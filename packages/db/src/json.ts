import type { Prisma } from "./generated/sqlite/client";

/**
 * Marks a value as JSON for a Prisma Json column. Flow graphs and variables are plain JSON by
 * construction (zod-parsed), but interfaces with optional fields don't satisfy Prisma's
 * index-signature JSON type, so the conversion is named once here instead of cast at each call.
 */
export function asJson(value: object): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

import { z } from "zod";

/** A private app's access token, passed as `token = {{secrets.HUBSPOT_TOKEN}}` so it never enters history. */
export const hubspotToken = z.string().min(1).max(500).describe("The private app's access token: {{secrets.HUBSPOT_TOKEN}}");

/** A text field a flow may leave out or map to an empty variable. */
export const optionalText = (max: number, description: string) => z.string().trim().max(max).default("").describe(description);

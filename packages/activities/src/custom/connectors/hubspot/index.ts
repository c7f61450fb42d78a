import type { AnyCustomActivity } from "../../define";
import type { HubSpotOptions } from "./client";
import { hubspotFindContact, hubspotUpsertContact } from "./contacts";
import { hubspotCreateTicket } from "./tickets";

export { HUBSPOT_API_URL, type HubSpotOptions } from "./client";

/**
 * The HubSpot connector: contact and ticket sync as custom activities, so flows use them like any
 * other (Custom activity node, typed fields, errors on the node's error branch). The template for
 * the next connector: see ../README.md.
 */
export function hubspotActivities(options: HubSpotOptions = {}): AnyCustomActivity[] {
  return [hubspotFindContact(options), hubspotUpsertContact(options), hubspotCreateTicket(options)];
}

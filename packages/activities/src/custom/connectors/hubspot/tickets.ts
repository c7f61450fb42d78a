import { Context } from "@temporalio/activity";
import { z } from "zod";
import { defineCustomActivity } from "../../define";
import { hubspotRequest, type HubSpotOptions } from "./client";
import { hubspotToken, optionalText } from "./fields";

/** HubSpot's built-in association type "ticket to contact". */
const TICKET_TO_CONTACT = 16;

interface TicketSearch {
  results?: { id: string }[];
}

/** When the first attempt of this activity was scheduled, on a retry; undefined on a first attempt. */
function retriedSince(): number | undefined {
  try {
    const { attempt, scheduledTimestampMs } = Context.current().info;
    return attempt > 1 ? scheduledTimestampMs : undefined;
  } catch {
    return undefined; // called outside an activity (a unit test of `run`)
  }
}

/**
 * Opens a HubSpot ticket, linked to a contact when the flow has one. HubSpot takes no idempotency
 * key, so a retry (the first attempt's answer was lost, or it hit a rate limit) first looks for a
 * ticket with the same subject and contact created since the first attempt, and returns that one.
 */
export const hubspotCreateTicket = (options: HubSpotOptions) =>
  defineCustomActivity({
    name: "hubspotCreateTicket",
    description: "HubSpot: open a ticket (subject, description, priority), linked to a contact.",
    input: z.object({
      token: hubspotToken,
      subject: z.string().trim().min(1).max(250).describe("The ticket's name"),
      content: optionalText(10_000, "The description: what the customer asked, the conversation so far"),
      contactId: optionalText(40, "The HubSpot contact to link (from hubspotUpsertContact)"),
      priority: z.enum(["LOW", "MEDIUM", "HIGH"]).default("MEDIUM").describe("LOW, MEDIUM or HIGH"),
      pipeline: optionalText(40, "Pipeline id (default: the support pipeline, 0)"),
      stage: optionalText(40, "Pipeline stage id (default: New, 1)"),
    }),
    output: z.object({ ticketId: z.string().describe("HubSpot's ticket id"), created: z.boolean().describe("No when a retry found the ticket its first attempt opened") }),
    async run({ token, subject, content, contactId, priority, pipeline, stage }) {
      const since = retriedSince();
      if (since !== undefined) {
        const filters = [
          { propertyName: "subject", operator: "EQ", value: subject },
          { propertyName: "createdate", operator: "GTE", value: String(since) },
          ...(contactId ? [{ propertyName: "associations.contact", operator: "EQ", value: contactId }] : []),
        ];
        const found = await hubspotRequest<TicketSearch>(options, token, "POST", "/crm/v3/objects/tickets/search", { filterGroups: [{ filters }], limit: 1 });
        const ticket = found.results?.[0];
        if (ticket) return { ticketId: ticket.id, created: false };
      }
      const properties = {
        subject,
        hs_pipeline: pipeline || "0",
        hs_pipeline_stage: stage || "1",
        hs_ticket_priority: priority,
        ...(content ? { content } : {}),
      };
      const associations = contactId
        ? [{ to: { id: contactId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: TICKET_TO_CONTACT }] }]
        : [];
      const ticket = await hubspotRequest<{ id: string }>(options, token, "POST", "/crm/v3/objects/tickets", { properties, associations });
      return { ticketId: ticket.id, created: true };
    },
  });

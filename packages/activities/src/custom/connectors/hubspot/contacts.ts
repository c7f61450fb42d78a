import { ApplicationFailure } from "@temporalio/common";
import { z } from "zod";
import { defineCustomActivity } from "../../define";
import { hubspotRequest, type HubSpotOptions } from "./client";
import { hubspotToken, optionalText } from "./fields";

/** The contact properties a flow reads back (HubSpot's internal names). */
const READ_PROPERTIES = ["email", "firstname", "lastname", "phone", "lifecyclestage", "hubspot_owner_id"] as const;

interface HubSpotObject {
  id: string;
  new?: boolean;
  properties: Partial<Record<(typeof READ_PROPERTIES)[number], string | null>>;
}

const contactOutput = {
  contactId: z.string().describe("HubSpot's record id"),
  lifecycleStage: z.string().describe("e.g. lead, customer; empty when unset"),
  ownerId: z.string().describe("The HubSpot owner's id; empty when nobody owns the contact"),
};

const read = (contact: HubSpotObject) => ({
  contactId: contact.id,
  lifecycleStage: contact.properties.lifecyclestage ?? "",
  ownerId: contact.properties.hubspot_owner_id ?? "",
});

/**
 * Creates or updates the HubSpot contact with this email, in one call keyed by the email
 * (batch upsert with `idProperty: email`): running it twice, as a retry may, changes nothing more.
 * Empty fields are left as HubSpot has them.
 */
export const hubspotUpsertContact = (options: HubSpotOptions) =>
  defineCustomActivity({
    name: "hubspotUpsertContact",
    description: "HubSpot: create or update the contact with this email (name, phone), and read its lifecycle stage and owner.",
    input: z.object({
      token: hubspotToken,
      email: z.email().max(254).describe("The contact's email: the key HubSpot matches on"),
      firstName: optionalText(100, "First name"),
      lastName: optionalText(100, "Last name"),
      phone: optionalText(40, "Phone number"),
    }),
    output: z.object({ ...contactOutput, created: z.boolean().describe("Yes when HubSpot had no contact with this email") }),
    async run({ token, email, firstName, lastName, phone }) {
      const properties = Object.fromEntries(
        Object.entries({ email, firstname: firstName, lastname: lastName, phone }).filter(([, value]) => value !== ""),
      );
      const answer = await hubspotRequest<{ results?: HubSpotObject[] }>(options, token, "POST", "/crm/v3/objects/contacts/batch/upsert", {
        inputs: [{ idProperty: "email", id: email, properties }],
      });
      const contact = answer.results?.[0];
      if (!contact) throw new Error("HubSpot's upsert answered without a contact");
      return { ...read(contact), created: contact.new === true };
    },
  });

/** Looks a contact up by email: a flow greets a known customer or routes by lifecycle stage. */
export const hubspotFindContact = (options: HubSpotOptions) =>
  defineCustomActivity({
    name: "hubspotFindContact",
    description: "HubSpot: find the contact with this email and read its name, lifecycle stage and owner.",
    input: z.object({ token: hubspotToken, email: z.email().max(254).describe("The email to look up") }),
    output: z.object({
      found: z.boolean(),
      ...contactOutput,
      firstName: z.string(),
      lastName: z.string(),
    }),
    async run({ token, email }) {
      const query = new URLSearchParams({ idProperty: "email", properties: READ_PROPERTIES.join(",") });
      try {
        const contact = await hubspotRequest<HubSpotObject>(options, token, "GET", `/crm/v3/objects/contacts/${encodeURIComponent(email)}?${query}`);
        return { found: true, ...read(contact), firstName: contact.properties.firstname ?? "", lastName: contact.properties.lastname ?? "" };
      } catch (err) {
        // Not found is an answer, not a failure.
        if (err instanceof ApplicationFailure && err.type === "HubSpotRejected" && err.message.startsWith("HubSpot answered 404")) {
          return { found: false, contactId: "", lifecycleStage: "", ownerId: "", firstName: "", lastName: "" };
        }
        throw err;
      }
    },
  });

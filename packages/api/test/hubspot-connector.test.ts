import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customActivityHandler, hubspotActivities, type AnyCustomActivity } from "@parley/activities/custom";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { rawHistory, scanHistory } from "../../../test/support/history";
import { startFakeHubSpot, type FakeHubSpot } from "../../../test/support/hubspot-server";
import { serverStack } from "./support/stack";

/**
 * The HubSpot connector end to end on a real Temporal server: a flow asks for an email, syncs the
 * contact and opens a ticket through the custom activities, with the private-app token as a
 * workspace secret, against a loopback server speaking HubSpot's CRM v3 API. Faults: a lost
 * answer (the ticket exists, the worker never heard), a rate limit, a refused token.
 */
const TOKEN = "pat-eu1-4f1c2d3e-0000-4b6a-9c8d-SECRET";
const hubspot: { baseUrl?: string } = {};
const byName = (name: string): AnyCustomActivity => hubspotActivities(hubspot).find((activity) => activity.name === name)!;
const stack = serverStack("hubspot-test", { customActivities: hubspotActivities(hubspot) });
let fake: FakeHubSpot;

beforeAll(async () => {
  fake = await startFakeHubSpot(TOKEN);
  hubspot.baseUrl = fake.url;
});
afterAll(async () => fake?.close());

/** start → ask email → upsert contact → open ticket → say what happened (each error to the same message). */
function syncFlow(): FlowGraph {
  const node = (id: string, kind: string, config: Record<string, unknown>, y: number) => ({ id, kind, position: { x: 0, y }, config });
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      node("start", "start", {}, 0),
      node("ask", "ask", { question: "Your email?", variable: "email", inputType: "email" }, 100),
      node("contact", "custom_activity", {
        activity: "hubspotUpsertContact",
        input: 'token = {{secrets.HUBSPOT_TOKEN}}\nemail = email\nfirstName = "Ada"',
        output: "hs_contact = contactId\nhs_new = created",
      }, 200),
      node("ticket", "custom_activity", {
        activity: "hubspotCreateTicket",
        input: 'token = {{secrets.HUBSPOT_TOKEN}}\nsubject = "Chat with " + email\ncontactId = hs_contact\npriority = "HIGH"',
        output: "ticket = ticketId",
      }, 300),
      node("done", "message", { text: "Ticket {{ticket}} for contact {{hs_contact}} (new: {{hs_new}})" }, 400),
      node("failed", "message", { text: "HubSpot failed: {{activity_error}}" }, 400),
      node("end", "end", { status: "closed" }, 500),
    ] as FlowGraph["nodes"],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "ask" },
      { id: "e2", source: "ask", sourcePort: "answered", target: "contact" },
      { id: "e2b", source: "ask", sourcePort: "invalid", target: "end" },
      { id: "e3", source: "contact", sourcePort: "success", target: "ticket" },
      { id: "e4", source: "contact", sourcePort: "error", target: "failed" },
      { id: "e5", source: "ticket", sourcePort: "success", target: "done" },
      { id: "e6", source: "ticket", sourcePort: "error", target: "failed" },
      { id: "e7", source: "done", sourcePort: "next", target: "end" },
      { id: "e8", source: "failed", sourcePort: "next", target: "end" },
    ],
  };
}

async function runConversation(flowId: string, email: string) {
  const owner = stack.as("owner");
  const { conversationId } = await owner.conversations.start({ flowId });
  const turn = await owner.conversations.send({ conversationId, text: email });
  return { conversationId, reply: turn.replies.map((reply) => reply.text).join(" ") };
}

describe("HubSpot connector", () => {
  let flowId: string;

  beforeAll(async () => {
    const owner = stack.as("owner");
    await owner.secrets.set({ name: "HUBSPOT_TOKEN", value: TOKEN });
    ({ id: flowId } = await owner.flows.create({ name: "HubSpot sync" }));
    const saved = await owner.flows.saveDraft({ id: flowId, graph: syncFlow() });
    // The API's validation knows the connector's activities and their fields, like any custom activity.
    expect(saved.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    await owner.flows.publish({ id: flowId });
  });

  it("creates the contact and one ticket linked to it, even when the ticket's answer was lost", { timeout: 120_000 }, async () => {
    fake.faults.dropNextTicketAnswer = true;
    const { conversationId, reply } = await runConversation(flowId, "ada@example.com");

    const contact = fake.contacts.get("ada@example.com")!;
    expect(contact.properties).toMatchObject({ email: "ada@example.com", firstname: "Ada" });
    // The retry found the ticket its lost first attempt had opened: one ticket, not two.
    expect(fake.tickets).toHaveLength(1);
    expect(fake.tickets[0]).toMatchObject({ contactIds: [contact.id], properties: { subject: "Chat with ada@example.com", hs_ticket_priority: "HIGH", hs_pipeline: "0" } });
    expect(reply).toBe(`Ticket ${fake.tickets[0]!.id} for contact ${contact.id} (new: true)`);
    expect(fake.requests.filter((request) => request.path === "/crm/v3/objects/tickets/search")).toHaveLength(1);

    // The token went to HubSpot, never into the workflow's history.
    const { blobs } = scanHistory(await rawHistory(stack.client, conversationId));
    for (const blob of blobs) expect(blob.includes(TOKEN)).toBe(false);
  });

  it("updates the same contact the second time and waits out a rate limit", { timeout: 120_000 }, async () => {
    fake.faults.rateLimitNext = true;
    const { reply } = await runConversation(flowId, "ADA@example.com");
    const contact = fake.contacts.get("ada@example.com")!;
    expect(fake.contacts.size).toBe(1);
    expect(fake.tickets).toHaveLength(2);
    expect(reply).toBe(`Ticket ${fake.tickets[1]!.id} for contact ${contact.id} (new: false)`);
  });

  it("takes the error branch at once when HubSpot refuses the token", { timeout: 120_000 }, async () => {
    await stack.as("owner").secrets.set({ name: "HUBSPOT_TOKEN", value: "pat-revoked" });
    const before = fake.requests.length;
    const { reply } = await runConversation(flowId, "grace@example.com");
    expect(reply).toMatch(/^HubSpot failed: .*HubSpot answered 401: Authentication credentials not found/);
    expect(fake.requests.length - before).toBe(1); // a refused token is not retried
    expect(fake.contacts.has("grace@example.com")).toBe(false);
    await stack.as("owner").secrets.set({ name: "HUBSPOT_TOKEN", value: TOKEN });
  });

  it("finds a contact by email, and says when there is none", async () => {
    const find = customActivityHandler(byName("hubspotFindContact"));
    await expect(find({ token: TOKEN, email: "ada@example.com" })).resolves.toMatchObject({ found: true, firstName: "Ada", contactId: fake.contacts.get("ada@example.com")!.id });
    await expect(find({ token: TOKEN, email: "nobody@example.com" })).resolves.toEqual({ found: false, contactId: "", lifecycleStage: "", ownerId: "", firstName: "", lastName: "" });
    await expect(find({ token: TOKEN, email: "not an email" })).rejects.toMatchObject({ type: "InvalidCustomActivityInput", nonRetryable: true });
  });
});

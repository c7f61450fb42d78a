import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback HubSpot CRM API, for the connector's tests: the v3 endpoints the connector calls, with
 * HubSpot's bearer-token check, answer shapes and error bodies (`{ status: "error", message,
 * correlationId, category }`). Faults to order: `rateLimitNext` answers the next ticket creation
 * 429 with Retry-After; `dropNextTicketAnswer` creates the next ticket and then cuts the connection
 * before answering (the answer is lost, the ticket exists).
 */
export interface FakeHubSpot {
  url: string;
  contacts: Map<string, { id: string; properties: Record<string, string> }>;
  tickets: { id: string; properties: Record<string, string>; contactIds: string[]; createdAt: number }[];
  requests: { method: string; path: string }[];
  faults: { rateLimitNext: boolean; dropNextTicketAnswer: boolean };
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

export async function startFakeHubSpot(token: string): Promise<FakeHubSpot> {
  let nextId = 1001;
  const fake: Omit<FakeHubSpot, "url" | "close"> = { contacts: new Map(), tickets: [], requests: [], faults: { rateLimitNext: false, dropNextTicketAnswer: false } };

  const send = (res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json;charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, category: string, message: string, headers: Record<string, string> = {}) =>
    send(res, status, { status: "error", message, correlationId: randomUUID(), category }, headers);
  const record = (id: string, properties: Record<string, string>, extra: Json = {}) => {
    const now = new Date().toISOString();
    return { id, properties: { ...properties, hs_object_id: id }, createdAt: now, updatedAt: now, archived: false, ...extra };
  };

  function upsertContacts(body: Json, res: ServerResponse) {
    const inputs = body.inputs as { idProperty?: string; id?: string; properties?: Record<string, string> }[] | undefined;
    if (!Array.isArray(inputs) || inputs.length === 0) return error(res, 400, "VALIDATION_ERROR", "Invalid input JSON on line 1: inputs is required");
    const results = inputs.map((input) => {
      if (input.idProperty !== "email" || !input.id) throw new Error("idProperty must be email here");
      const existing = fake.contacts.get(input.id.toLowerCase());
      const contact = existing ?? { id: String(nextId++), properties: { email: input.id } };
      Object.assign(contact.properties, input.properties ?? {});
      fake.contacts.set(input.id.toLowerCase(), contact);
      return record(contact.id, contact.properties, { new: !existing });
    });
    const now = new Date().toISOString();
    send(res, 200, { status: "COMPLETE", results, startedAt: now, completedAt: now });
  }

  function readContact(email: string, url: URL, res: ServerResponse) {
    if (url.searchParams.get("idProperty") !== "email") return error(res, 404, "OBJECT_NOT_FOUND", "resource not found");
    const contact = fake.contacts.get(email.toLowerCase());
    if (!contact) return error(res, 404, "OBJECT_NOT_FOUND", "resource not found");
    const wanted = (url.searchParams.get("properties") ?? "").split(",").filter(Boolean);
    send(res, 200, record(contact.id, Object.fromEntries(wanted.filter((name) => name in contact.properties).map((name) => [name, contact.properties[name]!]))));
  }

  function createTicket(body: Json, req: IncomingMessage, res: ServerResponse) {
    if (fake.faults.rateLimitNext) {
      fake.faults.rateLimitNext = false;
      return send(res, 429, { status: "error", message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", correlationId: randomUUID(), policyName: "SECONDLY" }, { "retry-after": "1" });
    }
    const properties = (body.properties ?? {}) as Record<string, string>;
    for (const required of ["subject", "hs_pipeline", "hs_pipeline_stage"]) {
      if (!properties[required]) return error(res, 400, "VALIDATION_ERROR", `Property values were not valid: ${required} is required`);
    }
    const associations = (body.associations ?? []) as { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[];
    const contactIds: string[] = [];
    for (const association of associations) {
      if (association.types?.[0]?.associationTypeId !== 16 || association.types[0].associationCategory !== "HUBSPOT_DEFINED") {
        return error(res, 400, "VALIDATION_ERROR", "association type is not valid for ticket to contact");
      }
      if (![...fake.contacts.values()].some((contact) => contact.id === association.to.id)) return error(res, 400, "VALIDATION_ERROR", `No contact with id ${association.to.id}`);
      contactIds.push(association.to.id);
    }
    const ticket = { id: String(nextId++), properties, contactIds, createdAt: Date.now() };
    fake.tickets.push(ticket);
    if (fake.faults.dropNextTicketAnswer) {
      fake.faults.dropNextTicketAnswer = false;
      req.socket.destroy();
      return;
    }
    send(res, 201, record(ticket.id, properties));
  }

  function searchTickets(body: Json, res: ServerResponse) {
    const filters = ((body.filterGroups as { filters: { propertyName: string; operator: string; value: string }[] }[] | undefined)?.[0]?.filters ?? []);
    const matches = fake.tickets.filter((ticket) =>
      filters.every((filter) => {
        if (filter.propertyName === "associations.contact" && filter.operator === "EQ") return ticket.contactIds.includes(filter.value);
        if (filter.propertyName === "createdate" && filter.operator === "GTE") return ticket.createdAt >= Number(filter.value);
        if (filter.operator === "EQ") return ticket.properties[filter.propertyName] === filter.value;
        return false;
      }),
    );
    send(res, 200, { total: matches.length, results: matches.slice(0, Number(body.limit ?? 10)).map((ticket) => record(ticket.id, ticket.properties)) });
  }

  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://hubspot.test");
      fake.requests.push({ method: req.method ?? "", path: url.pathname });
      if (req.headers.authorization !== `Bearer ${token}`) {
        return error(res, 401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports OAuth 2.0 authentication.");
      }
      let body: Json = {};
      try {
        body = raw ? (JSON.parse(raw) as Json) : {};
      } catch {
        return error(res, 400, "VALIDATION_ERROR", "Invalid input JSON");
      }
      const contact = /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(url.pathname);
      if (req.method === "POST" && url.pathname === "/crm/v3/objects/contacts/batch/upsert") return upsertContacts(body, res);
      if (req.method === "GET" && contact) return readContact(decodeURIComponent(contact[1]!), url, res);
      if (req.method === "POST" && url.pathname === "/crm/v3/objects/tickets") return createTicket(body, req, res);
      if (req.method === "POST" && url.pathname === "/crm/v3/objects/tickets/search") return searchTickets(body, res);
      error(res, 404, "OBJECT_NOT_FOUND", "resource not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    ...fake,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

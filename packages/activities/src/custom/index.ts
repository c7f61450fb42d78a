import { ApplicationFailure } from "@temporalio/common";
import type { CustomActivityDescriptor } from "@parley/flow";
import type { SecretResolver } from "../secrets";
import { FailureType } from "../types";
import { customActivityHandler, describeCustomActivity, type AnyCustomActivity } from "./define";
import { calculateShippingCost } from "./examples/shipping-cost";
import { checkVatIdFormat } from "./examples/vat-id";
import { hubspotActivities } from "./connectors/hubspot";

export { defineCustomActivity, customActivityHandler, describeCustomActivity } from "./define";
export type { AnyCustomActivity, CustomActivityDefinition } from "./define";
export { hubspotActivities, HUBSPOT_API_URL } from "./connectors/hubspot";

/** Where connectors send their calls; each defaults to the provider's public API. */
export interface ConnectorOptions {
  hubspotApiUrl?: string;
}

/**
 * The custom activities this deployment offers. Add yours here (see ../../README.md): the worker
 * registers each under its name, and the builder's validation learns its fields through the API.
 */
export function defaultCustomActivities(connectors: ConnectorOptions = {}): AnyCustomActivity[] {
  return [calculateShippingCost, checkVatIdFormat, ...hubspotActivities({ ...(connectors.hubspotApiUrl ? { baseUrl: connectors.hubspotApiUrl } : {}) })];
}

export const customActivities: readonly AnyCustomActivity[] = defaultCustomActivities();

/** Names and field types of the catalog, for validateFlow's context (API and builder). */
export function customActivityCatalog(catalog: readonly AnyCustomActivity[] = customActivities): CustomActivityDescriptor[] {
  return catalog.map(describeCustomActivity);
}

/**
 * The catalog as worker activities, keyed by name (= Temporal activity type). A name taken twice,
 * or by a built-in activity, would silently replace it: refused at worker start instead.
 */
export function customActivityHandlers(
  catalog: readonly AnyCustomActivity[],
  builtInNames: readonly string[],
  resolveSecrets?: SecretResolver,
): Record<string, CustomActivityFunction> {
  const handlers: Record<string, CustomActivityFunction> = {};
  for (const activity of catalog) {
    if (Object.hasOwn(handlers, activity.name) || builtInNames.includes(activity.name)) {
      throw new Error(`custom activity "${activity.name}" is registered twice or shadows a built-in activity`);
    }
    handlers[activity.name] = withSecrets(customActivityHandler(activity), resolveSecrets);
  }
  return handlers;
}

/** Sent by the workflow with an input that names secrets: whose workspace's they are. */
export interface CustomActivityContext {
  conversationId?: string;
}

export type CustomActivityFunction = (input: unknown, context?: CustomActivityContext) => Promise<Record<string, unknown>>;

const mapStrings = (record: Record<string, unknown>, map: (text: string) => string) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, typeof value === "string" ? map(value) : value]));

/**
 * `field = {{secrets.NAME}}` inputs: the workflow sends a marker and the conversation; the value
 * is put in here, right before the developer's code runs, and taken back out of its output and
 * errors, so it never enters history.
 */
function withSecrets(handler: (input: unknown) => Promise<Record<string, unknown>>, resolveSecrets: SecretResolver | undefined): CustomActivityFunction {
  return async (raw, context) => {
    if (!context?.conversationId || typeof raw !== "object" || raw === null || Array.isArray(raw)) return handler(raw);
    const input = raw as Record<string, unknown>;
    const texts = Object.values(input).filter((value): value is string => typeof value === "string");
    const secrets = resolveSecrets ? await resolveSecrets(context.conversationId, texts) : { error: "this worker cannot fill in secrets" };
    if ("error" in secrets) throw ApplicationFailure.nonRetryable(secrets.error, FailureType.InvalidCustomActivityInput);
    const filled = mapStrings(input, secrets.fill);
    if (secrets.missing.size > 0) {
      throw ApplicationFailure.nonRetryable(`no workspace secret named ${[...secrets.missing].sort().join(", ")}`, FailureType.InvalidCustomActivityInput);
    }
    try {
      return mapStrings(await handler(filled), secrets.redact);
    } catch (err) {
      if (err instanceof ApplicationFailure) {
        throw ApplicationFailure.create({ message: secrets.redact(err.message), type: err.type ?? undefined, nonRetryable: err.nonRetryable ?? false });
      }
      throw err instanceof Error ? new Error(secrets.redact(err.message)) : err;
    }
  };
}

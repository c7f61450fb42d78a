import type { CustomActivityDescriptor } from "@parley/flow";
import { customActivityHandler, describeCustomActivity, type AnyCustomActivity } from "./define";
import { calculateShippingCost } from "./examples/shipping-cost";
import { checkVatIdFormat } from "./examples/vat-id";

export { defineCustomActivity, customActivityHandler, describeCustomActivity } from "./define";
export type { AnyCustomActivity, CustomActivityDefinition } from "./define";

/**
 * The custom activities this deployment offers. Add yours here (see ../../README.md): the worker
 * registers each under its name, and the builder's validation learns its fields through the API.
 */
export const customActivities: readonly AnyCustomActivity[] = [calculateShippingCost, checkVatIdFormat];

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
): Record<string, (input: unknown) => Promise<Record<string, unknown>>> {
  const handlers: Record<string, (input: unknown) => Promise<Record<string, unknown>>> = {};
  for (const activity of catalog) {
    if (Object.hasOwn(handlers, activity.name) || builtInNames.includes(activity.name)) {
      throw new Error(`custom activity "${activity.name}" is registered twice or shadows a built-in activity`);
    }
    handlers[activity.name] = customActivityHandler(activity);
  }
  return handlers;
}

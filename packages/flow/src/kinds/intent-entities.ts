import { parseMappings } from '../integrations/mappings';

/**
 * What an intent router saves besides the intent: `variable = entity` lines, e.g.
 * `order = order_id`. The entity types are @parley/ai's extractors (flow cannot import it; a
 * test in @parley/activities keeps the two lists equal).
 */
export const ROUTER_ENTITY_TYPES = ['email', 'order_id', 'date', 'phone', 'number'] as const;
export type RouterEntityType = (typeof ROUTER_ENTITY_TYPES)[number];

export function parseEntityMapping(text: string) {
  return parseMappings(text, 'variable = entity, e.g. order = order_id', (source) =>
    (ROUTER_ENTITY_TYPES as readonly string[]).includes(source) ? null : `"${source}" is not an entity; use one of ${ROUTER_ENTITY_TYPES.join(', ')}`,
  );
}

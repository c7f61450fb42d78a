import fc from "fast-check";
import { demoFlow } from "@parley/flow";
import { hostileJson, hostileNumber, hostileString, nested } from "./hostile";

/**
 * Inputs for a tRPC procedure, guided by its zod input schema: mostly the right shape (so the
 * request gets past the first check and reaches the database, Temporal and the workflow) with
 * hostile leaves, sometimes anything at all. Reads zod 4's public `_zod.def` description, so a
 * new procedure or field is fuzzed without touching this file.
 */

/** The ids that exist in the test database: a field named like an id takes one of them half the time. */
export interface IdPool {
  ids: () => string[];
}

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}

const isIdKey = (key: string) => /(^id$|Id$|^ids$)/.test(key);

/** Flow graphs that are valid, nearly valid, or hostile in the ways stored JSON can be. */
const graphInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(demoFlow),
  hostileJson,
  fc.record({ text: hostileString, key: fc.constantFrom("text", "question", "__proto__", "constructor") }).map(({ text, key }) => {
    const graph = structuredClone(demoFlow) as unknown as { nodes: { config: Record<string, unknown> }[] };
    graph.nodes[1]!.config[key] = text;
    return graph;
  }),
  fc.integer({ min: 50, max: 2000 }).map((depth) => ({ ...demoFlow, nodes: [{ ...demoFlow.nodes[0], config: nested(depth) }] })),
  fc.integer({ min: 1000, max: 20_000 }).map((count) => ({
    ...demoFlow,
    nodes: Array.from({ length: count }, (_, i) => ({ id: `n${i}`, kind: "message", position: { x: i, y: 0 }, config: { text: "hi" } })),
  })),
  fc.constant({ schemaVersion: 1, nodes: "not a list", edges: {} }),
  fc.constant({ schemaVersion: Number.MAX_VALUE, nodes: [null, 1, "x"], edges: [[]] }),
);

function leaf(def: ZodLike["_zod"]["def"], key: string, ids: IdPool): fc.Arbitrary<unknown> {
  switch (def.type) {
    case "string":
      return isIdKey(key)
        ? fc.oneof({ weight: 3, arbitrary: fc.nat().map((n) => pick(ids.ids(), n)) }, { weight: 1, arbitrary: hostileString })
        : fc.oneof({ weight: 1, arbitrary: fc.constantFrom("hello", "Ada", "Refund please", "https://example.com/a") }, { weight: 3, arbitrary: hostileString });
    case "number":
    case "int":
      return hostileNumber;
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    default:
      return key === "graph" ? graphInput : hostileJson;
  }
}

function pick(values: string[], n: number): string {
  return values.length ? values[n % values.length]! : "none";
}

export function inputFor(schema: unknown, ids: IdPool, key = ""): fc.Arbitrary<unknown> {
  const def = (schema as ZodLike | undefined)?._zod?.def;
  if (!def) return hostileJson;
  let shaped: fc.Arbitrary<unknown>;
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      const model = Object.fromEntries(Object.entries(shape).map(([name, field]) => [name, inputFor(field, ids, name)]));
      shaped = fc.oneof({ weight: 4, arbitrary: fc.record(model) }, { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) });
      break;
    }
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
    case "nonoptional":
    case "catch":
      shaped = fc.oneof({ weight: 4, arbitrary: inputFor(def.innerType, ids, key) }, { weight: 1, arbitrary: fc.constantFrom(undefined, null) });
      break;
    case "pipe":
      shaped = inputFor(def.in, ids, key);
      break;
    case "union":
      shaped = fc.oneof(...(def.options as unknown[]).map((option) => inputFor(option, ids, key)));
      break;
    case "array":
      shaped = fc.array(inputFor(def.element, ids, key), { maxLength: 8 });
      break;
    default:
      shaped = leaf(def, key, ids);
  }
  // Anywhere in the tree, now and then: something else entirely.
  return fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 1, arbitrary: hostileJson });
}

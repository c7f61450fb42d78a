import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile';
import { normalizeCompiledFlow, type CompiledFlow } from './compiled-flow';
import { fieldDefaultsFromSchemas, fieldDefaultsModule } from './field-defaults';
import { NODE_KINDS, getNodeKind, type NodeKind } from './registry';

const generated = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kinds/field-defaults.generated.ts');

/** A compiled flow of one node, as a workflow would have loaded it. */
function flowOf(kind: NodeKind, config: Record<string, unknown>): CompiledFlow {
  return { schemaVersion: 1, startNodeId: 'n', nodes: { n: { id: 'n', kind, position: { x: 0, y: 0 }, config } }, next: { n: {} } };
}

describe('field defaults for workflow code', () => {
  it('the generated table is current (run `npm run generate -w @parley/flow` after changing a default)', () => {
    expect(fs.readFileSync(generated, 'utf8')).toBe(fieldDefaultsModule());
  });

  it.each(NODE_KINDS)('%s: a config missing a defaulted field is filled as its schema would fill it', (kind) => {
    const definition = getNodeKind(kind);
    for (const field of Object.keys(fieldDefaultsFromSchemas()[kind])) {
      const recorded: Record<string, unknown> = { ...definition.defaults };
      delete recorded[field];
      const bySchema = definition.config.safeParse(recorded);
      if (!bySchema.success) continue; // the schema would leave such a config as it is
      expect(normalizeCompiledFlow(flowOf(kind, recorded)).nodes.n!.config).toEqual(bySchema.data);
    }
  });

  it('leaves complete configs untouched and copies list defaults per node', () => {
    const complete = compileFlow({
      schemaVersion: 1,
      nodes: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, config: getNodeKind('start').defaults },
        { id: 'bye', kind: 'end', position: { x: 0, y: 100 }, config: getNodeKind('end').defaults },
      ],
      edges: [{ id: 'e', source: 'start', sourcePort: 'next', target: 'bye' }],
    });
    expect(normalizeCompiledFlow(complete)).toEqual(complete);
    const a = normalizeCompiledFlow(flowOf('intent_router', {})).nodes.n!.config.intents;
    const b = normalizeCompiledFlow(flowOf('intent_router', {})).nodes.n!.config.intents;
    expect(a).toEqual([]);
    expect(a).not.toBe(b);
  });
});

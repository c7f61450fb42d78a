'use client';

import { NODE_KINDS, nodeKinds, type NodeCategory, type NodeKind } from '@parley/flow';
import type { DragEvent } from 'react';
import { Icon } from '@/components/ui/Icon';
import styles from './editor.module.css';

export const DRAG_MIME = 'application/x-parley-node-kind';

/** Palette group titles, in display order. A new category in @parley/flow must be named here. */
const categories = {
  flow: 'Flow',
  messaging: 'Messaging',
  input: 'Input',
  ai: 'AI & knowledge',
  human: 'People',
  integrations: 'Integrations',
} satisfies Record<NodeCategory, string>;

/** The node kinds of the registry, grouped by category. Click adds at the centre; or drag. */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  function onDragStart(event: DragEvent, kind: NodeKind) {
    event.dataTransfer.setData(DRAG_MIME, kind);
    event.dataTransfer.effectAllowed = 'move';
  }
  return (
    <aside className={styles.palette} aria-label="Add a step">
      <h2 className={styles.sectionTitle}>Add a step</h2>
      {(Object.keys(categories) as NodeCategory[]).map((category) => {
        const kinds = NODE_KINDS.filter((kind) => nodeKinds[kind].category === category);
        if (kinds.length === 0) return null;
        return (
          <div key={category} className={styles.paletteGroup} role="group" aria-label={categories[category]}>
            <h3 className={styles.paletteGroupTitle}>{categories[category]}</h3>
            {kinds.map((kind) => {
              const def = nodeKinds[kind];
              return (
                <button
                  key={kind}
                  type="button"
                  className={styles.paletteItem}
                  draggable
                  onDragStart={(event) => onDragStart(event, kind)}
                  onClick={() => onAdd(kind)}
                  title={def.description}
                  data-testid={`palette-${kind}`}
                >
                  <span className={styles.paletteIcon} data-category={def.category} data-kind={kind} aria-hidden="true">
                    <Icon name={def.icon} size={14} />
                  </span>
                  <span className={styles.paletteText}>
                    <span className={styles.paletteLabel}>{def.label}</span>
                    <span className={styles.paletteDescription}>{def.description}</span>
                  </span>
                </button>
              );
            })}
          </div>
        );
      })}
      <p className={styles.paletteHint}>
        Click to add, or drag onto the canvas. Connect a port to a step; select a connection and press
        Delete to remove it.
      </p>
    </aside>
  );
}

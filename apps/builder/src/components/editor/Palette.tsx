'use client';

import { NODE_KINDS, nodeKinds, type NodeCategory, type NodeKind } from '@parley/flow';
import { useState, type DragEvent } from 'react';
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

/** Whether a kind matches the palette's search (label, description, category or id). */
function matches(kind: NodeKind, query: string): boolean {
  if (!query) return true;
  const def = nodeKinds[kind];
  const haystack = `${def.label} ${def.description} ${categories[def.category]} ${kind.replace(/_/g, ' ')}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * The node kinds of the registry, grouped by category, with a search box (there are twenty).
 * Click adds at the centre; or drag. Enter in the search box adds the first match.
 */
export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  const [query, setQuery] = useState('');
  const found = NODE_KINDS.filter((kind) => matches(kind, query.trim()));
  function onDragStart(event: DragEvent, kind: NodeKind) {
    event.dataTransfer.setData(DRAG_MIME, kind);
    event.dataTransfer.effectAllowed = 'move';
  }
  return (
    <aside className={styles.palette} aria-label="Add a step">
      <h2 className={styles.sectionTitle}>Add a step</h2>
      <input
        type="search"
        className={`input ${styles.paletteSearch}`}
        placeholder="Search steps…"
        aria-label="Search steps"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && found[0]) {
            event.preventDefault();
            onAdd(found[0]);
          } else if (event.key === 'Escape') {
            setQuery('');
          }
        }}
        data-testid="palette-search"
      />
      {found.length === 0 ? <p className={styles.paletteHint}>No step matches “{query.trim()}”.</p> : null}
      {(Object.keys(categories) as NodeCategory[]).map((category) => {
        const kinds = found.filter((kind) => nodeKinds[kind].category === category);
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

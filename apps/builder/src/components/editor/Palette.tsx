'use client';

import { NODE_KINDS, nodeKinds, VARIABLE_NAME_PATTERN, type CustomActivityDescriptor, type NodeCategory, type NodeKind } from '@parley/flow';
import { Fragment, useState, type DragEvent } from 'react';
import { Icon } from '@parley/ui';
import { kindIcons } from './nodes/kind-icons';
import styles from './editor.module.css';

export const DRAG_MIME = 'application/x-parley-node-kind';
/** Set with DRAG_MIME `custom_activity` when a custom activity's own entry is dragged: its name. */
export const ACTIVITY_DRAG_MIME = 'application/x-parley-custom-activity';

/**
 * The config a custom activity's palette entry drops: the activity, and each output field saved
 * in a variable of the same name (typed by its schema; rename or clear them in the form). Inputs
 * start empty so validation points at the required ones.
 */
export function activityPreset(activity: CustomActivityDescriptor): Record<string, unknown> {
  const outputs = activity.output.filter((field) => VARIABLE_NAME_PATTERN.test(field.name));
  return { activity: activity.name, input: '', output: outputs.map((field) => `${field.name} = ${field.name}`).join('\n') };
}

/** A code-like name (calculateShippingCost) with line-break chances before its capitals, for a narrow palette. */
function camelCaseBreaks(name: string) {
  return name.split(/(?=[A-Z])/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/** Whether a custom activity matches the palette's search (name, description or "integrations"). */
function activityMatches(activity: CustomActivityDescriptor, query: string): boolean {
  const haystack = `${activity.name} ${activity.description} ${categories.integrations} custom activity`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

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
 * The node kinds of the registry, grouped by category, with a search box (there are twenty),
 * and each custom activity of the worker's catalog as its own Integrations entry. Click adds at
 * the centre; or drag. Enter in the search box adds the first match.
 */
export function Palette({
  onAdd,
  customActivities = [],
}: {
  onAdd: (kind: NodeKind, preset?: Record<string, unknown>) => void;
  customActivities?: readonly CustomActivityDescriptor[] | undefined;
}) {
  const [query, setQuery] = useState('');
  const found = NODE_KINDS.filter((kind) => matches(kind, query.trim()));
  const activities = customActivities.filter((activity) => activityMatches(activity, query.trim()));
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
      {found.length === 0 && activities.length === 0 ? <p className={styles.paletteHint}>No step matches “{query.trim()}”.</p> : null}
      {(Object.keys(categories) as NodeCategory[]).map((category) => {
        const kinds = found.filter((kind) => nodeKinds[kind].category === category);
        const extra = category === 'integrations' ? activities : [];
        if (kinds.length === 0 && extra.length === 0) return null;
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
                    <Icon name={kindIcons[kind]} size={14} />
                  </span>
                  <span className={styles.paletteText}>
                    <span className={styles.paletteLabel}>{def.label}</span>
                    <span className={styles.paletteDescription}>{def.description}</span>
                  </span>
                </button>
              );
            })}
            {extra.map((activity) => (
              <button
                key={`activity:${activity.name}`}
                type="button"
                className={styles.paletteItem}
                draggable
                onDragStart={(event) => {
                  onDragStart(event, 'custom_activity');
                  event.dataTransfer.setData(ACTIVITY_DRAG_MIME, activity.name);
                }}
                onClick={() => onAdd('custom_activity', activityPreset(activity))}
                title={activity.description}
                data-testid={`palette-activity-${activity.name}`}
              >
                <span className={styles.paletteIcon} data-category="integrations" data-kind="custom_activity" aria-hidden="true">
                  <Icon name={kindIcons.custom_activity} size={14} />
                </span>
                <span className={styles.paletteText}>
                  <span className={styles.paletteLabel}>{camelCaseBreaks(activity.name)}</span>
                  <span className={styles.paletteDescription}>{activity.description}</span>
                </span>
              </button>
            ))}
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

import type { FlowEdge, FlowGraph, FlowNode } from './graph';
import { configFields } from './fields';
import { diffNotes, type NotesDiff } from './notes';
import { getNodeKind, isNodeKind } from './registry';

/**
 * What changed between two versions of a flow, step by step: the builder's "compare" view and
 * the API's refusal to publish a draft that equals the published version both read it.
 *
 * Steps are matched by id (ids are stable: the editor never renames a step). Configs are compared
 * as their kind parses them, so a default the server filled in on publish (an end step's empty
 * `message`) is not a change. Edges are matched by what they connect (source, port, target), not
 * by id, because a reconnected port gets a new id for the same meaning. Sticky notes are listed
 * apart (notes.ts): their text and colour are content, where they sit is layout.
 */

/** One changed value inside a step: `path` like `label`, `config.text` or `config.intents.0.name`. */
export interface FieldChange {
  path: string;
  /** The field's title from the kind's form metadata, when the path is a known config field. */
  title?: string;
  before: unknown;
  after: unknown;
}

export interface StepRef {
  id: string;
  kind: string;
  label?: string;
}

export interface ChangedStep extends StepRef {
  fields: FieldChange[];
  /** The step also moved on the canvas. */
  moved: boolean;
}

export interface MovedStep extends StepRef {
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface FlowDiff extends NotesDiff {
  added: FlowNode[];
  removed: FlowNode[];
  /** Steps whose kind, label or config changed (whether or not they moved too). */
  changed: ChangedStep[];
  /** Steps that only moved: same content, new position. */
  moved: MovedStep[];
  edgesAdded: FlowEdge[];
  edgesRemoved: FlowEdge[];
  /** Nothing differs at all, positions included. */
  same: boolean;
  /** Something differs, but only where steps sit on the canvas. */
  layoutOnly: boolean;
}

export function diffFlows(before: FlowGraph, after: FlowGraph): FlowDiff {
  const oldNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const newNodes = new Map(after.nodes.map((node) => [node.id, node]));

  const added = after.nodes.filter((node) => !oldNodes.has(node.id));
  const removed = before.nodes.filter((node) => !newNodes.has(node.id));
  const changed: ChangedStep[] = [];
  const moved: MovedStep[] = [];
  for (const next of after.nodes) {
    const previous = oldNodes.get(next.id);
    if (!previous) continue;
    const fields = stepChanges(previous, next);
    const hasMoved = previous.position.x !== next.position.x || previous.position.y !== next.position.y;
    if (fields.length > 0) changed.push({ ...stepRef(next), fields, moved: hasMoved });
    else if (hasMoved) moved.push({ ...stepRef(next), from: previous.position, to: next.position });
  }

  const oldEdges = new Map(before.edges.map((edge) => [edgeKey(edge), edge]));
  const newEdges = new Map(after.edges.map((edge) => [edgeKey(edge), edge]));
  const edgesAdded = after.edges.filter((edge) => !oldEdges.has(edgeKey(edge)));
  const edgesRemoved = before.edges.filter((edge) => !newEdges.has(edgeKey(edge)));

  const notes = diffNotes(before.notes, after.notes);
  const content =
    added.length + removed.length + changed.length + edgesAdded.length + edgesRemoved.length +
    notes.notesAdded.length + notes.notesRemoved.length + notes.notesChanged.length;
  const layout = moved.length + notes.notesMoved.length;
  return {
    added,
    removed,
    changed,
    moved,
    edgesAdded,
    edgesRemoved,
    ...notes,
    same: content === 0 && layout === 0,
    layoutOnly: content === 0 && layout > 0,
  };
}

function stepRef(node: FlowNode): StepRef {
  return node.label?.trim() ? { id: node.id, kind: node.kind, label: node.label } : { id: node.id, kind: node.kind };
}

const edgeKey = (edge: FlowEdge) => `${edge.source}\u0000${edge.sourcePort}\u0000${edge.target}`;

function stepChanges(previous: FlowNode, next: FlowNode): FieldChange[] {
  const changes: FieldChange[] = [];
  if (previous.kind !== next.kind) changes.push({ path: 'kind', before: previous.kind, after: next.kind });
  const oldLabel = previous.label?.trim() ?? '';
  const newLabel = next.label?.trim() ?? '';
  if (oldLabel !== newLabel) changes.push({ path: 'label', title: 'Label', before: oldLabel || undefined, after: newLabel || undefined });

  const titles = previous.kind === next.kind ? fieldTitles(next.kind) : new Map<string, string>();
  const found: FieldChange[] = [];
  valueChanges(parsedConfig(previous), parsedConfig(next), 'config', found);
  for (const change of found) {
    const field = change.path.split('.')[1];
    const title = field ? titles.get(field) : undefined;
    changes.push(title ? { ...change, title } : change);
  }
  return changes;
}

/** The config as its kind reads it (defaults applied); as stored when it does not parse (a draft). */
function parsedConfig(node: FlowNode): Record<string, unknown> {
  if (!isNodeKind(node.kind)) return node.config;
  const parsed = getNodeKind(node.kind).config.safeParse(node.config);
  return parsed.success ? (parsed.data as Record<string, unknown>) : node.config;
}

function fieldTitles(kind: string): Map<string, string> {
  if (!isNodeKind(kind)) return new Map();
  return new Map(configFields(kind).map((field) => [field.name, field.meta.title]));
}

/**
 * Walks two JSON values and records the leaves that differ. Objects are compared key by key;
 * arrays element by element, except arrays of different lengths, which are one change (a list
 * that grew reads better whole than as a cascade of shifted items).
 */
function valueChanges(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) valueChanges(before[key], after[key], `${path}.${key}`, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, index) => valueChanges(item, after[index], `${path}.${index}`, out));
    return;
  }
  if (!jsonEqual(before, after)) out.push({ path, before, after });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values, blind to key order (stored JSON does not keep it). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => jsonEqual(a[key], b[key]));
  }
  return false;
}

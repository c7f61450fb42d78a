import type { FlowNote } from './graph';
import type { FlowIssue } from './issues';

/**
 * Sticky notes beside the steps: the checks and the diff that concern them. Their shape (text
 * length, colour, size) is checked by flowNoteSchema; everything else in validation, and the
 * compiler, looks at steps only, so a note can never change what a conversation does.
 */

/** A note's text in one line, short enough for a change list. */
export function noteSummary(note: Pick<FlowNote, 'text'>): string {
  const line = note.text.trim().replace(/\s+/g, ' ');
  if (line === '') return 'Empty note';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/**
 * Note ids must be unique among notes and steps: the canvas draws both as React Flow nodes, which
 * tells them apart by id alone.
 */
export function noteIdIssues(rawNotes: unknown, stepIds: ReadonlySet<string>): FlowIssue[] {
  if (!Array.isArray(rawNotes)) return [];
  const seen = new Set<string>();
  const issues: FlowIssue[] = [];
  rawNotes.forEach((note: unknown, index) => {
    const id = typeof note === 'object' && note !== null ? (note as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id) || stepIds.has(id)) {
      issues.push({
        severity: 'error',
        code: 'note.duplicate_id',
        message: `Note #${index + 1} reuses the id "${id}" of ${seen.has(id) ? 'another note' : 'a step'}; ids must be unique.`,
        path: ['notes', index, 'id'],
      });
    }
    seen.add(id);
  });
  return issues;
}

export interface NoteRef {
  id: string;
  /** The note's text in one line (noteSummary). */
  summary: string;
}

export interface ChangedNote extends NoteRef {
  /** `text` and/or `color`. */
  fields: { path: 'text' | 'color'; before: string; after: string }[];
}

export interface NotesDiff {
  notesAdded: FlowNote[];
  notesRemoved: FlowNote[];
  /** Notes whose text or colour changed (wherever they sit). */
  notesChanged: ChangedNote[];
  /** Notes that only moved or were resized: layout, like a moved step. */
  notesMoved: NoteRef[];
}

/** Notes matched by id; a graph without `notes` has none. */
export function diffNotes(before: readonly FlowNote[] = [], after: readonly FlowNote[] = []): NotesDiff {
  const old = new Map(before.map((note) => [note.id, note]));
  const ids = new Set(after.map((note) => note.id));
  const diff: NotesDiff = {
    notesAdded: after.filter((note) => !old.has(note.id)),
    notesRemoved: before.filter((note) => !ids.has(note.id)),
    notesChanged: [],
    notesMoved: [],
  };
  for (const next of after) {
    const previous = old.get(next.id);
    if (!previous) continue;
    const fields: ChangedNote['fields'] = [];
    if (previous.text !== next.text) fields.push({ path: 'text', before: previous.text, after: next.text });
    if (previous.color !== next.color) fields.push({ path: 'color', before: previous.color, after: next.color });
    const ref = { id: next.id, summary: noteSummary(next) };
    if (fields.length > 0) diff.notesChanged.push({ ...ref, fields });
    else if (!sameBox(previous, next)) diff.notesMoved.push(ref);
  }
  return diff;
}

function sameBox(a: FlowNote, b: FlowNote): boolean {
  return a.position.x === b.position.x && a.position.y === b.position.y && a.size.width === b.size.width && a.size.height === b.size.height;
}

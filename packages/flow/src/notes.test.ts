import { describe, expect, it } from 'vitest';
import { baseFlow, clone } from '../test/fixtures';
import { compileFlow } from './compile';
import { diffFlows } from './diff';
import { flowGraphSchema, type FlowGraph, type FlowNote } from './graph';
import { validateFlow } from './validate';

const note = (overrides: Partial<FlowNote> = {}): FlowNote => ({
  id: 'note_a',
  text: 'Ask legal before changing the refund wording.',
  color: 'yellow',
  position: { x: 400, y: 0 },
  size: { width: 220, height: 140 },
  ...overrides,
});

const withNotes = (notes: FlowNote[]): FlowGraph => ({ ...baseFlow(), notes });

describe('sticky notes in the graph', () => {
  it('keeps a graph without notes exactly as it was (no empty notes key appears)', () => {
    const graph = baseFlow();
    expect(flowGraphSchema.parse(graph)).not.toHaveProperty('notes');
    expect(validateFlow(graph).graph).not.toHaveProperty('notes');
  });

  it('parses and hands back notes unchanged', () => {
    const validation = validateFlow(withNotes([note()]));
    expect(validation.ok).toBe(true);
    expect(validation.issues).toEqual([]);
    expect(validation.graph?.notes).toEqual([note()]);
  });

  it('checks only the shape of a note: text length, colour and size', () => {
    const validation = validateFlow(
      withNotes([
        note({ id: 'long', text: 'x'.repeat(2001) }),
        note({ id: 'purple', color: 'purple' as FlowNote['color'] }),
        note({ id: 'tiny', size: { width: 10, height: 140 } }),
      ]),
    );
    expect(validation.ok).toBe(false);
    expect(validation.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['schema', ['notes', 0, 'text']],
      ['schema', ['notes', 1, 'color']],
      ['schema', ['notes', 2, 'size', 'width']],
    ]);
    expect(validation.issues[0]!.message).toBe('Note #1: text — A note holds at most 2000 characters');
  });

  it('accepts 2000 characters of text with line breaks', () => {
    expect(validateFlow(withNotes([note({ text: `${'a'.repeat(1000)}\n${'b'.repeat(999)}` })])).ok).toBe(true);
  });

  it('refuses a note id that another note or a step already uses', () => {
    const issues = validateFlow(withNotes([note(), note(), note({ id: 'hello' })])).issues;
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['note.duplicate_id', ['notes', 1, 'id']],
      ['note.duplicate_id', ['notes', 2, 'id']],
    ]);
  });

  it('is ignored by the compiler: a flow compiles the same with or without notes', () => {
    expect(compileFlow(withNotes([note(), note({ id: 'note_b', color: 'blue' })]))).toEqual(compileFlow(baseFlow()));
  });

  it('is never a step problem: a note does not count as an unreachable or unconnected step', () => {
    expect(validateFlow(withNotes([note()])).issues).toEqual(validateFlow(baseFlow()).issues);
  });
});

describe('diffFlows with notes', () => {
  it('lists added and removed notes as content changes', () => {
    const added = diffFlows(baseFlow(), withNotes([note()]));
    expect(added.notesAdded).toEqual([note()]);
    expect(added.same).toBe(false);
    expect(added.layoutOnly).toBe(false);
    const removed = diffFlows(withNotes([note()]), baseFlow());
    expect(removed.notesRemoved).toEqual([note()]);
    expect(removed.notesAdded).toEqual([]);
  });

  it('lists a reworded or recoloured note with its fields', () => {
    const diff = diffFlows(withNotes([note()]), withNotes([note({ text: 'Legal approved it.', color: 'green' })]));
    expect(diff.notesChanged).toEqual([
      {
        id: 'note_a',
        summary: 'Legal approved it.',
        fields: [
          { path: 'text', before: 'Ask legal before changing the refund wording.', after: 'Legal approved it.' },
          { path: 'color', before: 'yellow', after: 'green' },
        ],
      },
    ]);
    expect(diff.same).toBe(false);
  });

  it('treats a moved or resized note as layout only', () => {
    const diff = diffFlows(withNotes([note()]), withNotes([note({ position: { x: 0, y: 600 }, size: { width: 300, height: 140 } })]));
    expect(diff.notesMoved).toEqual([{ id: 'note_a', summary: 'Ask legal before changing the refund wording.' }]);
    expect(diff.same).toBe(false);
    expect(diff.layoutOnly).toBe(true);
  });

  it('finds no change between equal notes, and none between an absent and an empty list', () => {
    expect(diffFlows(withNotes([note()]), clone(withNotes([note()]))).same).toBe(true);
    expect(diffFlows(baseFlow(), withNotes([])).same).toBe(true);
  });
});

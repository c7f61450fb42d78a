import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, undo } from './editor-history';

describe('editor history', () => {
  it('undoes and redoes each recorded edit in order', () => {
    let h = createHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it('ignores a snapshot equal to the present one', () => {
    const h = createHistory('a');
    expect(record(h, 'a')).toBe(h);
  });

  it('drops the redo branch when a new edit is recorded after an undo', () => {
    let h = record(record(createHistory('a'), 'b'), 'c');
    h = record(undo(h), 'd');
    expect(h.present).toBe('d');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('coalesces a drag or a burst of typing with the same key into one step', () => {
    let h = createHistory('x=0');
    for (const x of [1, 2, 3, 4]) h = record(h, `x=${x}`, 'drag:1');
    expect(h.present).toBe('x=4');
    expect(h.past).toEqual(['x=0']);
    // Another drag is another step.
    h = record(h, 'x=9', 'drag:2');
    expect(h.past).toEqual(['x=0', 'x=4']);
    // An edit without a key never absorbs the next one.
    h = record(h, 'deleted');
    h = record(h, 'added');
    expect(h.past).toEqual(['x=0', 'x=4', 'x=9', 'deleted']);
  });

  it('starts a new step when typing resumes after an undo', () => {
    let h = record(record(createHistory(''), 'h', 'type:greeting'), 'hi', 'type:greeting');
    h = undo(h);
    expect(h.present).toBe('');
    h = record(h, 'y', 'type:greeting');
    h = record(h, 'yo', 'type:greeting');
    expect(h.past).toEqual(['']);
    expect(h.present).toBe('yo');
  });

  it('keeps at most `limit` steps to undo, dropping the oldest', () => {
    let h = createHistory(0, 3);
    for (let i = 1; i <= 10; i++) h = record(h, i);
    expect(h.past).toEqual([7, 8, 9]);
    h = undo(undo(undo(h)));
    expect(h.present).toBe(7);
    expect(canUndo(h)).toBe(false);
  });
});

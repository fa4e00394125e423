import { describe, expect, it } from 'vitest';

import { emptyHistory, HISTORY_LIMIT, pushEntry, redoEntry, undoEntry } from '../../../renderer/store/history';
import type { History } from '../../../renderer/store/history';

function pushAll(entries: readonly string[], limit?: number): History<string> {
  return entries.reduce<History<string>>((h, e) => pushEntry(h, e, limit), emptyHistory());
}

describe('the bounded undo history', () => {
  it('undoes the latest entry first and redoes in the order undone', () => {
    let h = pushAll(['a', 'b', 'c']);
    const undone: string[] = [];
    for (let step = undoEntry(h); step; step = undoEntry(h)) {
      undone.push(step.entry);
      h = step.history;
    }
    expect(undone).toEqual(['c', 'b', 'a']);
    expect(h).toEqual({ past: [], future: ['a', 'b', 'c'] });
    const redone: string[] = [];
    for (let step = redoEntry(h); step; step = redoEntry(h)) {
      redone.push(step.entry);
      h = step.history;
    }
    expect(redone).toEqual(['a', 'b', 'c']);
    expect(h).toEqual({ past: ['a', 'b', 'c'], future: [] });
  });

  it('has nothing to undo or redo when empty', () => {
    expect(undoEntry(emptyHistory())).toBeUndefined();
    expect(redoEntry(emptyHistory())).toBeUndefined();
    expect(redoEntry(pushAll(['a']))).toBeUndefined();
  });

  it('forgets what was undone when a new action is recorded', () => {
    const h = undoEntry(undoEntry(pushAll(['a', 'b', 'c']))!.history)!.history;
    expect(h.future).toEqual(['b', 'c']);
    const after = pushEntry(h, 'd');
    expect(after).toEqual({ past: ['a', 'd'], future: [] });
    expect(redoEntry(after)).toBeUndefined();
  });

  it('keeps only the newest entries up to its bound', () => {
    const h = pushAll(['a', 'b', 'c', 'd', 'e'], 3);
    expect(h.past).toEqual(['c', 'd', 'e']);
    const many = pushAll(Array.from({ length: HISTORY_LIMIT + 25 }, (_, i) => `m${i}`));
    expect(many.past).toHaveLength(HISTORY_LIMIT);
    expect(many.past[0]).toBe('m25');
    expect(many.past.at(-1)).toBe(`m${HISTORY_LIMIT + 24}`);
  });

  it('never changes the history it is given', () => {
    const h = pushAll(['a', 'b']);
    const frozen = JSON.stringify(h);
    pushEntry(h, 'c');
    undoEntry(h);
    redoEntry(undoEntry(h)!.history);
    expect(JSON.stringify(h)).toBe(frozen);
  });
});

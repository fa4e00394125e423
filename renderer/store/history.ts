/** A bounded undo/redo history: pure functions over a past and a future list of entries. */

/** What was done (oldest first) and what was undone (the next to redo first). */
export interface History<E> {
  readonly past: readonly E[];
  readonly future: readonly E[];
}

/** How many entries the canvas keeps; the oldest go first. */
export const HISTORY_LIMIT = 100;

/** A history with nothing in it. */
export function emptyHistory<E>(): History<E> {
  return { past: [], future: [] };
}

/** Record a new action: it becomes the next to undo, the oldest beyond `limit` are dropped, and nothing is left to redo. */
export function pushEntry<E>(history: History<E>, entry: E, limit = HISTORY_LIMIT): History<E> {
  const past = [...history.past, entry];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/** The entry to undo and the history after undoing it; undefined when there is nothing to undo. */
export function undoEntry<E>(history: History<E>): { readonly entry: E; readonly history: History<E> } | undefined {
  const entry = history.past.at(-1);
  if (entry === undefined) return undefined;
  return { entry, history: { past: history.past.slice(0, -1), future: [entry, ...history.future] } };
}

/** The entry to redo and the history after redoing it; undefined when there is nothing to redo. */
export function redoEntry<E>(history: History<E>): { readonly entry: E; readonly history: History<E> } | undefined {
  const entry = history.future[0];
  if (entry === undefined) return undefined;
  return { entry, history: { past: [...history.past, entry], future: history.future.slice(1) } };
}

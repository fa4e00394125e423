/** The history slice: the canvas's undo and redo of card moves, layouts and selections. */
import { assertNever } from '../../shared/core/result';
import type { AppState, CanvasChange, GetState, SetState } from './app-state';
import { emptyHistory, pushEntry, redoEntry, undoEntry } from './history';
import type { History } from './history';

/** The state and actions this slice owns. */
export type HistorySlice = Pick<AppState, 'history' | 'record' | 'undo' | 'redo'>;

/** Put back one side of a change, through the store's actions that record nothing. */
async function applyChange(get: GetState, change: CanvasChange, side: 'before' | 'after'): Promise<void> {
  const s = get();
  switch (change.kind) {
    case 'move':
      return s.placeNodes(change[side]);
    case 'layout':
      return s.restoreLayout(change[side]);
    case 'selection':
      return s.restoreSelection(change[side]);
    default:
      return assertNever(change);
  }
}

/** The history slice. */
export function historySlice(set: SetState, get: GetState): HistorySlice {
  // Steps run one after another, so a quick Ctrl+Z Ctrl+Z never lays out two states at once.
  let queue: Promise<void> = Promise.resolve();

  function step(take: (h: History<CanvasChange>) => { entry: CanvasChange; history: History<CanvasChange> } | undefined, side: 'before' | 'after'): Promise<void> {
    queue = queue
      .then(async () => {
        const next = take(get().history);
        if (!next) return;
        set({ history: next.history });
        await applyChange(get, next.entry, side);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        set({ lastError: { code: 'internal', message: `The canvas could not ${side === 'before' ? 'undo' : 'redo'} that step: ${message}`, fix: 'Try Re-layout; if it keeps failing, report it.' } });
      });
    return queue;
  }

  return {
    history: emptyHistory(),

    record(change) {
      set({ history: pushEntry(get().history, change) });
    },

    undo() {
      return step(undoEntry, 'before');
    },

    redo() {
      return step(redoEntry, 'after');
    },
  };
}

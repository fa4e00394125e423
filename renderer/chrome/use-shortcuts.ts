/**
 * Keyboard shortcuts: `/` search, `c` conflicts, `f` fit, `Esc` clear, `+`/`-` zoom, `t` theme,
 * and the canvas's undo (Ctrl/Cmd+Z) and redo (Shift+Ctrl/Cmd+Z, Ctrl+Y).
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';

import { useFitNetwork } from '../graph/fit';
import { useAppStoreApi } from '../store/store-context';
import { SEARCH_INPUT_ID } from './SearchBox';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Input types that hold no text, so no undo of their own. */
const TEXTLESS_INPUTS: ReadonlySet<string> = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);

/** True where undo and redo belong to the focused field (its typing), not to the canvas. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !TEXTLESS_INPUTS.has(target.type);
}

/** Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl/Cmd+Y: the canvas's history, unless a text field has focus. */
function undoKeyOf(e: KeyboardEvent): 'undo' | 'redo' | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (key === 'y') return 'redo';
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  return undefined;
}

/** Install the window-wide shortcuts for as long as the calling component is mounted. */
export function useShortcuts(): void {
  const store = useAppStoreApi();
  const { zoomIn, zoomOut } = useReactFlow();
  const fitNetwork = useFitNetwork();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const s = store.getState();
      const history = undoKeyOf(e);
      if (history) {
        if (isTextField(e.target)) return;
        e.preventDefault();
        void (history === 'undo' ? s.undo() : s.redo());
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
        s.escape();
        return;
      }
      if (isTyping(e.target)) return;
      switch (e.key) {
        case '/':
          e.preventDefault();
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          break;
        case 'c':
        case 'C':
          if (s.snapshot) s.toggleConflicts();
          break;
        case 'f':
        case 'F':
          void fitNetwork({ duration: 250 });
          break;
        case '+':
        case '=':
          void zoomIn({ duration: 150 });
          break;
        case '-':
          void zoomOut({ duration: 150 });
          break;
        case 't':
        case 'T':
          s.setTheme(s.theme === 'dark' ? 'light' : 'dark');
          break;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, fitNetwork, zoomIn, zoomOut]);
}

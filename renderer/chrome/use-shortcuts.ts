/** Keyboard shortcuts: `/` search, `c` conflicts, `f` fit, `Esc` clear, `+`/`-` zoom, `t` theme. */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';

import { FIT_VIEW_OPTIONS } from '../graph/fit';
import { useAppStoreApi } from '../store/store-context';
import { SEARCH_INPUT_ID } from './SearchBox';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Install the window-wide shortcuts for as long as the calling component is mounted. */
export function useShortcuts(): void {
  const store = useAppStoreApi();
  const { fitView, zoomIn, zoomOut } = useReactFlow();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = store.getState();
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
          void fitView({ ...FIT_VIEW_OPTIONS, duration: 250 });
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
  }, [store, fitView, zoomIn, zoomOut]);
}

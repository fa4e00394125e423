/** The top bar: brand, data source, refresh and view controls. */
import { useAppStore } from '../store/store-context';

/** Toolbar frame. */
export function Toolbar() {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Peerscape
      </div>
      <div className="toolbar-spacer" />
      <button
        type="button"
        className="ghost"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}

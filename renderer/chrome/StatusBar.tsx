/** The bottom bar: version, connection and the last error with its fix. */
import { useAppStore } from '../store/store-context';

/** Status bar frame. */
export function StatusBar() {
  const info = useAppStore((s) => s.appInfo);
  const error = useAppStore((s) => s.lastError);
  return (
    <footer className="status-bar" role="status" aria-label="Status bar">
      <span data-testid="app-version">{info ? `${info.name} ${info.version}` : 'Peerscape'}</span>
      {info && <span className="muted">{info.shell === 'electron' ? 'desktop' : 'browser harness'}</span>}
      <span className="toolbar-spacer" />
      {error && (
        <span className="status-error" title={error.fix}>
          {error.message} — {error.fix}
        </span>
      )}
    </footer>
  );
}

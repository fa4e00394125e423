/** The bottom bar: version, what the network holds (each graph kind's count and findings), the snapshot's source and age, layout time, and the last error with its fix. */
import { statusPartsOf } from '../graph/kinds';
import { useAppStore } from '../store/store-context';
import { timeAgo } from '../util/time-ago';
import { useNow } from '../util/use-now';

/** Status bar frame. */
export function StatusBar() {
  const info = useAppStore((s) => s.appInfo);
  const error = useAppStore((s) => s.lastError);
  const snapshot = useAppStore((s) => s.snapshot);
  const layoutStatus = useAppStore((s) => s.layoutStatus);
  const showDeleted = useAppStore((s) => s.showDeleted);
  const now = useNow(30_000);
  const topology = snapshot?.topology;
  return (
    <footer className="status-bar" role="status" aria-label="Status bar">
      <span data-testid="app-version">{info ? `${info.name} ${info.version}` : 'Peerscape'}</span>
      {info && <span className="muted">{info.shell === 'electron' ? 'desktop' : 'browser harness'}</span>}
      {snapshot && topology && (
        <span data-testid="snapshot-summary">
          {[...statusPartsOf(topology, showDeleted), snapshot.source, `taken ${timeAgo(snapshot.takenAt, now) ?? snapshot.takenAt}`].join(' · ')}
        </span>
      )}
      {layoutStatus.running ? (
        <span className="muted">laying out…</span>
      ) : (
        layoutStatus.ms !== undefined && (
          <span className="muted" data-testid="layout-time" title={`elkjs ran in the ${layoutStatus.ranIn === 'worker' ? 'layout worker' : 'page'}`}>
            layout {Math.round(layoutStatus.ms)} ms{layoutStatus.ranIn === 'page' ? ' (page)' : ''}
          </span>
        )
      )}
      <span className="toolbar-spacer" />
      {!error && (
        <span className="shortcuts" aria-label="Keyboard shortcuts">
          <kbd>/</kbd> search <kbd>C</kbd> conflicts <kbd>F</kbd> fit <kbd>+</kbd>
          <kbd>−</kbd> zoom <kbd>T</kbd> theme <kbd>Esc</kbd> clear <kbd>Ctrl+Z</kbd> undo
        </span>
      )}
      {error && (
        <span className="status-error" title={error.fix}>
          {error.message} — {error.fix}
        </span>
      )}
    </footer>
  );
}

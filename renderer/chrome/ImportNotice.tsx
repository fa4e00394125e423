/** Why an import was refused, as a notice at the top of the window: what was wrong and what to
 * do, with a button to pick another file. It stays until dismissed or an import succeeds.
 */
import { useEffect, useId, useRef } from 'react';

import { useAppStore } from '../store/store-context';
import { ImportButton } from './ImportButton';
import './import-notice.css';

/** Most of a long list of problems shown at once; the rest are counted. */
const MAX_LISTED = 5;

/** `Lead: a; b; c` as its lead and a list, so several problems read one per line. */
function splitProblems(message: string): { lead: string; items: readonly string[] } {
  const colon = message.indexOf(': ');
  const items = colon < 0 ? [] : message.slice(colon + 2).split('; ');
  return items.length < 2 ? { lead: message, items: [] } : { lead: `${message.slice(0, colon)}:`, items };
}

/** The notice, or nothing while the last import went well. */
export function ImportNotice() {
  const problem = useAppStore((s) => s.importProblem);
  const dismiss = useAppStore((s) => s.dismissImportProblem);
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  // Keyboard users land on it, as they would on a dialog.
  useEffect(() => {
    if (problem) box.current?.focus();
  }, [problem]);
  if (!problem) return null;
  const { fileName, error } = problem;
  return (
    <div ref={box} className="import-notice" role="alert" aria-labelledby={titleId} tabIndex={-1} data-testid="import-notice" onKeyDown={(e) => e.key === 'Escape' && dismiss()}>
      <div className="import-notice-body">
        <strong id={titleId}>{fileName ? `${fileName} was not opened` : 'The snapshot was not opened'}</strong>
        <Problems message={error.message} />
        <p className="import-notice-fix">
          <span className="muted">What to do: </span>
          {error.fix}
        </p>
      </div>
      <div className="import-notice-actions">
        <ImportButton label="Choose another file…" />
        <button type="button" className="ghost" onClick={dismiss} aria-label="Dismiss">
          Dismiss
        </button>
      </div>
    </div>
  );
}

function Problems({ message }: { message: string }) {
  const { lead, items } = splitProblems(message);
  return (
    <>
      <p className="import-notice-what">{lead}</p>
      {items.length > 0 && (
        <ul className="import-notice-list">
          {items.slice(0, MAX_LISTED).map((item) => (
            <li key={item} className="mono">
              {item}
            </li>
          ))}
          {items.length > MAX_LISTED && <li className="muted">and {items.length - MAX_LISTED} more</li>}
        </ul>
      )}
    </>
  );
}

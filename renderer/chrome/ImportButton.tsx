/** A button that imports a snapshot file the user picks. */
import { useCallback, useRef } from 'react';
import type { ChangeEvent } from 'react';

import { useAppStore } from '../store/store-context';

/** Import button with its hidden file input. */
export function ImportButton({ label = 'Import', className = '' }: { label?: string; className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const importSnapshotText = useAppStore((s) => s.importSnapshotText);
  const reportImportProblem = useAppStore((s) => s.reportImportProblem);
  const pick = useCallback(() => input.current?.click(), []);
  const onFile = useCallback(
    async (e: ChangeEvent<HTMLInputElement>) => {
      const file = e.target.files?.[0];
      e.target.value = '';
      if (!file) return;
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        reportImportProblem({
          fileName: file.name,
          error: { code: 'invalid-input', message: `The file could not be read (${error instanceof Error ? error.message : String(error)}).`, fix: 'Check that it still exists and that you may read it, then choose it again.' },
        });
        return;
      }
      await importSnapshotText(text, file.name);
    },
    [importSnapshotText, reportImportProblem],
  );
  return (
    <>
      <button type="button" className={className} onClick={pick} title="Open a snapshot exported by Peerscape or written by `peerscape scan`">
        {label}
      </button>
      <input ref={input} type="file" accept="application/json,.json" className="visually-hidden" onChange={onFile} data-testid="import-snapshot-input" aria-label="Snapshot file" />
    </>
  );
}

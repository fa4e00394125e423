/** The right-hand panel: inspector, findings, reach on a port, discovery (with the AWS profiles) and the audit log
 * (with the runs that did not finish), as tabs. */
import { useCallback, useMemo } from 'react';
import type { KeyboardEvent } from 'react';

import type { SidePanelTab } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { saveFile } from '../util/save-file';
import { DiscoveryPanel } from './DiscoveryPanel';
import { FindingsPanel } from './FindingsPanel';
import { InspectorPanel } from './InspectorPanel';
import { ReachPanel } from './ReachPanel';
import { AuditPanel } from './plan/AuditPanel';
import type { SavedRunsClient } from './plan/plan-client';
import { SavedRuns, useUnfinishedRunCount } from './plan/SavedRuns';

const TABS: readonly { id: SidePanelTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'findings', label: 'Findings' },
  { id: 'reach', label: 'Reach' },
  { id: 'discovery', label: 'Discovery' },
  { id: 'audit', label: 'Audit' },
];

function useSavedRunsClient(): SavedRunsClient {
  const client = useAppStore((s) => s.client);
  return useMemo(
    () => ({
      listRuns: (i) => client.listRuns(i),
      discardRun: (i) => client.discardRun(i),
      resumePlan: (i) => client.resumePlan(i),
      cancelPlanRun: (i) => client.cancelPlanRun(i),
      onPlanProgressed: (l) => client.on('planProgressed', l),
    }),
    [client],
  );
}

/** The runs that did not finish, then every change Peerscape made in AWS, refreshed as new calls are logged. */
function AuditTab({ onCount }: { onCount: (stopped: number) => void }) {
  const client = useAppStore((s) => s.client);
  const runs = useSavedRunsClient();
  const subscribe = useCallback((listener: () => void) => client.on('auditAppended', listener), [client]);
  return (
    <>
      <SavedRuns client={runs} subscribe={subscribe} onCount={onCount} />
      <AuditPanel
        client={client}
        onSave={(file) => saveFile(file.filename, file.content, file.filename.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson')}
        subscribe={subscribe}
      />
    </>
  );
}

/** Side panel frame. */
export function SidePanel() {
  const panel = useAppStore((s) => s.panel);
  const [unfinished, setUnfinished] = useUnfinishedRunCount(useSavedRunsClient());
  const setPanel = useAppStore((s) => s.setPanel);
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const i = TABS.findIndex((t) => t.id === panel);
      const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
      setPanel(next.id);
    },
    [panel, setPanel],
  );
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="tabs" role="tablist" aria-label="Side panel tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={panel === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={panel === t.id ? 0 : -1}
            className={panel === t.id ? 'tab active' : 'tab'}
            onClick={() => setPanel(t.id)}
          >
            {t.label}
            {t.id === 'audit' && unfinished > 0 && (
              <span className="count bad tab-count" title={`${unfinished} unfinished run${unfinished === 1 ? '' : 's'}: resume or discard in the Audit tab`} data-testid="unfinished-runs-badge">
                {unfinished}
              </span>
            )}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" id={`tabpanel-${panel}`} aria-labelledby={`tab-${panel}`}>
        {panel === 'inspector' && <InspectorPanel />}
        {panel === 'findings' && <FindingsPanel />}
        {panel === 'reach' && <ReachPanel />}
        {panel === 'discovery' && <DiscoveryPanel />}
        {panel === 'audit' && <AuditTab onCount={setUnfinished} />}
      </div>
    </aside>
  );
}

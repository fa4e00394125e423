/** Every finding of the snapshot, as `peerscape analyze` reports them: one section per kind, from
 * the one findings list of shared/analysis (`analyzeSnapshot`), with its words.
 */
import type { Finding, FindingKind, SnapshotAnalysis } from '../../shared/analysis/findings';
import { analyzeSnapshot, FINDING_KINDS, FINDING_ORDER, findingsOfKind, summarizeFindings } from '../../shared/analysis/findings';
import type { Snapshot } from '../../shared/model/snapshot';
import { conflictsOf, routesOf } from '../graph/derive';
import { useAppStore } from '../store/store-context';

/** How many findings of one kind the panel lists before summing up the rest. */
const LIST_LIMIT = 200;

const analyses = new WeakMap<Snapshot, SnapshotAnalysis>();

/** The analysis of a snapshot, once per snapshot, reusing the conflicts and routes the canvas already computed. */
export function findingsOf(snapshot: Snapshot): SnapshotAnalysis {
  let hit = analyses.get(snapshot);
  if (!hit) {
    const t = snapshot.topology;
    hit = analyzeSnapshot(snapshot, { conflicts: conflictsOf(t).report, completeness: [...routesOf(t).byPeering.values()].map((r) => r.detail) });
    analyses.set(snapshot, hit);
  }
  return hit;
}

function FindingItem({ finding }: { finding: Finding }) {
  const selectVpc = useAppStore((s) => s.selectVpc);
  const selectPeering = useAppStore((s) => s.selectPeering);
  const focus = finding.focus;
  const select = () => {
    if (focus.kind === 'peering') selectPeering(focus.peeringId);
    // The canvas draws no transit gateway yet: a gateway finding selects the VPCs of its attachments.
    else if (focus.kind === 'vpcs' || focus.kind === 'transit-gateway') focus.vpcIds.forEach((id, i) => selectVpc(id, i > 0));
  };
  const selectable = focus.kind === 'peering' || (focus.kind !== 'none' && focus.vpcIds.length > 0);
  return (
    <li className={`finding ${finding.severity}`} data-finding-id={finding.id} data-finding-kind={finding.kind}>
      <button type="button" className="finding-button" onClick={select} disabled={!selectable}>
        <strong className="finding-subject">{finding.subject}</strong>
        <span className="small">{finding.message}</span>
        {finding.fix && <span className="small muted finding-fix">{finding.fix}</span>}
      </button>
    </li>
  );
}

function FindingSection({ analysis, kind }: { analysis: SnapshotAnalysis; kind: FindingKind }) {
  const mode = useAppStore((s) => s.mode);
  const toggleConflicts = useAppStore((s) => s.toggleConflicts);
  const info = FINDING_KINDS[kind];
  const findings = findingsOfKind(analysis, kind);
  const notes = analysis.notes[kind] ?? [];
  const total = analysis.totals[kind];
  if (total === 0 && !info.none && notes.length === 0) return null;
  const headingId = `findings-${kind}-heading`;
  return (
    <section aria-labelledby={headingId} data-testid={`findings-${kind}`}>
      <div className="section-head">
        <h2 id={headingId}>
          {info.title} ({total.toLocaleString()})
        </h2>
        {kind === 'cidr-conflict' && (
          <button type="button" className={mode === 'conflicts' ? 'primary small-button' : 'small-button'} onClick={toggleConflicts} aria-pressed={mode === 'conflicts'}>
            {mode === 'conflicts' ? 'Painting conflicts' : 'Paint on canvas'}
          </button>
        )}
      </div>
      {kind === 'non-transitive' && <p className="muted small">Peering is not transitive: A–B and B–C peered does not let A reach C.</p>}
      {findings.length > 0 ? (
        <ul className="plain findings-list" aria-label={info.title}>
          {findings.slice(0, LIST_LIMIT).map((f) => (
            <FindingItem key={f.id} finding={f} />
          ))}
          {findings.length > LIST_LIMIT && <li className="muted small">and {(findings.length - LIST_LIMIT).toLocaleString()} more</li>}
        </ul>
      ) : (
        info.none && <p className="muted small">{info.none}</p>
      )}
      {notes.map((note) => (
        <p key={note} className="muted small finding-note">
          {note}
        </p>
      ))}
    </section>
  );
}

/** The findings tab. */
export function FindingsPanel() {
  const snapshot = useAppStore((s) => s.snapshot);
  if (!snapshot) return <p className="muted">No snapshot yet.</p>;
  const analysis = findingsOf(snapshot);
  return (
    <div className="findings" data-testid="findings-panel">
      <p className="muted small" data-testid="findings-summary">
        {summarizeFindings(analysis)}
      </p>
      {FINDING_ORDER.map((kind) => (
        <FindingSection key={kind} analysis={analysis} kind={kind} />
      ))}
    </div>
  );
}

/** Details of the selection: two VPCs and whether traffic can flow between them, or the section of the selected kind. */
import { inspectorOf } from '../graph/kinds';
import type { SelectedItem } from '../store/app-state';
import { useAppStore } from '../store/store-context';
import { PairInspector } from './PairInspector';

/** The inspector tab. */
export function InspectorPanel() {
  const topology = useAppStore((s) => s.snapshot?.topology);
  const selection = useAppStore((s) => s.selection);
  if (!topology) return <p className="muted">Nothing to inspect yet: open the sandbox, scan, or import a snapshot.</p>;
  const [a, b] = selection.vpcIds;
  if (a && b) return <PairInspector topology={topology} a={a} b={b} />;
  const picked: SelectedItem | undefined = a ? { kind: 'vpc', id: a } : selection.item;
  const Section = picked && inspectorOf(picked.kind);
  if (picked && Section) return <Section topology={topology} id={picked.id} />;
  return (
    <div className="inspector-empty muted">
      <p>Click a VPC to see its blocks, peerings, routes and rules; click a peering line for its status and next step.</p>
      <p>Shift-click a second VPC to ask whether traffic can flow between the two.</p>
    </div>
  );
}

/** The inspector section of a transit gateway: its facts, then each route table with its associations, propagations and routes; or, when its routing was not read, why and what to do. */
import { labelTgwTable, tgwRoutingUnreadWords } from '../../../../shared/analysis/tgw-attachment-checklist';
import { tgwEndpointCounts, tgwEndpointWords } from '../../../../shared/diagram/kinds/tgw/scene';
import type { TransitGatewayAttachmentRef, TransitGatewayRoute, TransitGatewayRouteTable } from '../../../../shared/model/topology';
import { useAppStore } from '../../../store/store-context';
import type { InspectorSectionProps } from '../inspector-parts';

function onOff(v: boolean | undefined): string {
  return v === undefined ? 'not given' : v ? 'on' : 'off';
}

/** An attachment as a table names it: a button that selects its edge when the canvas draws one. */
function AttachmentRef({ topology, ref: r }: { topology: InspectorSectionProps['topology']; ref: TransitGatewayAttachmentRef }) {
  const selectItem = useAppStore((s) => s.selectItem);
  const a = topology.transitGatewayAttachments.find((x) => x.id === r.attachmentId);
  const type = r.resourceType ?? a?.resourceType;
  const resource = r.resourceId ?? a?.resourceId;
  const words = `${r.attachmentId}${type ? ` (${type}${resource ? ` ${resource}` : ''})` : ''}`;
  if (type === 'vpc') {
    return (
      <button type="button" className="link mono" onClick={() => selectItem({ kind: 'tgw-attachment', id: r.attachmentId })}>
        {words}
      </button>
    );
  }
  return <span className="mono">{words}</span>;
}

function RouteRow({ topology, route }: { topology: InspectorSectionProps['topology']; route: TransitGatewayRoute }) {
  const d = route.destination;
  const list = d.kind === 'prefix-list' ? topology.prefixLists.find((l) => l.id === d.prefixListId) : undefined;
  return (
    <li className={route.state === 'blackhole' ? 'tgw-route is-blackhole' : 'tgw-route'} data-destination={d.kind === 'cidr' ? d.cidr : d.prefixListId}>
      <span className="tgw-route-dest">{d.kind === 'cidr' ? d.cidr : d.prefixListId}</span> <span className="muted">· {route.type} ·</span>{' '}
      <span className={route.state === 'blackhole' ? 'check-blackhole' : 'check-ok'}>{route.state}</span>
      {list && (
        <div className="muted small">
          prefix list {list.name ?? ''}: {list.entries.map((e) => e.cidr).join(', ') || 'no entries read'}
        </div>
      )}
      <div className="tgw-route-targets small">
        {route.targets.length === 0
          ? 'drops what matches it'
          : route.targets.map((t, i) => (
              <div key={`${t.attachmentId}-${i}`}>
                → <AttachmentRef topology={topology} ref={t} />
              </div>
            ))}
        {route.targets.length > 1 && <div className="muted">ECMP: {route.targets.length} equal-cost targets</div>}
      </div>
    </li>
  );
}

function RouteTableSection({ topology, table }: { topology: InspectorSectionProps['topology']; table: TransitGatewayRouteTable }) {
  const defaults = [table.defaultAssociation ? 'default association' : '', table.defaultPropagation ? 'default propagation' : ''].filter(Boolean).join(', ');
  return (
    <div className="tgw-table" data-testid={`tgw-table-${table.id}`}>
      <div className="tgw-table-title">{labelTgwTable(table)}</div>
      <div className="muted small">{[table.state, defaults].filter(Boolean).join(' · ')}</div>
      <div className="tgw-sub">Associations (routed by this table)</div>
      <ul className="plain checks">
        {table.associations.length === 0 ? <li className="small muted">none</li> : table.associations.map((l) => (
          <li key={l.attachmentId} className="small">
            <AttachmentRef topology={topology} ref={l} /> · {l.state}
          </li>
        ))}
      </ul>
      <div className="tgw-sub">Propagations (routes learned from)</div>
      <ul className="plain checks">
        {table.propagations.length === 0 ? <li className="small muted">none</li> : table.propagations.map((l) => (
          <li key={l.attachmentId} className="small">
            <AttachmentRef topology={topology} ref={l} /> · {l.state}
          </li>
        ))}
      </ul>
      <div className="tgw-sub">Routes</div>
      <ul className="tgw-routes" aria-label={`Routes of ${table.id}`}>
        {table.routes.length === 0 ? <li className="muted small">No routes.</li> : table.routes.map((r, i) => <RouteRow key={i} topology={topology} route={r} />)}
      </ul>
      {!table.routesComplete && (
        <p className="small check-partial" data-testid="routes-incomplete">
          Routes incomplete: AWS had more routes than one SearchTransitGatewayRoutes call returns (it has no paging), so this list is a part of the table; nothing here says a route is missing.
        </p>
      )}
    </div>
  );
}

/** Details of one selected transit gateway. */
export function TgwInspector({ topology, id }: InspectorSectionProps) {
  const g = topology.transitGateways.find((x) => x.id === id);
  if (!g) return <p className="muted">This transit gateway is no longer in the snapshot.</p>;
  const tables = topology.transitGatewayRouteTables.filter((t) => t.transitGatewayId === g.id && t.region === g.region);
  const attachments = topology.transitGatewayAttachments.filter((a) => a.transitGatewayId === g.id && a.region === g.region);
  const endpoints = tgwEndpointWords(tgwEndpointCounts(topology, g));
  const unread = g.routing.state === 'unread' ? tgwRoutingUnreadWords(g.routing.reason, g) : undefined;
  return (
    <section aria-label="Transit gateway details" data-testid="inspector-tgw">
      <h3 className="inspector-title">{g.name ?? g.id}</h3>
      <div className="mono muted small">{g.id}</div>
      <dl className="facts">
        <dt>Owner</dt>
        <dd className="mono">
          {g.accountId} · {g.region}
        </dd>
        <dt>State</dt>
        <dd>{g.state}</dd>
        {g.sharedWith.length > 0 && (
          <>
            <dt>Shared with</dt>
            <dd className="mono">{g.sharedWith.join(', ')}</dd>
          </>
        )}
        <dt>ASN</dt>
        <dd className="mono">{g.options.amazonSideAsn ?? 'not given'}</dd>
        <dt>Auto-accept</dt>
        <dd>{onOff(g.options.autoAcceptSharedAttachments)}</dd>
        <dt>Defaults</dt>
        <dd className="small">
          association {onOff(g.options.defaultRouteTableAssociation)}
          {g.options.associationDefaultRouteTableId ? ` (${g.options.associationDefaultRouteTableId})` : ''}, propagation {onOff(g.options.defaultRouteTablePropagation)}
          {g.options.propagationDefaultRouteTableId ? ` (${g.options.propagationDefaultRouteTableId})` : ''}
        </dd>
        <dt>Attachments</dt>
        <dd>
          {attachments.length}
          {endpoints ? ` (${endpoints} not drawn as edges)` : ''}
        </dd>
      </dl>
      <h4>Route tables</h4>
      {unread ? (
        <div className="next-step-box tone-warn" data-testid="tgw-routing-unread">
          <div>
            <strong>Routing not read:</strong> {unread.reason}.
          </div>
          <div>
            <strong>Fix:</strong> {unread.fix}
          </div>
          <div className="small muted">Until then every path through this gateway is unknown, never “no route”.</div>
        </div>
      ) : tables.length === 0 ? (
        <p className="muted small">The gateway has no route tables.</p>
      ) : (
        tables.map((t) => <RouteTableSection key={t.id} topology={topology} table={t} />)
      )}
    </section>
  );
}

/** Transit gateway hubs: one per gateway of the document the layout placed, in its owner's region frame. */
import type { Topology, TransitGateway } from '../../../model/topology';
import type { BoxScene, SceneBoxBase } from '../kind';
import { resolveBoxStyle } from '../kind';

/** A count of the gateway's attachments to things the diagram draws no box for (VPN, Direct Connect …). */
export interface TgwEndpointCount {
  /** AWS's resource type (`vpn`, `direct-connect-gateway`, `connect` …). */
  readonly resourceType: string;
  /** Short words for the badge: `VPN`, `DX`, `Connect` … */
  readonly words: string;
  readonly count: number;
}

/** A transit gateway hub. */
export interface SceneTgw extends SceneBoxBase {
  readonly kind: 'tgw';
  readonly gateway: TransitGateway;
  /** True when the snapshot does not hold the gateway's routing. */
  readonly unread: boolean;
  /** Its attachments that are neither VPCs nor peerings, by type: drawn as a badge on the hub, not as boxes. */
  readonly endpoints: readonly TgwEndpointCount[];
}

const ENDPOINT_WORDS: Readonly<Record<string, string>> = {
  vpn: 'VPN',
  'vpn-concentrator': 'VPN conc.',
  'direct-connect-gateway': 'DX',
  connect: 'Connect',
  'network-function': 'NF',
  'client-vpn': 'Client VPN',
};

/** Whether an attachment of this type is drawn as an edge (a VPC, a gateway peering) rather than counted on the hub. */
export function isDrawnAttachmentType(resourceType: string): boolean {
  return resourceType === 'vpc' || resourceType === 'peering' || resourceType === 'tgw-peering';
}

/** The gateway's attachments that are not drawn as edges, counted by type (deleted ones left out), in a fixed order. */
export function tgwEndpointCounts(topology: Pick<Topology, 'transitGatewayAttachments'>, gateway: Pick<TransitGateway, 'id' | 'region'>): readonly TgwEndpointCount[] {
  const counts = new Map<string, number>();
  for (const a of topology.transitGatewayAttachments) {
    if (a.transitGatewayId !== gateway.id || a.region !== gateway.region || isDrawnAttachmentType(a.resourceType) || a.state === 'deleted') continue;
    counts.set(a.resourceType, (counts.get(a.resourceType) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([resourceType, count]) => ({ resourceType, words: ENDPOINT_WORDS[resourceType] ?? resourceType, count }));
}

/** The badge text of the endpoints: `2 VPN · 1 DX`, empty when there are none. */
export function tgwEndpointWords(endpoints: readonly TgwEndpointCount[]): string {
  return endpoints.map((e) => `${e.count} ${e.words}`).join(' · ');
}

/** A hub's title: its Name tag, else its id. */
export function tgwTitle(gateway: Pick<TransitGateway, 'id' | 'name'>): string {
  return gateway.name ?? gateway.id;
}

/** A hub's lines in file formats that have one label per box: title, id when named, what it says of routing and endpoints. */
export function tgwLabelLines(box: SceneTgw): readonly string[] {
  const g = box.gateway;
  const endpoints = tgwEndpointWords(box.endpoints);
  return [`Transit gateway ${tgwTitle(g)}`, ...(g.name ? [g.id] : []), ...(box.unread ? ['routing not read'] : []), ...(endpoints ? [endpoints] : [])];
}

export const tgwScene: BoxScene<SceneTgw> = {
  keepOff: 'whole',
  boxes: ({ doc, theme, hue }) => {
    const byId = new Map(doc.topology.transitGateways.map((g) => [g.id as string, g]));
    return (b, place) => {
      const gateway = byId.get(b.id);
      if (!gateway) return undefined;
      const h = hue(gateway.accountId);
      const unread = gateway.routing.state === 'unread';
      return { kind: 'tgw', ...place, accountId: gateway.accountId, hue: h, style: resolveBoxStyle(unread ? 'tgw-unread' : 'tgw', theme, h), gateway, unread, endpoints: tgwEndpointCounts(doc.topology, gateway) };
    };
  },
};

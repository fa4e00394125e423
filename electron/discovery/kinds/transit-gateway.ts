/** Transit gateways, their attachments, peerings and route tables in discovery. */
import type {
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayPeering,
  TransitGatewayRouteTable,
} from '../../../shared/model/topology';
import { discoveryKind, type DiscoveryKind } from './kind';

/** A kind that makes no call yet: its list stays empty. */
function notScanned<T>(): DiscoveryKind<never, T, T, T> {
  return discoveryKind<never, T, T, T>({
    actions: {},
    optional: true,
    scan: () => Promise.resolve([]),
    translate: (x) => x,
    merge: (found) => found,
    carry: () => [],
  });
}

/** The transit gateway kind of discovery. */
export const TRANSIT_GATEWAY_DISCOVERY = notScanned<TransitGateway>();
/** The transit gateway attachment kind of discovery. */
export const TRANSIT_GATEWAY_ATTACHMENT_DISCOVERY = notScanned<TransitGatewayAttachment>();
/** The transit gateway peering kind of discovery. */
export const TRANSIT_GATEWAY_PEERING_DISCOVERY = notScanned<TransitGatewayPeering>();
/** The transit gateway route table kind of discovery. */
export const TRANSIT_GATEWAY_ROUTE_TABLE_DISCOVERY = notScanned<TransitGatewayRouteTable>();

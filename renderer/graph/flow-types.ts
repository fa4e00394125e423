/** The graph's React Flow node and edge types, as typed `Node<Data, 'kind'>` unions. */
import type { Edge, Node } from '@xyflow/react';

import type { AccountId, PeeringId, Region, VpcId } from '../../shared/model/ids';
import type { TgwEndpointCount } from '../../shared/diagram/kinds/tgw/scene';
import type { Peering, TransitGateway, TransitGatewayAttachment, TransitGatewayPeering, Vpc } from '../../shared/model/topology';

/** What a VPC card shows. Data must be a `type`, not an `interface` (React Flow's TypeScript guide). */
export type VpcData = {
  readonly vpcId: VpcId;
  /** The Name tag, else the id. */
  readonly label: string;
  /** The scanned VPC; absent for a VPC known only from a peering. */
  readonly vpc?: Vpc;
  readonly cidrs: readonly string[];
  readonly accountId: AccountId;
  /** The account's name (`accountName`), else the id. */
  readonly accountLabel: string;
  readonly region: Region;
  /** Colour index of the account (0–7), shared by its frame and its cards. */
  readonly hue: number;
};

/** An account frame. */
export type AccountData = {
  readonly accountId: AccountId;
  readonly name?: string;
  readonly alias?: string;
  /** The OU path, when an organisation scan read it (empty for the root). */
  readonly ouPath?: string;
  readonly profiles: readonly string[];
  readonly scanned: boolean;
  readonly vpcCount: number;
  readonly hue: number;
};

/** A region frame inside an account. */
export type RegionData = {
  readonly accountId: AccountId;
  readonly region: Region;
  readonly vpcCount: number;
};

/** A transit gateway hub, in its owner's region frame. */
export type TgwData = {
  readonly gateway: TransitGateway;
  /** The account's name (`accountName`), else the id. */
  readonly accountLabel: string;
  readonly hue: number;
  /** Its VPN, Direct Connect, Connect … attachments, counted on a badge. */
  readonly endpoints: readonly TgwEndpointCount[];
};

/** A VPC card. */
export type VpcFlowNode = Node<VpcData, 'vpc'>;
/** A transit gateway hub. */
export type TgwFlowNode = Node<TgwData, 'tgw'>;
/** An account frame (parent of its regions). */
export type AccountFlowNode = Node<AccountData, 'account'>;
/** A region frame (parent of its VPC cards). */
export type RegionFlowNode = Node<RegionData, 'region'>;
/** Every node of the graph. */
export type AppNode = VpcFlowNode | AccountFlowNode | RegionFlowNode | TgwFlowNode;

/** A peering between two VPC cards. */
export type PeeringEdgeData = {
  readonly peering: Peering;
};

/** A path that would be needed but does not exist: peering is not transitive. */
export type GhostEdgeData = {
  /** VPCs the traffic would have to pass through. */
  readonly via: readonly VpcId[];
  readonly peeringIds: readonly PeeringId[];
  readonly label: string;
  /** A peering a fix plan proposes, not a detour. */
  readonly proposed?: boolean;
};

/** A VPC attachment, VPC card to hub. */
export type TgwAttachmentEdgeData = {
  readonly attachment: TransitGatewayAttachment;
};

/** A peering of two gateways, hub to hub. */
export type TgwPeeringEdgeData = {
  readonly peering: TransitGatewayPeering;
};

/** A drawn peering. */
export type PeeringFlowEdge = Edge<PeeringEdgeData, 'peering'>;
/** A drawn VPC attachment. */
export type TgwAttachmentFlowEdge = Edge<TgwAttachmentEdgeData, 'tgw-attachment'>;
/** A drawn TGW peering. */
export type TgwPeeringFlowEdge = Edge<TgwPeeringEdgeData, 'tgw-peering'>;
/** A dashed would-be path. */
export type GhostFlowEdge = Edge<GhostEdgeData, 'ghost'>;
/** Every edge of the graph. */
export type AppEdge = PeeringFlowEdge | GhostFlowEdge | TgwAttachmentFlowEdge | TgwPeeringFlowEdge;

/** Type guard for VPC cards. */
export function isVpcNode(node: AppNode): node is VpcFlowNode {
  return node.type === 'vpc';
}

/**
 * Stacking order (React Flow in `zIndexMode="manual"`): frames at the bottom, then edges, then
 * cards, so a peering line never crosses over a card it does not belong to. React Flow's basic
 * mode would lift each edge to the level of the nodes it joins, which puts lines between accounts
 * above every card of the accounts drawn before them.
 */
export const Z = { account: 0, region: 1, edge: 2, card: 3 } as const;

/** The handle ids every VPC card has. */
export const HANDLE_PEER_OUT = 'peer-out';
/** The card-sized drop target. */
export const HANDLE_PEER_IN = 'peer-in';
/** A hub's handles: attachments and TGW peerings end at it (nothing is dragged from or onto a hub). */
export const HANDLE_TGW_IN = 'tgw-in';
export const HANDLE_TGW_OUT = 'tgw-out';
/** The hub's drop target of a drag from a VPC card (plans an attachment). */
export const HANDLE_TGW_DROP = 'tgw-drop';

/** The peering kind: ids `pcx-`, one world-wide table both sides see (each side keeps its own
 * tags), its actions, and its part in a VPC's deletion. */
import { read, write } from '../../ec2/context';
import type { KindDef } from '../kind';
import {
  acceptVpcPeeringConnection,
  createVpcPeeringConnection,
  deleteVpcPeeringConnection,
  describeVpcPeeringConnections,
  modifyVpcPeeringConnectionOptions,
  peeringsOnVpcDelete,
  rejectVpcPeeringConnection,
} from './actions';
import { PEERING_IDS, type PeeringRec } from './records';

export const PEERING_KIND = {
  ids: PEERING_IDS,
  tagType: 'vpc-peering-connection',
  actions: {
    CreateVpcPeeringConnection: write(createVpcPeeringConnection),
    AcceptVpcPeeringConnection: write(acceptVpcPeeringConnection),
    RejectVpcPeeringConnection: write(rejectVpcPeeringConnection),
    DeleteVpcPeeringConnection: write(deleteVpcPeeringConnection),
    DescribeVpcPeeringConnections: read(describeVpcPeeringConnections),
    ModifyVpcPeeringConnectionOptions: write(modifyVpcPeeringConnectionOptions),
  },
  onVpcDelete: peeringsOnVpcDelete,
  state: {
    key: 'peerings',
    dump: (world) => [...world.peerings.values()],
    load: (world, records) => {
      for (const p of records ?? []) world.putPeering(p);
    },
  },
  tags: {
    // Each account tags, and sees, its own tags of a peering it is a side of.
    of: (ctx, id) => {
      const p = ctx.world.visiblePeering(id, ctx.accountId, ctx.region);
      if (!p) return undefined;
      p.tags[ctx.accountId] ??= {};
      return p.tags[ctx.accountId];
    },
    seen: function* (ctx) {
      for (const id of ctx.cell.peeringIds) {
        const p: PeeringRec | undefined = ctx.world.visiblePeering(id, ctx.accountId, ctx.region);
        if (p) yield { id: p.id, tags: p.tags[ctx.accountId] };
      }
    },
  },
} satisfies KindDef<'peering'>;

/** A VPC's words for the search: its name and id, its tags, and the addresses its blocks and subnets hold. */
import { hasOverlap } from '../../../../shared/cidr/overlap';
import { findVpcsByIp } from '../../../../shared/cidr/find-vpcs-by-ip';
import { collectVpcBlocks } from '../../../../shared/cidr/vpc-blocks';
import { ok } from '../../../../shared/core/result';
import { regionBoxId } from '../../../../shared/diagram/layout';
import type { VpcId } from '../../../../shared/model/ids';
import type { KindSearch, SearchEntry } from '../../search-entry';

/** The VPC kind's search: every VPC card, found also by its account's and region's words. */
export const VPC_SEARCH: KindSearch = {
  entries: ({ members }) =>
    members.flatMap((a) =>
      a.regions.flatMap((r) =>
        r.vpcs.map(
          (v): SearchEntry => ({
            kind: 'vpc',
            id: v.id,
            label: v.label,
            within: regionBoxId(v.accountId, v.region),
            terms: [
              { key: 'name', value: v.label },
              { key: 'id', value: v.id },
            ],
            ...(v.vpc?.tags ? { tags: v.vpc.tags } : {}),
            fit: [v.id],
          }),
        ),
      ),
    ),
  result: { noun: ['VPC', 'VPCs'], choose: (actions, id) => actions.selectVpc(id as VpcId) },
  address(topology, query) {
    if (query.kind === 'block') {
      const why = new Map<string, string>();
      for (const [vpcId, blocks] of collectVpcBlocks(topology).byVpc) {
        const hit = blocks.find((b) => hasOverlap(b, query.range));
        if (hit) why.set(vpcId, `${hit.cidr} overlaps ${query.range.cidr}`);
      }
      return ok(why);
    }
    const found = findVpcsByIp(topology, query.text);
    if (!found.ok) return found;
    const word = query.text;
    if (query.family === 'ipv6') return ok(new Map(found.value.map((m) => [m.vpcId as string, `${word} in ${m.block}`])));
    return ok(new Map(found.value.map((m) => [m.vpcId as string, m.subnetId ? `${word} in ${m.subnetId} (${m.subnetCidr})` : `${word} in ${m.block}, in no subnet`])));
  },
};

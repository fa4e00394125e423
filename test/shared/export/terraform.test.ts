import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';

import { exportText } from '../../../shared/export/export-formats';
import { hclString } from '../../../shared/export/syntax/hcl';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';

type Blocks = Record<string, Record<string, Record<string, unknown>[]>>;
interface Hcl {
  terraform: unknown[];
  provider: { aws: Record<string, unknown>[] };
  resource: Blocks;
  import?: Record<string, unknown>[];
}

async function tf(request: Parameters<typeof exportText>[1]): Promise<Hcl> {
  const r = exportText(buildReviewSnapshot(), request);
  if (!r.ok) throw new Error(r.error.message);
  // HashiCorp's own HCL parser (compiled to wasm) must accept the file.
  return (await parse('peering.tf', r.value.text)) as Hcl;
}

describe('exportTerraform', () => {
  it('plans a new cross-account peering with a provider alias per account × region', async () => {
    const hcl = await tf({ format: 'tf', plan: { requesterVpcId: 'vpc-0a11', accepterVpcId: 'vpc-0b22' } });
    expect(hcl.provider.aws.map((p) => [p.alias, p.region, p.profile, p.allowed_account_ids])).toEqual([
      ['a111111111111_eu_west_1', 'eu-west-1', 'hub-admin', ['111111111111']],
      ['a222222222222_us_east_1', 'us-east-1', 'payments', ['222222222222']],
    ]);
    const key = 'shared_services_to_payments_dr';
    const pcx = hcl.resource.aws_vpc_peering_connection![key]![0]!;
    expect(pcx).toMatchObject({ provider: '${aws.a111111111111_eu_west_1}', vpc_id: 'vpc-0a11', peer_vpc_id: 'vpc-0b22', peer_owner_id: '222222222222', peer_region: 'us-east-1' });
    const acc = hcl.resource.aws_vpc_peering_connection_accepter![key]![0]!;
    expect(acc).toMatchObject({ provider: '${aws.a222222222222_us_east_1}', auto_accept: true, vpc_peering_connection_id: `\${aws_vpc_peering_connection.${key}.id}` });
    expect(hcl.import).toBeUndefined();
  });

  it('routes every peer block from every serving table, IPv4 secondary and IPv6 included', async () => {
    const hcl = await tf({ format: 'tf', plan: { requesterVpcId: 'vpc-0b21', accepterVpcId: 'vpc-0c31' } });
    const routes = Object.values(hcl.resource.aws_route!).map((r) => r[0]!);
    const summary = routes.map((r) => `${r.route_table_id} ${r.destination_cidr_block ?? r.destination_ipv6_cidr_block}`).sort();
    expect(summary).toEqual(['rtb-0b21main 10.30.0.0/16', 'rtb-0b21main 10.31.0.0/16', 'rtb-0c31main 10.20.0.0/16']);
    const ipv6 = await tf({ format: 'tf', plan: { requesterVpcId: 'vpc-0a11', accepterVpcId: 'vpc-0b22' } });
    expect(JSON.stringify(ipv6)).not.toContain('destination_ipv6_cidr_block');
  });

  it('adopts existing peerings and routes with import blocks and adds only the missing routes', async () => {
    const hcl = await tf({ format: 'tf', selection: { peeringIds: ['pcx-0001', 'pcx-0002'] } });
    const imports = hcl.import!.map((i) => `${String(i.to)} ${String(i.id)}`);
    expect(imports).toContain('${aws_vpc_peering_connection.shared_services_to_payments_prod} pcx-0001');
    expect(imports).toContain('${aws_vpc_peering_connection_accepter.shared_services_to_analytics} pcx-0002');
    expect(imports).toContain('${aws_route.shared_services_to_payments_prod_rtb_0a11main_2a05_d018_2000_56} rtb-0a11main_2a05:d018:2000::/56');
    const routes = Object.values(hcl.resource.aws_route!).map((r) => r[0]!);
    const v6 = routes.find((r) => r.destination_ipv6_cidr_block === '2a05:d018:1000::/56');
    expect(v6).toMatchObject({ route_table_id: 'rtb-0b21main' });
    const missing = routes.filter((r) => r.destination_cidr_block === '10.31.0.0/16').map((r) => r.route_table_id);
    expect(missing.sort()).toEqual(['rtb-0a11main', 'rtb-0a11priv']);
  });

  it('sets DNS resolution on each side with that side’s provider', async () => {
    const hcl = await tf({ format: 'tf', plan: { requesterVpcId: 'vpc-0a11', accepterVpcId: 'vpc-0b22' }, dnsResolution: true });
    const options = hcl.resource.aws_vpc_peering_connection_options!;
    expect(options.shared_services_to_payments_dr_requester![0]).toMatchObject({ provider: '${aws.a111111111111_eu_west_1}', requester: [{ allow_remote_vpc_dns_resolution: true }] });
    expect(options.shared_services_to_payments_dr_accepter![0]).toMatchObject({ provider: '${aws.a222222222222_us_east_1}', accepter: [{ allow_remote_vpc_dns_resolution: true }] });
  });

  it('refuses a peering AWS would refuse, with the reason', () => {
    const r = exportText(buildReviewSnapshot(), { format: 'tf', plan: { requesterVpcId: 'vpc-0b21', accepterVpcId: 'vpc-0c32' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/overlap/i);
    const none = exportText(buildReviewSnapshot(), { format: 'tf' });
    expect(none.ok || none.error.fix).toContain('--plan');
    const failed = exportText(buildReviewSnapshot(), { format: 'tf', selection: { peeringIds: ['pcx-0005'] } });
    expect(failed.ok || failed.error.message).toContain('failed');
  });

  it('writes any text as a literal string, never a template', async () => {
    const literal = hclString('a "b" ${var.x} %{if} \\ é');
    expect(literal).toBe('"a \\"b\\" $${var.x} %%{if} \\\\ é"');
    const parsed = (await parse('x.tf', `x = ${literal}\n`)) as { x: string };
    expect(parsed.x).toContain('{var.x}');
  });
});

/**
 * The AWS CLI script of hostile names, run for real against the sandbox cloud with Debian's AWS
 * CLI, and `--dns` on a pair where one VPC has DNS hostnames off.
 *
 * The sandbox holds three VPCs whose Name and other tags are hostile (line breaks, quotes,
 * `$(…)`, backticks, `${`, bidi overrides, 256 characters); Peerscape scans it, exports the
 * script, and bash runs it. AWS (read back with the AWS CLI, not with Peerscape) must then hold
 * exactly the intended peering, tag, routes and DNS options, and nothing else.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from '@cdktf/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runExport } from '../../../electron/cli/commands/export';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { exportText } from '../../../shared/export/export-formats';
import type { ExportRequest } from '../../../shared/export/export-formats';
import { buildPeeringCodeSpecs } from '../../../shared/export/peering-code-spec';
import type { Snapshot } from '../../../shared/model/snapshot';
import { CANARY, hostileText } from '../../support/fixtures/hostile';
import type { SandboxHandle } from '../../support/start-sandbox';
import { startSandbox } from '../../support/start-sandbox';

const A = { id: '123456789012', profile: 'sandbox-a' };
const B = { id: '210987654321', profile: 'sandbox-b' };

/** Hostile text the sandbox can carry over its XML wire: every piece but the controls XML 1.0 forbids. */
function tagText(label: string, seed: number): string {
  const allowed = (c: number) => c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  return [...hostileText(label, seed)].map((ch) => (allowed(ch.codePointAt(0)!) ? ch : '?')).join('');
}

const names = { hub: tagText('hub', 1), app: tagText('app', 2), legacy: tagText('legacy', 3) };

const work = mkdtempSync(join(tmpdir(), 'peerscape-hostile-sandbox-'));
let sb: SandboxHandle;
let env: Record<string, string>;
let snapshot: Snapshot;
let ids: { hub: string; app: string; legacy: string };

beforeAll(async () => {
  sb = await startSandbox({
    scenario: {
      name: 'hostile',
      accounts: [A, B],
      vpcs: [
        {
          key: 'hub',
          account: A.profile,
          region: 'eu-west-1',
          cidr: '10.0.0.0/16',
          dnsHostnames: true,
          name: names.hub,
          tags: { [tagText('key', 4).slice(0, 128)]: tagText('value', 5) },
          subnets: [
            { key: 'hub-a', cidr: '10.0.0.0/24', name: tagText('subnet', 6) },
            { key: 'hub-b', cidr: '10.0.1.0/24' },
          ],
          routeTables: [
            { key: 'hub-main', main: true, name: tagText('main table', 7) },
            { key: 'hub-private', subnets: ['hub-b'], name: tagText('private table', 8) },
          ],
        },
        {
          key: 'app',
          account: B.profile,
          region: 'us-east-1',
          cidr: '10.1.0.0/16',
          dnsHostnames: true,
          name: names.app,
          subnets: [{ key: 'app-a', cidr: '10.1.0.0/24' }],
          routeTables: [{ key: 'app-main', main: true }],
        },
        {
          key: 'legacy',
          account: B.profile,
          region: 'us-east-1',
          cidr: '10.2.0.0/16',
          dnsHostnames: false,
          name: names.legacy,
          subnets: [{ key: 'legacy-a', cidr: '10.2.0.0/24' }],
          routeTables: [{ key: 'legacy-main', main: true }],
        },
      ],
      peerings: [],
    },
  });
  const files = await sb.writeAwsFiles(join(work, '.aws'));
  env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  const refs = sb.server.refs as Record<string, string>;
  ids = { hub: refs['vpc:hub']!, app: refs['vpc:app']!, legacy: refs['vpc:legacy']! };
  const scanned = await runDiscovery({ profiles: [A.profile, B.profile], regions: ['eu-west-1', 'us-east-1'] }, { env, homeDir: work, now: () => new Date() });
  if (!scanned.ok) throw new Error(scanned.error.message);
  snapshot = scanned.value;
}, 120_000);

afterAll(async () => {
  await sb?.stop();
  rmSync(work, { recursive: true, force: true });
});

function run(file: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: work, env: { PATH: '/usr/bin:/bin', HOME: work, AWS_PAGER: '', ...env, ...extraEnv }, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Read AWS with the AWS CLI (not with Peerscape): `aws ec2 <args>` as `profile` in `region`, parsed JSON. */
async function aws<T>(profile: string, region: string, ...args: string[]): Promise<T> {
  const r = await run('/usr/bin/aws', ['--endpoint-url', sb.endpoint, '--profile', profile, '--region', region, '--output', 'json', 'ec2', ...args]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
}

interface AwsPeering {
  VpcPeeringConnectionId: string;
  Status: { Code: string };
  RequesterVpcInfo: { VpcId: string; PeeringOptions?: { AllowDnsResolutionFromRemoteVpc?: boolean } };
  AccepterVpcInfo: { VpcId: string; PeeringOptions?: { AllowDnsResolutionFromRemoteVpc?: boolean } };
  Tags?: { Key: string; Value: string }[];
}

/** The peerings both accounts see (the requester's view first: tags are per account). */
async function peerings(): Promise<AwsPeering[]> {
  const seen = new Map<string, AwsPeering>();
  for (const [profile, region] of [
    [A.profile, 'eu-west-1'],
    [B.profile, 'us-east-1'],
  ] as const) {
    for (const p of (await aws<{ VpcPeeringConnections: AwsPeering[] }>(profile, region, 'describe-vpc-peering-connections')).VpcPeeringConnections) {
      if (!seen.has(p.VpcPeeringConnectionId)) seen.set(p.VpcPeeringConnectionId, p);
    }
  }
  return [...seen.values()];
}

/** Every route of every table of both accounts: `rtb destination target`. */
async function routes(): Promise<string[]> {
  const out: string[] = [];
  for (const [profile, region] of [
    [A.profile, 'eu-west-1'],
    [B.profile, 'us-east-1'],
  ] as const) {
    const tables = (await aws<{ RouteTables: { RouteTableId: string; Routes: { DestinationCidrBlock?: string; VpcPeeringConnectionId?: string; GatewayId?: string }[] }[] }>(profile, region, 'describe-route-tables')).RouteTables;
    for (const t of tables) for (const r of t.Routes) out.push(`${t.RouteTableId} ${r.DestinationCidrBlock} ${r.VpcPeeringConnectionId ?? r.GatewayId}`);
  }
  return out.sort();
}

function script(snap: Snapshot, request: Omit<ExportRequest, 'format'>): string {
  const r = exportText(snap, { ...request, format: 'sh', selection: { title: tagText('title', 9) } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.text;
}

/** Export, run with bash against the sandbox, and report what changed in AWS. */
async function runScript(snap: Snapshot, plan: { requesterVpcId: string; accepterVpcId: string }) {
  const spec = buildPeeringCodeSpecs(snap.topology, { kind: 'planned', ...plan }, { dnsResolution: true });
  if (!spec.ok) throw new Error(spec.error.message);
  const text = script(snap, { plan, dnsResolution: true });
  const file = join(work, `peering-${plan.accepterVpcId}.sh`);
  writeFileSync(file, text);
  const before = { peerings: await peerings(), routes: await routes() };
  const result = await run('/bin/bash', [file], { AWS_ENDPOINT_URL: sb.endpoint });
  const after = { peerings: await peerings(), routes: await routes() };
  const added = after.peerings.filter((p) => !before.peerings.some((q) => q.VpcPeeringConnectionId === p.VpcPeeringConnectionId));
  const newRoutes = after.routes.filter((r) => !before.routes.includes(r));
  const goneRoutes = before.routes.filter((r) => !after.routes.includes(r));
  return { text, result, added, newRoutes, goneRoutes, spec: spec.value[0]! };
}

describe('the AWS CLI script of hostile names, run against the sandbox', () => {
  it('scanned the hostile names as they are', () => {
    expect(snapshot.topology.vpcs.find((v) => v.id === ids.hub)?.name).toBe(names.hub.replace(/\r\n?/g, '\n'));
  });

  it('makes exactly the intended peering, Name tag, routes and DNS options, and runs nothing else', async () => {
    const { text, result, added, newRoutes, goneRoutes, spec } = await runScript(snapshot, { requesterVpcId: ids.hub, accepterVpcId: ids.app });
    expect(text).not.toMatch(/^resource /m);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(work, CANARY)), 'a hostile name ran a command').toBe(false);

    expect(added).toHaveLength(1);
    const pcx = added[0]!;
    expect([pcx.Status.Code, pcx.RequesterVpcInfo.VpcId, pcx.AccepterVpcInfo.VpcId]).toEqual(['active', ids.hub, ids.app]);
    // Both names together are longer than a tag may be: the Name is cut at 256 characters, the rest exact.
    const full = `${snapshot.topology.vpcs.find((v) => v.id === ids.hub)!.name} to ${snapshot.topology.vpcs.find((v) => v.id === ids.app)!.name}`;
    const name = pcx.Tags?.find((t) => t.Key === 'Name')?.Value ?? '';
    expect(name.length).toBeLessThanOrEqual(256);
    expect(name.endsWith('…')).toBe(true);
    expect(full.startsWith(name.slice(0, -1))).toBe(true);
    expect(name.length).toBeGreaterThan(250);
    expect(pcx.Tags?.find((t) => t.Key === 'ManagedBy')?.Value).toBe('peerscape');
    expect([pcx.RequesterVpcInfo.PeeringOptions?.AllowDnsResolutionFromRemoteVpc, pcx.AccepterVpcInfo.PeeringOptions?.AllowDnsResolutionFromRemoteVpc]).toEqual([true, true]);

    expect(goneRoutes).toEqual([]);
    expect(newRoutes.sort()).toEqual(spec.routes.map((r) => `${r.routeTableId} ${r.destination} ${pcx.VpcPeeringConnectionId}`).sort());
    expect(newRoutes).toHaveLength(3);
  }, 120_000);
});

describe('--dns where a VPC has DNS hostnames off', () => {
  it('runs to the end without DNS, with the peering and routes made, and names the VPC to change', async () => {
    const { text, result, added, newRoutes, spec } = await runScript(snapshot, { requesterVpcId: ids.hub, accepterVpcId: ids.legacy });
    expect(result.stderr).not.toContain('DnsHostnamesDisabled');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${ids.legacy} has DNS hostnames False`);
    expect(result.stderr).not.toContain(ids.hub);
    // Today's scan does not read the VPCs' DNS attributes: the script asks AWS before it sets DNS.
    expect(spec.dns).toBe('if-allowed');
    expect(text).toContain('dns_off');
    expect(added).toHaveLength(1);
    const pcx = added[0]!;
    expect(pcx.Status.Code).toBe('active');
    expect([pcx.RequesterVpcInfo.PeeringOptions?.AllowDnsResolutionFromRemoteVpc, pcx.AccepterVpcInfo.PeeringOptions?.AllowDnsResolutionFromRemoteVpc]).toEqual([false, false]);
    expect(newRoutes.sort()).toEqual(spec.routes.map((r) => `${r.routeTableId} ${r.destination} ${pcx.VpcPeeringConnectionId}`).sort());
  }, 120_000);

  it('with the attributes in the snapshot, leaves DNS out of the script and Terraform and says which VPC to change', async () => {
    // The snapshot as a scan that reads DNS attributes would make it.
    const known: Snapshot = {
      ...snapshot,
      topology: { ...snapshot.topology, vpcs: snapshot.topology.vpcs.map((v) => ({ ...v, enableDnsSupport: true, enableDnsHostnames: v.id !== ids.legacy })) },
    };
    const { text, result, added, newRoutes, spec } = await runScript(known, { requesterVpcId: ids.app, accepterVpcId: ids.legacy });
    expect(result.stderr).not.toContain('DnsHostnamesDisabled');
    expect(result.code).toBe(0);
    expect(spec.dns).toBe('blocked');
    expect(text).toMatch(new RegExp(`^# WARNING: DNS resolution is not set up: .*${ids.legacy} \\(.*\\) has DNS hostnames off`, 'm'));
    expect(text).not.toContain('modify-vpc-peering-connection-options');
    expect(added).toHaveLength(1);
    expect(added[0]!.Status.Code).toBe('active');
    expect(newRoutes).toHaveLength(spec.routes.length);
    expect(newRoutes.length).toBeGreaterThan(0);

    const tf = exportText(known, { format: 'tf', plan: { requesterVpcId: ids.hub, accepterVpcId: ids.app }, dnsResolution: true });
    if (!tf.ok) throw new Error(tf.error.message);
    const both = (await parse('ok.tf', tf.value.text)) as { resource: Record<string, unknown> };
    expect(Object.keys(both.resource)).toContain('aws_vpc_peering_connection_options');
    const blocked = exportText(known, { format: 'tf', plan: { requesterVpcId: ids.hub, accepterVpcId: ids.legacy }, dnsResolution: true });
    if (!blocked.ok) throw new Error(blocked.error.message);
    const hcl = (await parse('blocked.tf', blocked.value.text)) as { resource: Record<string, unknown>; data?: unknown };
    expect(Object.keys(hcl.resource)).not.toContain('aws_vpc_peering_connection_options');
    expect(hcl.data).toBeUndefined();
    expect(blocked.value.text).toMatch(new RegExp(`^# WARNING: DNS resolution is not set up: .*${ids.legacy} \\(.*\\) has DNS hostnames off`, 'm'));

    // The CLI says it too, on stderr, before anyone runs the file.
    writeFileSync(join(work, 'known.json'), JSON.stringify(known));
    let stderr = '';
    const code = await runExport(['--snapshot', 'known.json', '--format', 'sh', '--plan', `${ids.hub}:${ids.legacy}`, '--dns', '--out', 'cli.sh'], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      env: {},
      cwd: work,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`warning: DNS resolution is not set up: .*${ids.legacy}`));
  }, 120_000);
});

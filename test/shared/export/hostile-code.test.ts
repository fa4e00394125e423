/**
 * Terraform and the AWS CLI script of a snapshot whose every name, tag, alias, profile and region
 * is hostile, read back by independent parsers: HashiCorp's HCL parser (hcl2json) must find
 * exactly the intended blocks with every string a literal equal to the data, and bash must parse
 * the script and, run against a recording `aws`, make exactly the intended calls with exactly
 * the data as arguments, running nothing else.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import type { ExportRequest } from '../../../shared/export/export-formats';
import { exportText } from '../../../shared/export/export-formats';
import type { PeeringCodeSpec } from '../../../shared/export/peering-code-spec';
import { buildPeeringCodeSpecs } from '../../../shared/export/peering-code-spec';
import type { Snapshot } from '../../../shared/model/snapshot';
import { buildHostileSnapshot, CANARY, hostileString, hostileText } from '../../support/fixtures/hostile';

const dir = mkdtempSync(join(tmpdir(), 'peerscape-hostile-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAN = { requesterVpcId: 'vpc-0a11', accepterVpcId: 'vpc-0b22' };
const EXISTING = ['pcx-0001', 'pcx-0002', 'pcx-0003', 'pcx-0004', 'pcx-0006'];

function made(snapshot: Snapshot, request: ExportRequest & { format: 'tf' | 'sh' }): string {
  const r = exportText(snapshot, { ...request, selection: { ...request.selection, title: hostileText('title', 3) } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.text;
}

function specsOf(snapshot: Snapshot, request: { plan?: typeof PLAN; peeringIds?: readonly string[] }): readonly PeeringCodeSpec[] {
  const r = buildPeeringCodeSpecs(snapshot.topology, request.plan ? { kind: 'planned', ...request.plan } : { kind: 'existing', peeringIds: request.peeringIds ?? [] }, { dnsResolution: true });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The Name tag Peerscape means to give a new peering: both VPCs' names (AWS's 256-character limit applies). */
function intendedName(snapshot: Snapshot, requester: string, accepter: string): string {
  const name = (id: string) => snapshot.topology.vpcs.find((v) => v.id === id)?.name || id;
  return `${name(requester)} to ${name(accepter)}`;
}

// ---------------------------------------------------------------------------------------------
// Terraform

/** What HCL makes of a string: NFC, a lone surrogate as U+FFFD. */
function nfc(s: string): string {
  return s.replace(/\p{Cs}/gu, '\uFFFD').normalize('NFC');
}

/** A Terraform-JSON string as the literal it must be; throws on any interpolation or directive. */
function literal(s: string, where: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      out += s[i] + '{';
      i += 3;
    } else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      throw new Error(`${where} is a template, not a literal: ${JSON.stringify(s)}`);
    } else {
      out += s[i++];
    }
  }
  return out;
}

/** Attributes whose value is an expression Peerscape writes, and the only shapes it may take. */
const EXPRESSIONS: Readonly<Record<string, RegExp>> = {
  provider: /^\$\{aws\.[a-z0-9_]+\}$/,
  to: /^\$\{aws_(vpc_peering_connection|vpc_peering_connection_accepter|route)\.[a-z0-9_]+\}$/,
  vpc_peering_connection_id: /^\$\{aws_vpc_peering_connection(_accepter)?\.[a-z0-9_]+\.id\}$/,
  count: /^\$\{local\.[a-z0-9_]+_dns_allowed \? 1 : 0\}$/,
  condition: /^\$\{data\.aws_vpc\.[a-z0-9_]+\.enable_dns_hostnames && data\.aws_vpc\.[a-z0-9_]+\.enable_dns_support\}$/,
};

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Every string of the parsed file checked: expressions have Peerscape's shapes, all else is a literal. Returns the literals by path. */
function checkStrings(value: Json, path: string, out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') {
    const key = path.split('.').at(-1)!.replace(/\[\d+\]$/, '');
    if (EXPRESSIONS[key]) expect(value, path).toMatch(EXPRESSIONS[key]);
    else if (path.startsWith('locals')) expect(value, path).toMatch(/^\$\{data\.aws_vpc\.[a-z0-9_]+\.enable_dns_hostnames && [a-z0-9_.& ]+\}$/);
    else out.set(path, literal(value, path));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkStrings(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkStrings(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

interface Hcl {
  resource: Record<string, Record<string, Record<string, Json>[]>>;
  provider: { aws: Record<string, Json>[] };
  [block: string]: Json | unknown;
}

async function terraform(snapshot: Snapshot, request: ExportRequest & { format: 'tf' }): Promise<Hcl> {
  return (await parse('peering.tf', made(snapshot, request))) as Hcl;
}

/** The blocks and values the specs mean, against the parsed file. */
function expectIntendedTerraform(hcl: Hcl, specs: readonly PeeringCodeSpec[], snapshot: Snapshot): void {
  expect(Object.keys(hcl).sort()).toEqual(expect.arrayContaining(['provider', 'resource', 'terraform']));
  for (const block of Object.keys(hcl)) expect(['check', 'data', 'import', 'locals', 'provider', 'resource', 'terraform']).toContain(block);
  const literals = checkStrings(hcl as unknown as Json, '');

  // Exactly the intended resources: two per peering, the DNS options when asked, one route per spec route.
  const types = hcl.resource;
  expect(Object.keys(types).sort()).toEqual(['aws_route', 'aws_vpc_peering_connection', 'aws_vpc_peering_connection_accepter', 'aws_vpc_peering_connection_options']);
  expect(Object.keys(types.aws_vpc_peering_connection!)).toHaveLength(specs.length);
  expect(Object.keys(types.aws_vpc_peering_connection_accepter!)).toHaveLength(specs.length);
  expect(Object.keys(types.aws_vpc_peering_connection_options!)).toHaveLength(specs.length * 2);
  const routes = Object.values(types.aws_route!).map((r) => r[0]!);
  const summary = (rtb: unknown, dest: unknown) => `${String(rtb)} ${String(dest)}`;
  expect(routes.map((r) => summary(r.route_table_id, r.destination_cidr_block ?? r.destination_ipv6_cidr_block)).sort()).toEqual(
    specs.flatMap((s) => s.routes.map((r) => summary(r.routeTableId, r.destination))).sort(),
  );

  // The data arrives exactly: requester, accepter, regions, profiles and the Name tag.
  const pcxs = Object.values(types.aws_vpc_peering_connection!).map((b) => b[0]!);
  for (const s of specs) {
    const pcx = pcxs.find((b) => b.vpc_id === s.requester.vpcId && b.peer_vpc_id === s.accepter.vpcId)!;
    expect(pcx, s.key).toBeDefined();
    // HCL normalises strings to NFC, as Terraform does before they reach AWS.
    expect(literal(String(pcx.peer_region), 'peer_region')).toBe(nfc(s.accepter.region));
    const tags = (pcx.tags as Record<string, string>[] | Record<string, string>);
    const name = literal((Array.isArray(tags) ? tags[0]! : tags).Name!, 'Name');
    const intended = nfc(intendedName(snapshot, s.requester.vpcId, s.accepter.vpcId));
    expect(name === intended || (intended.length > 256 && name.length <= 256 && intended.startsWith(name.slice(0, -1))), `Name of ${s.key}`).toBe(true);
  }
  const providers = hcl.provider.aws.map((p) => [literal(String(p.region), 'region'), literal(String(p.profile), 'profile')].join('\u0000'));
  for (const s of specs) {
    for (const side of [s.requester, s.accepter]) expect(providers).toContain(nfc([side.region, side.profile].join('\u0000')));
  }
  // The names hold `resource "null_resource"` and `${…}`: as literal text only.
  expect([...literals.values()].some((l) => l.includes('null_resource'))).toBe(true);
}

describe('Terraform of hostile data', () => {
  const snapshot = buildHostileSnapshot({ regions: true });

  it('parses to exactly the intended blocks, every string a literal equal to the data (planned peering)', async () => {
    const hcl = await terraform(snapshot, { format: 'tf', plan: PLAN, dnsResolution: true });
    expectIntendedTerraform(hcl, specsOf(snapshot, { plan: PLAN }), snapshot);
  });

  it('parses to exactly the intended blocks for existing peerings, imports included', async () => {
    const hcl = await terraform(snapshot, { format: 'tf', selection: { peeringIds: EXISTING }, dnsResolution: true });
    const specs = specsOf(snapshot, { peeringIds: EXISTING });
    expectIntendedTerraform(hcl, specs, snapshot);
    const imports = (hcl.import as Record<string, Json>[]).map((i) => literal(String(i.id), 'import id'));
    expect(imports).toEqual(expect.arrayContaining(specs.map((s) => s.peeringId!)));
  });

  it('stays inert for random hostile names, regions and titles', async () => {
    const base = buildHostileSnapshot();
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, hostileString, async (name, region, profile) => {
        const snap = withHostile(base, name, region, profile);
        const hcl = await terraform(snap, { format: 'tf', plan: PLAN, dnsResolution: true });
        expectIntendedTerraform(hcl, specsOf(snap, { plan: PLAN }), snap);
      }),
      { numRuns: 25, seed: 17 },
    );
  });
});

/** `base` with the requester VPC renamed, the accepter's region and the requester's profile replaced. */
function withHostile(base: Snapshot, name: string, region: string, profile: string): Snapshot {
  const t = base.topology;
  const acc = t.vpcs.find((v) => v.id === PLAN.accepterVpcId)!;
  const reg = region || 'x';
  return {
    ...base,
    topology: {
      ...t,
      accounts: t.accounts.map((a) => (a.id === '111111111111' ? { ...a, profiles: [profile || 'p'] } : a)),
      vpcs: t.vpcs.map((v) => (v.id === PLAN.requesterVpcId ? { ...v, name } : v.id === acc.id ? { ...v, region: reg } : v)),
      subnets: t.subnets.map((s) => (s.vpcId === acc.id ? { ...s, region: reg } : s)),
      routeTables: t.routeTables.map((r) => (r.vpcId === acc.id ? { ...r, region: reg } : r)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The AWS CLI script

/** One recorded `aws` call: its arguments, exactly as bash passed them. */
type Call = readonly string[];

/**
 * Run `script` in a fresh folder with an `aws` on PATH that records every call's arguments
 * (NUL-separated, so any text survives) and answers the calls whose output the script reads.
 */
function runRecorded(script: string): { status: number | null; stderr: string; calls: Call[]; cwd: string } {
  const cwd = mkdtempSync(join(dir, 'run-'));
  const bin = join(cwd, 'bin');
  mkdirSync(bin);
  const log = join(cwd, 'calls.log');
  writeFileSync(
    join(bin, 'aws'),
    [
      '#!/usr/bin/env bash',
      `{ printf '%s\\0' "$#"; for a in "$@"; do printf '%s\\0' "$a"; done; } >> ${JSON.stringify(log)}`,
      'case "$*" in',
      '  *create-vpc-peering-connection*) echo pcx-0new ;;',
      '  *accept-vpc-peering-connection*) echo provisioning ;;',
      '  *describe-vpc-attribute*) echo True ;;',
      '  *describe-vpc-peering-connections*) echo pending-acceptance ;;',
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'aws'), 0o755);
  writeFileSync(log, '');
  const file = join(cwd, 'peering.sh');
  writeFileSync(file, script);
  const r = spawnSync('bash', [file], { cwd, encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, HOME: cwd } });
  const fields = readFileSync(log, 'utf8').split('\0');
  const calls: Call[] = [];
  for (let i = 0; i + 1 < fields.length; ) {
    const n = Number(fields[i]);
    calls.push(fields.slice(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return { status: r.status, stderr: r.stderr, calls, cwd };
}

/** The value after `flag` in a call. */
function arg(call: Call, flag: string): string | undefined {
  const i = call.indexOf(flag);
  return i < 0 ? undefined : call[i + 1];
}

/** The intended calls against the recorded ones: who acts where, with exactly which data. */
function expectIntendedCalls(calls: Call[], specs: readonly PeeringCodeSpec[], snapshot: Snapshot): void {
  const actions = calls.map((c) => c.slice(c.indexOf('ec2') + 1, c.indexOf('ec2') + 3).join(' '));
  for (const a of actions) {
    expect(['create-vpc-peering-connection', 'wait vpc-peering-connection-exists', 'accept-vpc-peering-connection', 'modify-vpc-peering-connection-options', 'create-route', 'describe-vpc-attribute', 'describe-vpc-peering-connections'].some((x) => a.startsWith(x)), a).toBe(true);
  }
  const profiles = new Set(specs.flatMap((s) => [s.requester.profile, s.accepter.profile]));
  const regions = new Set(specs.flatMap((s) => [s.requester.region, s.accepter.region]));
  for (const c of calls) {
    expect(c[0]).toBe('--profile');
    expect(profiles.has(c[1]!), `profile ${JSON.stringify(c[1])}`).toBe(true);
    expect(c[2]).toBe('--region');
    expect(regions.has(c[3]!), `region ${JSON.stringify(c[3])}`).toBe(true);
  }
  const creates = calls.filter((c) => c.includes('create-vpc-peering-connection'));
  const planned = specs.filter((s) => !s.peeringId);
  expect(creates).toHaveLength(planned.length);
  planned.forEach((s, i) => {
    const c = creates[i]!;
    expect([arg(c, '--profile'), arg(c, '--region'), arg(c, '--vpc-id'), arg(c, '--peer-vpc-id'), arg(c, '--peer-owner-id'), arg(c, '--peer-region')]).toEqual([
      s.requester.profile,
      s.requester.region,
      s.requester.vpcId,
      s.accepter.vpcId,
      s.accepter.accountId,
      s.accepter.region,
    ]);
    const tags = JSON.parse(arg(c, '--tag-specifications')!) as { ResourceType: string; Tags: { Key: string; Value: string }[] }[];
    const name = tags[0]!.Tags.find((t) => t.Key === 'Name')!.Value;
    const intended = intendedName(snapshot, s.requester.vpcId, s.accepter.vpcId);
    expect(name === intended || (intended.length > 256 && name.length <= 256 && intended.startsWith(name.slice(0, -1)))).toBe(true);
  });
  const routes = calls.filter((c) => c.includes('create-route')).map((c) => `${arg(c, '--profile')} ${arg(c, '--route-table-id')} ${arg(c, '--destination-cidr-block') ?? arg(c, '--destination-ipv6-cidr-block')}`);
  const intendedRoutes = specs.flatMap((s) => s.routes.filter((r) => !r.exists).map((r) => `${r.side === 'requester' ? s.requester.profile : s.accepter.profile} ${r.routeTableId} ${r.destination}`));
  expect(routes.sort()).toEqual(intendedRoutes.sort());
}

function checkScript(snapshot: Snapshot, request: ExportRequest & { format: 'sh' }, specs: readonly PeeringCodeSpec[]): void {
  const text = made(snapshot, request);
  const file = join(dir, 'syntax.sh');
  writeFileSync(file, text);
  const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
  expect(syntax.stderr).toBe('');
  expect(syntax.status).toBe(0);
  const run = runRecorded(text);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(existsSync(join(run.cwd, CANARY)), 'a hostile string ran a command').toBe(false);
  expectIntendedCalls(run.calls, specs, snapshot);
}

describe('AWS CLI script of hostile data', () => {
  const snapshot = buildHostileSnapshot({ regions: true });

  it('parses (bash -n) and makes exactly the intended calls with the data as arguments (planned peering)', () => {
    checkScript(snapshot, { format: 'sh', plan: PLAN, dnsResolution: true }, specsOf(snapshot, { plan: PLAN }));
  });

  it('does the same for existing peerings', () => {
    checkScript(snapshot, { format: 'sh', selection: { peeringIds: EXISTING }, dnsResolution: true }, specsOf(snapshot, { peeringIds: EXISTING }));
  });

  it('stays inert for random hostile names, regions and profiles', () => {
    const base = buildHostileSnapshot();
    fc.assert(
      fc.property(hostileString, hostileString, hostileString, (name, region, profile) => {
        // Bash strings cannot hold NUL: a NUL in data is shown, not passed (see syntax/shell.ts).
        const snap = withHostile(base, name, region.replace(/\0/g, ''), profile.replace(/\0/g, ''));
        checkScript(snap, { format: 'sh', plan: PLAN, dnsResolution: true }, specsOf(snap, { plan: PLAN }));
      }),
      { numRuns: 25, seed: 17 },
    );
  });
});

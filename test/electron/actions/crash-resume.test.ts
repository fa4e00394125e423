/** A run survives a killed process: the Node side runs in a child process (crash-child.ts) against
 * the sandbox cloud, which runs here in the test process with latency, so its state outlives the
 * child. The child is killed with SIGKILL before, during and after mutating calls; a new child on
 * the same data folder resumes. Then AWS holds exactly what an uninterrupted run makes (one
 * peering, its routes, rule and DNS options), and every change has its audit line.
 *
 * Kill points are exact: the child stops dead right after the intent (or answer) line is on disk
 * and says so; "during" lets the call go with the sandbox holding its answer back (long latency),
 * and kills once the sandbox has carried it out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import {
  CreateTransitGatewayCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  DescribeSecurityGroupsCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcPeeringConnectionsCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AuditRecord } from '../../../shared/planning/audit-filter';
import { danglingIntents, unresolvedInterrupted } from '../../../shared/planning/audit-filter';
import type { ChildMessage, ChildOrder } from './crash-child';
import { discover, routesOf, seedVpc, startSandboxCloud, type SeededVpc, type TestCloud } from './test-cloud';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Every answer of the sandbox waits this long: calls overlap with the test's moves. */
const LATENCY_MS = 15;
/** The answer of the call killed "during" waits this long: far longer than the test needs to kill. */
const HOLD_MS = 20_000;

interface Child {
  readonly messages: ChildMessage[];
  next(type: ChildMessage['type']): Promise<ChildMessage>;
  exited: Promise<number | null>;
  kill(): Promise<void>;
  stderr(): string;
}

function startChild(order: ChildOrder): Child {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(order)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const messages: ChildMessage[] = [];
  const waiters: { type: ChildMessage['type']; from: number; resolve(m: ChildMessage): void; reject(e: Error): void }[] = [];
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const settle = () => {
    for (const w of [...waiters]) {
      const m = messages.slice(w.from).find((x) => x.type === w.type);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    messages.push(JSON.parse(line) as ChildMessage);
    settle();
  });
  void exited.then((code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code}) before "${w.type}": ${err.slice(-2000)} ${JSON.stringify(messages.filter((m) => m.type === 'error'))}`));
  });
  return {
    messages,
    next: (type) =>
      new Promise((resolve, reject) => {
        waiters.push({ type, from: 0, resolve, reject });
        settle();
      }),
    exited,
    async kill() {
      proc.kill('SIGKILL');
      await exited;
    },
    stderr: () => err,
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
}

function auditLines(dataDir: string): AuditRecord[] {
  return readFileSync(join(dataDir, 'audit.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditRecord);
}

/** What AWS holds for a pair, with ids replaced by roles so two pairs compare. */
interface Shape {
  readonly peerings: readonly string[];
  readonly routes: readonly string[];
  readonly rules: readonly string[];
  readonly dns: { readonly requester?: boolean; readonly accepter?: boolean };
}

interface Pair {
  readonly r: SeededVpc;
  readonly x: SeededVpc;
  readonly topologyFile: string;
}

describe('a run killed mid-way resumes to the same result, with every change in the audit log', () => {
  let cloud: TestCloud;
  let baseline: Shape;

  beforeAll(async () => {
    cloud = await startSandboxCloud();
    cloud.sandbox!.server.setFaults({ latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  async function newPair(): Promise<Pair> {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1', { dnsHostnames: true });
    const x = await seedVpc(cloud, cloud.b, 'us-east-1', { dnsHostnames: true });
    const topologyFile = join(mkdtempSync(join(tmpdir(), 'peerscape-crash-topology-')), 'topology.json');
    writeFileSync(topologyFile, JSON.stringify(await discover(cloud, ['us-east-1'])));
    return { r, x, topologyFile };
  }

  function order(pair: Pair, dataDir: string, mode: ChildOrder['mode'], pauseAt?: ChildOrder['pauseAt']): ChildOrder {
    return {
      dataDir,
      env: { ...cloud.env },
      home: cloud.home,
      topologyFile: pair.topologyFile,
      mode,
      request: {
        requesterVpcId: pair.r.vpcId,
        accepterVpcId: pair.x.vpcId,
        securityGroupRules: [{ groupIds: [pair.x.defaultGroupId], protocol: 'tcp', ports: { from: 443, to: 443 }, source: 'cidr' }],
        dns: { requester: true, accepter: true },
      },
      ...(pauseAt ? { pauseAt } : {}),
    };
  }

  async function shapeOf({ r, x }: Pair): Promise<Shape & { pcx?: string }> {
    const out = await cloud.ec2(cloud.a, 'us-east-1').send(new DescribeVpcPeeringConnectionsCommand({}));
    const ours = (out.VpcPeeringConnections ?? []).filter((p) => p.RequesterVpcInfo?.VpcId === r.vpcId && p.AccepterVpcInfo?.VpcId === x.vpcId);
    const live = ours.find((p) => p.Status?.Code === 'active');
    const pcx = live?.VpcPeeringConnectionId;
    const role = (s: string) => s.replace(r.cidr, 'R').replace(x.cidr, 'X').replace(r.mainTableId, 'r-main').replace(r.explicitTableId, 'r-explicit').replace(x.mainTableId, 'x-main').replace(x.explicitTableId, 'x-explicit');
    const routes = [...(await routesOf(cloud, r)), ...(await routesOf(cloud, x))].filter((t) => pcx && t.target === pcx).map((t) => role(`${t.table} ${t.destination}`));
    const groups = await cloud.ec2(cloud.b, 'us-east-1').send(new DescribeSecurityGroupsCommand({ GroupIds: [x.defaultGroupId] }));
    const rules = (groups.SecurityGroups?.[0]?.IpPermissions ?? []).flatMap((p) =>
      [...(p.IpRanges ?? []).map((i) => role(i.CidrIp ?? '?')), ...(p.UserIdGroupPairs ?? []).map((g) => (g.GroupId === x.defaultGroupId ? 'self' : g.GroupId))].map((src) => `${p.IpProtocol} ${p.FromPort ?? ''}-${p.ToPort ?? ''} ${src}`),
    );
    return {
      ...(pcx ? { pcx } : {}),
      peerings: ours.map((p) => p.Status?.Code ?? '?').sort(),
      routes: routes.sort(),
      rules: rules.sort(),
      dns: { requester: live?.RequesterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc, accepter: live?.AccepterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc },
    };
  }

  /** Every change AWS holds has an `ok` or `went-through` line; no call is left unanswered or unresolved. */
  async function expectAudited(pair: Pair, dataDir: string): Promise<void> {
    const lines = auditLines(dataDir);
    expect(danglingIntents(lines)).toEqual([]);
    expect(unresolvedInterrupted(lines)).toEqual([]);
    const changed = lines.filter((l) => l.outcome === 'ok' || l.outcome === 'went-through');
    const shape = await shapeOf(pair);
    const out = await cloud.ec2(cloud.a, 'us-east-1').send(new DescribeVpcPeeringConnectionsCommand({}));
    const made = (out.VpcPeeringConnections ?? []).filter((p) => p.RequesterVpcInfo?.VpcId === pair.r.vpcId && p.AccepterVpcInfo?.VpcId === pair.x.vpcId).map((p) => p.VpcPeeringConnectionId!);
    for (const pcx of made) expect(changed.some((l) => l.action === 'CreateVpcPeeringConnection' && l.created?.includes(pcx)), `${pcx} has its audit line`).toBe(true);
    expect(changed.filter((l) => l.action === 'AcceptVpcPeeringConnection' && l.parameters.VpcPeeringConnectionId === shape.pcx)).toHaveLength(1);
    for (const v of [pair.r, pair.x]) {
      for (const route of (await routesOf(cloud, v)).filter((t) => t.target === shape.pcx)) {
        const lineFor = changed.filter(
          (l) => (l.action === 'CreateRoute' || l.action === 'ReplaceRoute') && l.parameters.RouteTableId === route.table && l.parameters.DestinationCidrBlock === route.destination,
        );
        expect(lineFor, `${route.table} ${route.destination}`).toHaveLength(1);
      }
    }
    const rule = changed.filter((l) => l.action === 'AuthorizeSecurityGroupIngress' && l.parameters.GroupId === pair.x.defaultGroupId);
    expect(rule).toHaveLength(1);
    expect(changed.filter((l) => l.action === 'ModifyVpcPeeringConnectionOptions' && l.parameters.VpcPeeringConnectionId === shape.pcx)).toHaveLength(2);
  }

  it('an uninterrupted run in a child process sets the baseline', async () => {
    const pair = await newPair();
    const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-crash-'));
    const child = startChild(order(pair, dataDir, 'run'));
    const done = (await child.next('finished')) as Extract<ChildMessage, { type: 'finished' }>;
    expect(done.outcome).toBe('completed');
    expect(await child.exited).toBe(0);
    const { pcx: _pcx, ...shape } = await shapeOf(pair);
    baseline = shape;
    expect(baseline.peerings).toEqual(['active']);
    expect(baseline.routes).toHaveLength(4);
    expect(baseline.rules).toContain('tcp 443-443 R');
    expect(baseline.dns).toEqual({ requester: true, accepter: true });
    await expectAudited(pair, dataDir);
  });

  const cases: { action: string; nth: number; when: 'before' | 'during' | 'after' }[] = [
    { action: 'CreateVpcPeeringConnection', nth: 1, when: 'before' },
    { action: 'CreateVpcPeeringConnection', nth: 1, when: 'during' },
    { action: 'CreateVpcPeeringConnection', nth: 1, when: 'after' },
    { action: 'AcceptVpcPeeringConnection', nth: 1, when: 'during' },
    { action: 'CreateRoute', nth: 2, when: 'before' },
    { action: 'CreateRoute', nth: 2, when: 'during' },
    { action: 'CreateRoute', nth: 3, when: 'after' },
    { action: 'AuthorizeSecurityGroupIngress', nth: 1, when: 'during' },
    { action: 'AuthorizeSecurityGroupIngress', nth: 1, when: 'after' },
    { action: 'ModifyVpcPeeringConnectionOptions', nth: 2, when: 'during' },
  ];

  for (const c of cases) {
    it(`killed ${c.when} ${c.action} #${c.nth}: the resume recognises what went through and finishes the same`, async () => {
      expect(baseline, 'the baseline test ran first').toBeDefined();
      const pair = await newPair();
      const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-crash-'));
      const goFile = join(dataDir, 'go');
      const first = startChild(order(pair, dataDir, 'run', { action: c.action, outcome: c.when === 'after' ? 'ok' : 'intent', nth: c.nth, goFile }));
      const paused = ((await first.next('paused')) as Extract<ChildMessage, { type: 'paused' }>).entry;
      const server = cloud.sandbox!.server;
      if (c.when === 'during') {
        const count = () => server.stats().byAction[c.action] ?? 0;
        const before = count();
        server.setFaults({ latencyMs: HOLD_MS });
        writeFileSync(goFile, 'go');
        // The sandbox carries the call out at once and holds its answer back: kill while it waits.
        await until(() => count() > before);
      }
      await first.kill();
      server.setFaults({ latencyMs: LATENCY_MS });

      const second = startChild(order(pair, dataDir, 'resume'));
      const listed = (await second.next('runs')) as Extract<ChildMessage, { type: 'runs' }>;
      expect(listed.outcomes).toEqual(['interrupted']);
      const done = (await second.next('finished')) as Extract<ChildMessage, { type: 'finished' }>;
      expect(await second.exited, second.stderr()).toBe(0);
      expect(done.outcome).toBe('completed');

      const { pcx, ...shape } = await shapeOf(pair);
      expect(shape).toEqual(baseline);
      await expectAudited(pair, dataDir);

      const ofCall = auditLines(dataDir).filter((l) => l.callId === paused.callId);
      const outcomes = ofCall.map((l) => l.outcome);
      if (c.when === 'after') {
        expect(outcomes).toEqual(['intent', 'ok']);
      } else {
        expect(outcomes).toEqual(['intent', 'interrupted', c.when === 'during' ? 'went-through' : 'did-not-happen']);
        const resolution = ofCall[2]!;
        expect(resolution.message).toMatch(c.when === 'during' ? /^Found in AWS: it went through/ : /^Not found in AWS: it did not happen/);
        if (c.action === 'CreateVpcPeeringConnection' && c.when === 'during') expect(resolution.created).toEqual([pcx]);
      }
      // Nothing was sent twice where AWS would have made a second one.
      const sent = auditLines(dataDir).filter((l) => l.action === c.action && l.outcome === 'intent' && l.stepId === paused.stepId);
      expect(sent).toHaveLength(c.when === 'before' ? 2 : 1);
    });
  }
});

describe('an attachment run killed mid-way resumes to the same result: one attachment, its routes, every change audited', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startSandboxCloud();
    cloud.sandbox!.server.setFaults({ latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  /** A gateway with one VPC attached (so its table routes somewhere), and a VPC to attach. */
  async function newHub(): Promise<{ r: SeededVpc; x: SeededVpc; tgw: string; topologyFile: string }> {
    const ec2 = cloud.ec2(cloud.a, 'us-east-1');
    const tgw = (await ec2.send(new CreateTransitGatewayCommand({}))).TransitGateway!.TransitGatewayId!;
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    await ec2.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: tgw, VpcId: x.vpcId, SubnetIds: [x.subnetIds[0]!] }));
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const topologyFile = join(mkdtempSync(join(tmpdir(), 'peerscape-crash-topology-')), 'topology.json');
    writeFileSync(topologyFile, JSON.stringify(await discover(cloud, ['us-east-1'])));
    return { r, x, tgw, topologyFile };
  }

  function order(hub: { r: SeededVpc; tgw: string; topologyFile: string }, dataDir: string, mode: ChildOrder['mode'], pauseAt?: ChildOrder['pauseAt']): ChildOrder {
    return { dataDir, env: { ...cloud.env }, home: cloud.home, topologyFile: hub.topologyFile, mode, request: { vpcId: hub.r.vpcId, transitGatewayId: hub.tgw }, ...(pauseAt ? { pauseAt } : {}) };
  }

  async function liveAttachments(vpcId: string, tgw: string): Promise<string[]> {
    const out = await cloud.ec2(cloud.a, 'us-east-1').send(new DescribeTransitGatewayVpcAttachmentsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    return (out.TransitGatewayVpcAttachments ?? []).filter((a) => a.TransitGatewayId === tgw && !['deleted', 'deleting', 'failed', 'rejected'].includes(a.State ?? '')).map((a) => a.TransitGatewayAttachmentId!);
  }

  const cases: { action: string; nth: number; when: 'before' | 'during' | 'after' }[] = [
    { action: 'CreateTransitGatewayVpcAttachment', nth: 1, when: 'before' },
    { action: 'CreateTransitGatewayVpcAttachment', nth: 1, when: 'during' },
    { action: 'CreateTransitGatewayVpcAttachment', nth: 1, when: 'after' },
    { action: 'CreateRoute', nth: 1, when: 'during' },
  ];

  for (const c of cases) {
    it(`killed ${c.when} ${c.action} #${c.nth}: the resume recognises what went through and finishes with one attachment`, async () => {
      const hub = await newHub();
      const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-crash-'));
      const goFile = join(dataDir, 'go');
      const first = startChild(order(hub, dataDir, 'run', { action: c.action, outcome: c.when === 'after' ? 'ok' : 'intent', nth: c.nth, goFile }));
      const paused = ((await first.next('paused')) as Extract<ChildMessage, { type: 'paused' }>).entry;
      const server = cloud.sandbox!.server;
      if (c.when === 'during') {
        const count = () => server.stats().byAction[c.action] ?? 0;
        const before = count();
        server.setFaults({ latencyMs: HOLD_MS });
        writeFileSync(goFile, 'go');
        await until(() => count() > before);
      }
      await first.kill();
      server.setFaults({ latencyMs: LATENCY_MS });

      const second = startChild(order(hub, dataDir, 'resume'));
      const listed = (await second.next('runs')) as Extract<ChildMessage, { type: 'runs' }>;
      expect(listed.outcomes).toEqual(['interrupted']);
      const done = (await second.next('finished')) as Extract<ChildMessage, { type: 'finished' }>;
      expect(await second.exited, second.stderr()).toBe(0);
      expect(done.outcome).toBe('completed');

      // One attachment, the one the run reports, and both of r's tables route x's block to the gateway.
      expect(await liveAttachments(hub.r.vpcId, hub.tgw)).toEqual([done.attachmentId]);
      const routes = (await routesOf(cloud, hub.r)).filter((t) => t.target === hub.tgw).map((t) => `${t.table} ${t.destination}`);
      expect(routes.sort()).toEqual([`${hub.r.explicitTableId} ${hub.x.cidr}`, `${hub.r.mainTableId} ${hub.x.cidr}`].sort());

      const lines = auditLines(dataDir);
      expect(danglingIntents(lines)).toEqual([]);
      expect(unresolvedInterrupted(lines)).toEqual([]);
      const creates = lines.filter((l) => l.action === 'CreateTransitGatewayVpcAttachment' && (l.outcome === 'ok' || l.outcome === 'went-through'));
      expect(creates).toHaveLength(1);
      expect(creates[0]!.created).toEqual([done.attachmentId]);
      const ofCall = lines.filter((l) => l.callId === paused.callId).map((l) => l.outcome);
      expect(ofCall).toEqual(c.when === 'after' ? ['intent', 'ok'] : ['intent', 'interrupted', c.when === 'during' ? 'went-through' : 'did-not-happen']);
      const sent = lines.filter((l) => l.action === c.action && l.outcome === 'intent' && l.stepId === paused.stepId);
      expect(sent).toHaveLength(c.when === 'before' ? 2 : 1);
    });
  }
});

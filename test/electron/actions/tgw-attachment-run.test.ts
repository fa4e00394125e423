/** An attachment to a transit gateway of another account, shared through RAM, run against the
 * sandbox with the real SDK when no local profile acts for the gateway's owner: the run creates
 * the attachment, hands the acceptance over (console steps and the CLI command with the id filled
 * in) and stops resumable; once the owner accepted, the resume routes the VPC through the gateway.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AcceptTransitGatewayVpcAttachmentCommand, CreateTransitGatewayCommand, CreateTransitGatewayVpcAttachmentCommand } from '@aws-sdk/client-ec2';
import { AcceptResourceShareInvitationCommand, CreateResourceShareCommand, GetResourceShareInvitationsCommand, RAMClient } from '@aws-sdk/client-ram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { executePlan, type ExecuteDeps } from '../../../electron/actions/execute-plan';
import { createAuditLog } from '../../../electron/audit/audit-log';
import type { VpcId } from '../../../shared/model/ids';
import type { TransitGatewayId } from '../../../shared/model/topology';
import { planAttachment } from '../../../shared/planning/plan-attachment';
import { discover, fastClock, routesOf, seedVpc, startSandboxCloud, type CloudAccount, type TestCloud } from './test-cloud';

describe('an attachment the gateway owner must accept, with no local profile of the owner', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startSandboxCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  const ram = (account: CloudAccount) => new RAMClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: account.credentials, maxAttempts: 1 });

  it('hands the acceptance over, waits, and finishes the routes on resume once the owner accepted', async () => {
    // Account b owns the gateway, with a VPC of its own attached; it shares the gateway with account a.
    const owner = cloud.ec2(cloud.b, 'us-east-1');
    const g = (await owner.send(new CreateTransitGatewayCommand({}))).TransitGateway!;
    const tgw = g.TransitGatewayId! as TransitGatewayId;
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    await owner.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: tgw, VpcId: x.vpcId, SubnetIds: [x.subnetIds[0]!] }));
    const share = (await ram(cloud.b).send(new CreateResourceShareCommand({ name: 'hub', resourceArns: [g.TransitGatewayArn!], principals: [cloud.a.accountId] }))).resourceShare!;
    const invitation = (await ram(cloud.a).send(new GetResourceShareInvitationsCommand({ resourceShareArns: [share.resourceShareArn!] }))).resourceShareInvitations![0]!;
    await ram(cloud.a).send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitation.resourceShareInvitationArn! }));
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');

    const t = await discover(cloud, ['us-east-1']);
    expect(t.transitGateways.find((x) => x.id === tgw)).toMatchObject({ accountId: cloud.b.accountId, sharedWith: [cloud.a.accountId], routing: { state: 'read' } });
    const r0 = planAttachment(t, { vpcId: r.vpcId as VpcId, transitGatewayId: tgw }, { [cloud.a.accountId]: [cloud.a.profile] });
    if (!r0.ok) throw new Error(r0.error.message);
    const plan = r0.value;
    expect(plan.steps.map((s) => `${s.kind}${s.profile ? '' : ' (theirs)'}`)).toEqual(['create-tgw-vpc-attachment', 'accept-tgw-vpc-attachment (theirs)', 'create-route', 'create-route']);

    const audit = createAuditLog({ dataDir: mkdtempSync(join(tmpdir(), 'peerscape-tgw-audit-')) });
    const deps = (extra: Partial<ExecuteDeps> = {}): ExecuteDeps => ({
      accessForProfile: (p) => cloud.accessForProfile(p),
      audit,
      clock: fastClock(cloud),
      settle: { intervalMs: 20, timeoutMs: 5_000 },
      acceptance: { wait: false },
      ...extra,
    });
    const first = await executePlan(plan, deps());
    expect(first.outcome).toBe('waiting-for-accepter');
    const id = first.attachmentId!;
    expect(id).toMatch(/^tgw-attach-/);
    expect(first.attachmentState).toBe('pendingAcceptance');
    expect(first.error?.message).toContain(`${id} is waiting for account ${cloud.b.accountId} to accept it`);
    expect(first.handoff?.consoleSteps.join('\n')).toContain(`Transit gateway attachments, select ${id}`);
    expect(first.handoff?.cliCommands.map((c) => c.command)).toEqual([`aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id ${id} --region us-east-1`]);
    expect(first.steps.map((s) => s.status)).toEqual(['done', 'other-side', 'pending', 'pending']);
    expect((await routesOf(cloud, r)).filter((x) => x.target === tgw)).toEqual([]);

    // The owner accepts; the resume sees it and routes.
    await owner.send(new AcceptTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: id }));
    const second = await executePlan(plan, deps(), { previous: first });
    expect(second.error).toBeUndefined();
    expect(second.outcome).toBe('completed');
    expect(second.steps.map((s) => s.status)).toEqual(['done', 'done-by-other-side', 'done', 'done']);
    const routed = (await routesOf(cloud, r)).filter((x) => x.target === tgw).map((x) => `${x.table} ${x.destination}`);
    expect(routed.sort()).toEqual([`${r.explicitTableId} ${x.cidr}`, `${r.mainTableId} ${x.cidr}`].sort());
  });
});

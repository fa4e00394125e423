/** VPC peering over time and under limits, through the real AWS SDK: expiry and visibility windows,
 * transient statuses and holds, and the quotas on outstanding requests and active peerings ("VPC
 * peering connection lifecycle", VPC peering guide). Set up in sandbox.ts. */
import {
  AcceptVpcPeeringConnectionCommand,
  DeleteVpcPeeringConnectionCommand,
  RejectVpcPeeringConnectionCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { awsError } from '../../clients';
import { B, DAY, HOUR, START, aUse1, bEuw1, bUse1, cUse1, request, sb, seen, usePeeringSandbox, vpc } from './sandbox';

let now = START;
usePeeringSandbox(() => now);

describe('time: expiry and visibility windows', () => {
  it('expires an unanswered request after 7 days, shows it 2 days more, then forgets it', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const created = await request(aUse1, x, y, B);
    const id = created.VpcPeeringConnectionId as string;
    now += 7 * DAY - 1;
    expect((await seen(bUse1, id))?.Status?.Code).toBe('pending-acceptance');
    now += 1;
    expect((await seen(bUse1, id))?.Status).toEqual({ Code: 'expired', Message: 'Expired' });
    expect((await awsError(bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id })))).code).toBe('InvalidStateTransition');
    now += 2 * DAY;
    expect(await seen(aUse1, id)).toBeUndefined();
    expect(await seen(bUse1, id)).toBeUndefined();
  });

  it('applies a jump of the clock as if time had passed (expired, then gone)', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    now += 30 * DAY;
    expect(await seen(aUse1, id)).toBeUndefined();
  });

  it('keeps a rejected request 2 days for the requester and 2 hours for the accepter', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    await bUse1.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    now += 3 * HOUR;
    expect(await seen(bUse1, id)).toBeUndefined();
    expect((await seen(aUse1, id))?.Status?.Code).toBe('rejected');
    now += 2 * DAY;
    expect(await seen(aUse1, id)).toBeUndefined();
  });

  it('keeps a deleted peering 2 hours for the deleter and 2 days for the other owner', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    await aUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    now += 3 * HOUR;
    expect(await seen(aUse1, id)).toBeUndefined();
    expect((await seen(bUse1, id))?.Status?.Code).toBe('deleted');
  });

  it('keeps finished peerings 2 hours when both sides are one account', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(aUse1);
    const id = (await request(aUse1, x, y)).VpcPeeringConnectionId as string;
    await aUse1.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    now += HOUR;
    expect((await seen(aUse1, id))?.Status?.Code).toBe('rejected');
    now += 2 * HOUR;
    expect(await seen(aUse1, id)).toBeUndefined();
  });

  it('uses a configurable expiry period', async () => {
    sb.server.setSettings({ pendingExpiryMs: HOUR });
    try {
      const x = await vpc(aUse1);
      const y = await vpc(bUse1);
      const created = await request(aUse1, x, y, B);
      expect(created.ExpirationTime?.getTime()).toBe(now + HOUR);
      now += HOUR;
      expect((await seen(aUse1, created.VpcPeeringConnectionId as string))?.Status?.Code).toBe('expired');
    } finally {
      sb.server.setSettings({ pendingExpiryMs: 7 * DAY });
    }
  });
});

describe('transient statuses', () => {
  it('shows initiating-request, provisioning and deleting for as long as the settings say', async () => {
    sb.server.setSettings({ initiatingRequestMs: 1000, provisioningMs: 1000, deletingMs: 1000 });
    try {
      const x = await vpc(aUse1);
      const y = await vpc(bEuw1);
      const id = (await request(aUse1, x, y, B, 'eu-west-1')).VpcPeeringConnectionId as string;
      expect((await seen(aUse1, id))?.Status?.Code).toBe('initiating-request');
      expect(await seen(bEuw1, id)).toBeUndefined();
      now += 1000;
      expect((await seen(bEuw1, id))?.Status?.Code).toBe('pending-acceptance');
      await bEuw1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
      expect((await seen(aUse1, id))?.Status?.Code).toBe('provisioning');
      now += 1000;
      expect((await seen(aUse1, id))?.Status?.Code).toBe('active');
      await aUse1.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
      expect((await seen(bEuw1, id))?.Status?.Code).toBe('deleting');
      now += 1000;
      expect((await seen(bEuw1, id))?.Status?.Code).toBe('deleted');
    } finally {
      sb.server.setSettings({ initiatingRequestMs: 0, provisioningMs: 0, deletingMs: 0 });
    }
  });

  it('holds a peering in provisioning until the hold is lifted', async () => {
    const x = await vpc(aUse1);
    const y = await vpc(bUse1);
    const id = (await request(aUse1, x, y, B)).VpcPeeringConnectionId as string;
    sb.server.setPeeringHolds([{ peeringId: id, status: 'provisioning' }]);
    await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    now += DAY;
    expect((await seen(aUse1, id))?.Status?.Code).toBe('provisioning');
    sb.server.setPeeringHolds([]);
    expect((await seen(aUse1, id))?.Status?.Code).toBe('active');
  });
});

describe('quotas', () => {
  it('refuses more outstanding requests than the account quota', async () => {
    sb.server.setSettings({ outstandingRequestsPerAccount: 2 });
    try {
      const x = await vpc(cUse1);
      // gamma has no outstanding requests yet
      await request(cUse1, x, await vpc(bUse1), B);
      await request(cUse1, x, await vpc(bUse1), B);
      const e = await awsError(request(cUse1, x, await vpc(bUse1), B));
      expect(e.code).toBe('OutstandingVpcPeeringConnectionLimitExceeded');
    } finally {
      sb.server.setSettings({ outstandingRequestsPerAccount: 25 });
    }
  });

  it('refuses to accept past the active peerings per VPC quota', async () => {
    sb.server.setSettings({ activePeeringsPerVpc: 1 });
    try {
      const hub = await vpc(bUse1);
      const first = (await request(aUse1, await vpc(aUse1), hub, B)).VpcPeeringConnectionId as string;
      const second = (await request(aUse1, await vpc(aUse1), hub, B)).VpcPeeringConnectionId as string;
      await bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: first }));
      const e = await awsError(bUse1.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: second })));
      expect(e.code).toBe('ActiveVpcPeeringConnectionPerVpcLimitExceeded');
    } finally {
      sb.server.setSettings({ activePeeringsPerVpc: 50 });
    }
  });

  it('has AWS quotas by default: 50 active per VPC, 25 outstanding per account', () => {
    expect(sb.server.getSettings()).toMatchObject({ activePeeringsPerVpc: 50, outstandingRequestsPerAccount: 25, pendingExpiryMs: 7 * DAY });
  });
});

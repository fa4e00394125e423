/** Differential tests for AWS RAM sharing a transit gateway: the same calls through the real SDK
 * against the sandbox and against moto 5.2.1, compared by logical names, where moto follows AWS.
 * Where moto departs, the test asserts that the
 * sandbox follows AWS. Off CI a missing moto skips these tests with a message; on CI (`CI` set)
 * they fail.
 */
import { CreateTransitGatewayCommand, DescribeTransitGatewaysCommand } from '@aws-sdk/client-ec2';
import {
  CreateResourceShareCommand,
  DeleteResourceShareCommand,
  GetResourceShareAssociationsCommand,
  GetResourceSharesCommand,
  type ResourceShare,
  type ResourceShareAssociation,
} from '@aws-sdk/client-ram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { motoMissingReason } from '../src/testing/moto';
import { A, B, both, failure, startDifferentialPair, type DifferentialPair, type Target } from './moto-targets';

const missing = motoMissingReason();
if (missing && !process.env.CI) console.warn(`moto differential tests skipped: ${missing}`);

/** Replaces the target's ids and ARNs in a text by their logical names. */
function names(t: Target, text: string | undefined): string {
  let out = text ?? '';
  for (const [id, name] of t.names) out = out.replaceAll(id, `<${name}>`);
  return out;
}

const shareView = (t: Target, s: ResourceShare | undefined) => ({
  arn: names(t, s?.resourceShareArn),
  name: s?.name,
  owner: s?.owningAccountId,
  external: s?.allowExternalPrincipals,
  status: s?.status,
});

const associationView = (t: Target, a: ResourceShareAssociation) => ({
  share: names(t, a.resourceShareArn),
  shareName: a.resourceShareName,
  entity: names(t, a.associatedEntity),
  type: a.associationType,
  status: a.status,
});

describe.skipIf(Boolean(missing) && !process.env.CI)('sandbox and moto agree on RAM shares of a transit gateway', () => {
  let pair: DifferentialPair | undefined;
  let targets: Target[];

  beforeAll(async () => {
    pair = await startDifferentialPair('differential-ram');
    targets = pair.targets;
    for (const t of targets) {
      const g = (await t.a().send(new CreateTransitGatewayCommand({}))).TransitGateway;
      t.names.set(g?.TransitGatewayArn as string, 'hub-arn');
      t.names.set(g?.TransitGatewayId as string, 'hub');
    }
  });
  afterAll(async () => {
    await pair?.stop();
  });

  const hubArn = (t: Target): string => [...t.names].find(([, n]) => n === 'hub-arn')?.[0] as string;

  it('create a share of the gateway, list it with its resource, and delete it', async () => {
    const [s, m] = await both(targets, async (t) => {
      const made = (await t.ramA.send(new CreateResourceShareCommand({ name: 'hub-share', resourceArns: [hubArn(t)], principals: [B] }))).resourceShare;
      t.names.set(made?.resourceShareArn as string, 'share');
      const listed = (await t.ramA.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', name: 'hub-share' }))).resourceShares ?? [];
      const resources = (await t.ramA.send(new GetResourceShareAssociationsCommand({ associationType: 'RESOURCE', resourceShareArns: [made?.resourceShareArn as string] })))
        .resourceShareAssociations;
      const deleted = (await t.ramA.send(new DeleteResourceShareCommand({ resourceShareArn: made?.resourceShareArn }))).returnValue;
      const after = (await t.ramA.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', name: 'hub-share' }))).resourceShares ?? [];
      return {
        made: shareView(t, made),
        listed: listed.map((x) => ({ ...shareView(t, x), featureSet: x.featureSet })),
        resources: resources?.map((a) => associationView(t, a)),
        deleted,
        after: after.map((x) => x.status),
      };
    });
    expect(s).toEqual(m);
    expect(s.made).toEqual({ arn: '<share>', name: 'hub-share', owner: A, external: true, status: 'ACTIVE' });
    expect(s.resources).toEqual([{ share: '<share>', shareName: 'hub-share', entity: '<hub-arn>', type: 'RESOURCE', status: 'ASSOCIATED' }]);
    expect(s.after).toEqual(['DELETED']);
  });

  it('refuse malformed ARNs and principals, unknown owners and association types, and unknown shares in the same words', async () => {
    const unknownShare = `arn:aws:ram:us-east-1:${A}:resource-share/00000000-0000-4000-a000-000000000000`;
    const [s, m] = await both(targets, async (t) => ({
      arn: await failure(t, t.ramA.send(new CreateResourceShareCommand({ name: 'x', resourceArns: ['tgw-1'] }))),
      principal: await failure(t, t.ramA.send(new CreateResourceShareCommand({ name: 'x', principals: ['12345'] }))),
      owner: await failure(t, t.ramA.send(new GetResourceSharesCommand({ resourceOwner: 'EVERYONE' as 'SELF' }))),
      type: await failure(t, t.ramA.send(new GetResourceShareAssociationsCommand({ associationType: 'BOTH' as 'RESOURCE' }))),
      principalWithArn: await failure(t, t.ramA.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceArn: hubArn(t) }))),
      deleteUnknown: await failure(t, t.ramA.send(new DeleteResourceShareCommand({ resourceShareArn: unknownShare }))),
    }));
    expect(s).toEqual(m);
    expect(s.arn).toEqual({ code: 'MalformedArnException', message: 'The specified resource ARN tgw-1 is not valid. Verify the ARN and try again.' });
    expect(s.owner).toEqual({ code: 'InvalidParameterException', message: 'EVERYONE is not a valid resource owner. Specify either SELF or OTHER-ACCOUNTS and try again.' });
    expect(s.deleteUnknown.code).toBe('UnknownResourceException');
  });

  it('(moto departs) the sandbox refuses to share a gateway the caller does not own, invites the external account, and serves OTHER-ACCOUNTS', async () => {
    const [sandbox, motoTarget] = targets as [Target, Target];
    // moto shares any well-formed ARN, another account's included.
    expect((await failure(motoTarget, motoTarget.ramB.send(new CreateResourceShareCommand({ name: 'foreign', resourceArns: [hubArn(motoTarget)] })))).code).toBe('no error');
    expect((await failure(sandbox, sandbox.ramB.send(new CreateResourceShareCommand({ name: 'foreign', resourceArns: [hubArn(sandbox)] })))).code).toBe('UnknownResourceException');

    // moto lists an account principal as ASSOCIATED and not external at once; AWS waits for the invitation.
    const principals = async (t: Target): Promise<ResourceShareAssociation[]> => {
      const made = (await t.ramA.send(new CreateResourceShareCommand({ name: 'invite', resourceArns: [hubArn(t)], principals: [B] }))).resourceShare;
      return (await t.ramA.send(new GetResourceShareAssociationsCommand({ associationType: 'PRINCIPAL', resourceShareArns: [made?.resourceShareArn as string] })))
        .resourceShareAssociations as ResourceShareAssociation[];
    };
    expect(await principals(motoTarget)).toEqual([expect.objectContaining({ associatedEntity: B, status: 'ASSOCIATED', external: false })]);
    expect(await principals(sandbox)).toEqual([expect.objectContaining({ associatedEntity: B, status: 'ASSOCIATING', external: true })]);

    // moto answers OTHER-ACCOUNTS with HTTP 500; the sandbox lists what B accepted (nothing yet).
    expect((await failure(motoTarget, motoTarget.ramB.send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' })))).code).not.toBe('no error');
    expect((await sandbox.ramB.send(new GetResourceSharesCommand({ resourceOwner: 'OTHER-ACCOUNTS' }))).resourceShares).toEqual([]);
    // Neither shows B the gateway before it accepts.
    for (const t of targets) expect((await t.b().send(new DescribeTransitGatewaysCommand({}))).TransitGateways, t.name).toEqual([]);
  });
});

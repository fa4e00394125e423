import { describe, expect, it } from 'vitest';

import { PEERING_STATUSES } from '../../../shared/model/topology';
import { nextStep } from '../../../shared/planning/next-step';

const ctx = {
  peeringId: 'pcx-1',
  requesterAccountId: '111111111111',
  accepterAccountId: '222222222222',
  accepterRegion: 'us-east-1',
  requesterVpcId: 'vpc-r',
  accepterVpcId: 'vpc-x',
} as const;

describe('nextStep', () => {
  it('has a label, a meaning and an action for every status AWS has', () => {
    for (const s of PEERING_STATUSES) {
      const n = nextStep(s);
      expect(n.label.length).toBeGreaterThan(0);
      expect(n.meaning.length).toBeGreaterThan(0);
      expect(n.action.length).toBeGreaterThan(0);
    }
  });

  it('sends a pending request to the accepter account in its region, with one-click accept when a profile is known', () => {
    expect(nextStep('pending-acceptance', ctx).action).toBe(
      'Ask the owner of account 222222222222 to accept pcx-1 in us-east-1 within 7 days: VPC console → Peering connections → select it → Actions → Accept request.',
    );
    expect(nextStep('pending-acceptance', { ...ctx, accepterProfiles: ['b'] }).action).toBe('Accept pcx-1 with profile b in us-east-1 within 7 days.');
  });

  it('says an active peering needs nothing but routes and security groups ("No action needed")', () => {
    const n = nextStep('active', ctx);
    expect(n.action).toContain('No action needed');
    expect(n.final).toBe(false);
  });

  it('recreates after rejected, expired or failed, and never suggests deleting what AWS cannot delete', () => {
    for (const s of ['rejected', 'expired', 'failed'] as const) {
      const n = nextStep(s, ctx);
      expect(n.actionKind).toBe('recreate');
      expect(n.final).toBe(true);
      expect(n.action.toLowerCase()).not.toMatch(/^delete/);
    }
    expect(nextStep('rejected', ctx).meaning).toContain('does not let anyone accept or delete a rejected peering');
    expect(nextStep('expired', ctx).action).toContain('accept it in us-east-1 within 7 days');
  });

  it('quotes the reason a peering failed and asks to verify ids and CIDRs', () => {
    const n = nextStep('failed', { ...ctx, statusMessage: 'Overlapping CIDR blocks' });
    expect(n.meaning).toContain('Overlapping CIDR blocks');
    expect(n.action).toBe('Verify the peer VPC id and account id (vpc-x in 222222222222) and that no CIDR blocks overlap, then request a new peering.');
  });
});

describe('nextStep of an ended peering, given what still points at it', () => {
  it('asks to remove what is left, and only that', () => {
    const n = nextStep('deleted', { ...ctx, leftovers: { routes: 2, rules: 1 } });
    expect(n.actionKind).toBe('clean-up');
    expect(n.action).toContain('Remove the 2 routes and 1 security-group rule that still point at pcx-1 (the routes are blackholes).');
    expect(nextStep('deleting', { ...ctx, leftovers: { routes: 1, rules: 0 } }).action).toBe('Wait until it is deleted. Remove the 1 route that still points at pcx-1 (it is a blackhole).');
  });

  it('asks for nothing once nothing points at it', () => {
    const none = { ...ctx, leftovers: { routes: 0, rules: 0 } };
    for (const s of ['deleted', 'rejected', 'expired'] as const) {
      const n = nextStep(s, none);
      expect(n.actionKind, s).toBe('none');
      expect(n.action, s).toMatch(/^Nothing to do: no route or rule points at pcx-1/);
    }
    expect(nextStep('deleting', none).action).toBe('Wait until it is deleted.');
  });

  it('keeps the general advice when what points at it is unknown', () => {
    expect(nextStep('deleted', ctx).action).toContain('Remove the routes that still point at pcx-1 (they are blackholes).');
    expect(nextStep('rejected', ctx).actionKind).toBe('recreate');
  });

  it('names the known cause of a failure instead of AWS\'s generic message', () => {
    const n = nextStep('failed', { ...ctx, statusMessage: 'Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range', failureCause: '10.0.0.0/16 in a (vpc-r) overlaps 10.0.1.0/24 in b (vpc-x)' });
    expect(n.meaning).toBe('AWS could not establish the peering: 10.0.0.0/16 in a (vpc-r) overlaps 10.0.1.0/24 in b (vpc-x). A failed peering cannot be accepted, rejected or deleted; it disappears after 2 hours.');
    expect(n.action).toContain('Overlapping blocks can never be peered');
  });
});

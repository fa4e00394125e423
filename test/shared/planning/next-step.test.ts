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

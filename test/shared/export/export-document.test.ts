import { describe, expect, it } from 'vitest';

import { buildExportDocument } from '../../../shared/export/export-document';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';
import { reviewDocument } from './review-doc';

describe('buildExportDocument', () => {
  it('keeps every VPC and peering, and adds the unscanned peer VPC from its peering side', () => {
    const doc = reviewDocument();
    expect(doc.topology.vpcs.map((v) => v.id).sort()).toEqual(['vpc-0a11', 'vpc-0a12', 'vpc-0b21', 'vpc-0b22', 'vpc-0c31', 'vpc-0c32', 'vpc-0d41']);
    expect([...doc.externalVpcIds]).toEqual(['vpc-0d41']);
    expect(doc.accountIds).toEqual(['111111111111', '222222222222', '333333333333', '444444444444']);
    expect(doc.regions).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(doc.topology.peerings).toHaveLength(6);
  });

  it('takes the analysis from the shared analysis functions', () => {
    const doc = reviewDocument();
    expect(doc.analysis.cidrConflicts.map((c) => [c.vpcA, c.vpcB])).toEqual([['vpc-0b21', 'vpc-0c32']]);
    expect(doc.analysis.routeCompleteness.get('pcx-0002')?.requester.summary).toBe('partial');
    expect(doc.analysis.routeCompleteness.get('pcx-0001')?.accepter.summary).toBe('complete');
    expect(doc.analysis.nonTransitivePairs.map((p) => `${p.a}-${p.b}`)).toContain('vpc-0b21-vpc-0c31');
  });

  it('cuts the view down to chosen peerings and their two VPCs', () => {
    const doc = reviewDocument({ peeringIds: ['pcx-0003'] });
    expect(doc.topology.vpcs.map((v) => v.id)).toEqual(['vpc-0b21', 'vpc-0b22']);
    expect(doc.topology.peerings.map((p) => p.id)).toEqual(['pcx-0003']);
    expect(doc.analysis.cidrConflicts).toEqual([]);
  });

  it('shows the peerings among chosen VPCs', () => {
    const doc = reviewDocument({ vpcIds: ['vpc-0a11', 'vpc-0b21', 'vpc-0c31'] });
    expect(doc.topology.peerings.map((p) => p.id)).toEqual(['pcx-0001', 'pcx-0002', 'pcx-0006']);
    expect(doc.topology.vpcs.map((v) => v.id)).toContain('vpc-0d41');
  });

  it('refuses unknown ids and names them', () => {
    const r = buildExportDocument(buildReviewSnapshot(), { peeringIds: ['pcx-0001', 'pcx-nope'] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('pcx-nope');
      expect(r.error.fix).toContain('pcx-0001');
    }
    const v = buildExportDocument(buildReviewSnapshot(), { vpcIds: ['vpc-zzz'] });
    expect(v.ok || v.error.message).toContain('vpc-zzz');
  });
});

/** The EC2 action table derived from the kinds' registry: each kind's actions and the region and
 * tag services' are all there, each once, and the wire model holds exactly their shapes. */
import { describe, expect, it } from 'vitest';

import { EC2_ACTIONS, isSupportedEc2Action, SUPPORTED_EC2_ACTIONS } from '../../src/ec2/dispatch';
import { REGION_ACTIONS } from '../../src/ec2/regions';
import { TAG_ACTIONS } from '../../src/ec2/tags';
import { KIND_LIST } from '../../src/kinds';
import modelJson from '../../src/wire/ec2-model.json';

describe('the EC2 action table', () => {
  it('holds every action of every kind and of the region and tag services, each declared once', () => {
    const groups = [REGION_ACTIONS, ...KIND_LIST.map((k) => k.actions), TAG_ACTIONS];
    const declared = groups.flatMap((g) => Object.entries(g));
    expect(SUPPORTED_EC2_ACTIONS).toHaveLength(declared.length);
    for (const [name, entry] of declared) expect(EC2_ACTIONS[name as keyof typeof EC2_ACTIONS], name).toBe(entry);
  });

  it('matches the operations copied from botocore into ec2-model.json, one for one', () => {
    expect([...SUPPORTED_EC2_ACTIONS].sort()).toEqual(Object.keys(modelJson.operations).sort());
  });

  it('knows its own actions and nothing else, not even names every object has', () => {
    expect(isSupportedEc2Action('DescribeVpcs')).toBe(true);
    expect(isSupportedEc2Action('DescribeVolumes')).toBe(false);
    expect(isSupportedEc2Action('toString')).toBe(false);
  });
});

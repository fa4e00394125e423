/** The EC2 action table derived from the kinds' registry: each kind's actions and the region and
 * tag services' are all there, each once, and the wire model (ec2-model.json with
 * ec2-model-added.json) holds exactly their shapes, each action in one of the two files. */
import { describe, expect, it } from 'vitest';

import { EC2_ACTIONS, isSupportedEc2Action, SUPPORTED_EC2_ACTIONS } from '../../src/ec2/dispatch';
import { REGION_ACTIONS } from '../../src/ec2/regions';
import { TAG_ACTIONS } from '../../src/ec2/tags';
import { KIND_LIST } from '../../src/kinds';
import addedJson from '../../src/wire/ec2-model-added.json';
import modelJson from '../../src/wire/ec2-model.json';
import { MODEL_OPERATIONS } from '../../src/wire/model';

describe('the EC2 action table', () => {
  it('holds every action of every kind and of the region and tag services, each declared once', () => {
    const groups = [REGION_ACTIONS, ...KIND_LIST.map((k) => k.actions), TAG_ACTIONS];
    const declared = groups.flatMap((g) => Object.entries(g));
    expect(SUPPORTED_EC2_ACTIONS).toHaveLength(declared.length);
    for (const [name, entry] of declared) expect(EC2_ACTIONS[name as keyof typeof EC2_ACTIONS], name).toBe(entry);
  });

  it('matches the operations copied from botocore into the two model files, one for one', () => {
    expect([...SUPPORTED_EC2_ACTIONS].sort()).toEqual([...MODEL_OPERATIONS].sort());
    const inBoth = Object.keys(addedJson.operations).filter((a) => a in modelJson.operations);
    expect(inBoth).toEqual([]);
  });

  it('knows its own actions and nothing else, not even names every object has', () => {
    expect(isSupportedEc2Action('DescribeVpcs')).toBe(true);
    expect(isSupportedEc2Action('DescribeInstances')).toBe(false);
    expect(isSupportedEc2Action('toString')).toBe(false);
  });
});

/** The committed wire model against the AWS SDK the repository installs: every member the SDK can
 * send or read for a served action is in the model under the same wire names, so the sandbox is
 * never older than its client. */
import * as ec2 from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { SUPPORTED_EC2_ACTIONS } from '../../src/ec2/dispatch';
import { operationShapes, queryNameOf, shape } from '../../src/wire/model';
import modelJson from '../../src/wire/ec2-model.json';

type Schema = unknown;
const deref = (s: Schema): Schema => (typeof s === 'function' ? deref((s as () => Schema)()) : s);

interface Seen {
  readonly missing: string[];
  readonly renamed: string[];
}

/** Walks an SDK schema and the model's shape of the same name side by side. */
function compare(schema: Schema, modelShape: string | undefined, path: string, seen: Set<string>, out: Seen): void {
  const s = deref(schema);
  if (!Array.isArray(s) || modelShape === undefined) return;
  const [kind, , name] = s as [number, string, string];
  if (seen.has(name)) return;
  seen.add(name);
  const m = shape(modelShape);
  if (kind === 1) {
    const entry = s[4] as Schema;
    compare(Array.isArray(entry) && entry.length === 2 ? entry[0] : entry, m.member?.shape, `${path}[]`, seen, out);
    return;
  }
  if (kind !== 3) return;
  const names = s[4] as string[];
  const entries = s[5] as Schema[];
  names.forEach((member, i) => {
    const mm = m.members?.[member];
    if (!mm) {
      out.missing.push(`${path}.${member}`);
      return;
    }
    const entry = entries[i];
    const traits = (Array.isArray(entry) && entry.length === 2 && typeof entry[1] === 'object' ? entry[1] : {}) as {
      xmlName?: string;
      ec2QueryName?: string;
    };
    const sdkQuery = traits.ec2QueryName ?? (traits.xmlName ? traits.xmlName.charAt(0).toUpperCase() + traits.xmlName.slice(1) : member);
    if ((mm.locationName ?? member) !== (traits.xmlName ?? member) || queryNameOf(member, mm) !== sdkQuery) {
      out.renamed.push(`${path}.${member}`);
    }
    compare(Array.isArray(entry) && entry.length === 2 ? entry[0] : entry, mm.shape, `${path}.${member}`, seen, out);
  });
}

describe('ec2-model.json', () => {
  it('names its sources and versions', () => {
    expect(modelJson.source).toMatch(/^@aws-sdk\/client-ec2 \d+\.\d+\.\d+ schema .* botocore \d+\.\d+\.\d+ /);
    expect(modelJson.apiVersion).toBe('2016-11-15');
  });

  it('has every member, with the same wire names, that the installed SDK has for each served action', () => {
    const out: Seen = { missing: [], renamed: [] };
    const seen = new Set<string>();
    for (const action of SUPPORTED_EC2_ACTIONS) {
      const op = (ec2 as unknown as Record<string, unknown[]>)[`${action}$`] as unknown[];
      const shapes = operationShapes(action);
      compare(op[4], shapes.input, `${action}.input`, seen, out);
      compare(op[5], shapes.output, `${action}.output`, seen, out);
    }
    expect(out).toEqual({ missing: [], renamed: [] });
  });

  it('answers the members the Debian CLI 2.9 model predates (security group ARNs, subnet options)', () => {
    expect(shape('CreateSecurityGroupResult').members?.SecurityGroupArn?.locationName).toBe('securityGroupArn');
    expect(shape('SecurityGroup').members?.SecurityGroupArn?.locationName).toBe('securityGroupArn');
    expect(shape('Subnet').members?.BlockPublicAccessStates?.locationName).toBe('blockPublicAccessStates');
    expect(operationShapes('DeleteSecurityGroup').output).toBe('DeleteSecurityGroupResult');
    // Validation facts the SDK's schema leaves out still come from botocore.
    expect(shape('DescribeVpcsMaxResults')).toMatchObject({ type: 'integer', min: 5, max: 1000 });
    expect(shape('SubnetState').enum).toContain('available');
  });
});

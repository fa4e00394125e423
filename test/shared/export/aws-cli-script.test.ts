import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { shellWord } from '../../../shared/export/syntax/shell';
import { exportText } from '../../../shared/export/export-formats';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';

const dir = mkdtempSync(join(tmpdir(), 'peerscape-sh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(request: Parameters<typeof exportText>[1]): string {
  const r = exportText(buildReviewSnapshot(), request);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.text;
}

/**
 * Run the script with an `aws` on PATH that records its arguments and answers the calls whose
 * output the script reads: the flow (variables, order, profiles, regions) is bash's own.
 */
function runWithRecorder(text: string, env: Record<string, string> = {}): { status: number | null; calls: string[]; stderr: string } {
  const bin = join(dir, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  writeFileSync(
    join(bin, 'aws'),
    `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\ncase "$*" in *create-vpc-peering-connection*) echo pcx-0new;; *describe-vpc-peering-connections*) echo pending-acceptance;; *accept-vpc-peering-connection*) echo provisioning;; esac\n`,
  );
  chmodSync(join(bin, 'aws'), 0o755);
  const file = join(dir, 'peering.sh');
  writeFileSync(file, text);
  const r = spawnSync('bash', [file], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, ...env } });
  return { status: r.status, calls: readFileSync(log, 'utf8').trim().split('\n'), stderr: r.stderr };
}

describe('exportAwsCliScript', () => {
  it('passes bash -n and stops on the first error', () => {
    const text = script({ format: 'sh', plan: { requesterVpcId: 'vpc-0a11', accepterVpcId: 'vpc-0b22' }, dnsResolution: true });
    const file = join(dir, 'syntax.sh');
    writeFileSync(file, text);
    const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(text).toContain('\nset -euo pipefail\n');
  });

  it('creates as the requester, accepts as the accepter in its region, then routes with the captured pcx id', () => {
    const text = script({ format: 'sh', plan: { requesterVpcId: 'vpc-0a11', accepterVpcId: 'vpc-0b22' } });
    const { status, calls, stderr } = runWithRecorder(text);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(calls[0]).toMatch(/^--profile hub-admin --region eu-west-1 ec2 create-vpc-peering-connection --vpc-id vpc-0a11 --peer-vpc-id vpc-0b22 --peer-owner-id 222222222222 --peer-region us-east-1 --tag-specifications .* --query VpcPeeringConnection.VpcPeeringConnectionId --output text$/);
    expect(calls[1]).toBe("--profile payments --region us-east-1 ec2 describe-vpc-peering-connections --vpc-peering-connection-ids pcx-0new --query VpcPeeringConnections[0].Status.Code --output text");
    expect(calls[2]).toBe('--profile payments --region us-east-1 ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-0new --query VpcPeeringConnection.Status.Code --output text');
    expect(calls[3]).toContain('--profile hub-admin --region eu-west-1 ec2 wait vpc-peering-connection-exists --vpc-peering-connection-ids pcx-0new --filters Name=status-code,Values=active');
    expect(calls.slice(4)).toEqual([
      '--profile hub-admin --region eu-west-1 ec2 create-route --route-table-id rtb-0a11main --destination-cidr-block 10.21.0.0/16 --vpc-peering-connection-id pcx-0new',
      '--profile hub-admin --region eu-west-1 ec2 create-route --route-table-id rtb-0a11priv --destination-cidr-block 10.21.0.0/16 --vpc-peering-connection-id pcx-0new',
      '--profile payments --region us-east-1 ec2 create-route --route-table-id rtb-0b22main --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id pcx-0new',
      '--profile payments --region us-east-1 ec2 create-route --route-table-id rtb-0b22main --destination-cidr-block 100.64.0.0/20 --vpc-peering-connection-id pcx-0new',
    ]);
  });

  it('uses --destination-ipv6-cidr-block for IPv6 and honours profile and endpoint overrides', () => {
    const text = script({ format: 'sh', selection: { peeringIds: ['pcx-0001'] } });
    expect(text).toContain('P1_PCX=pcx-0001');
    const { status, calls } = runWithRecorder(text.replace(/^# already there: /gm, ''), { P1_ACCEPTER_PROFILE: 'other', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(status).toBe(0);
    expect(calls).toContain('--profile other --region eu-west-1 --endpoint-url http://127.0.0.1:9 ec2 create-route --route-table-id rtb-0b21main --destination-ipv6-cidr-block 2a05:d018:1000::/56 --vpc-peering-connection-id pcx-0001');
    expect(calls.some((c) => c.includes('accept-vpc-peering-connection'))).toBe(false);
  });

  it('skips routes that exist and adds only the missing ones for an active peering', () => {
    const { status, calls } = runWithRecorder(script({ format: 'sh', selection: { peeringIds: ['pcx-0002'] } }));
    expect(status).toBe(0);
    expect(calls).toEqual([
      '--profile hub-admin --region eu-west-1 ec2 create-route --route-table-id rtb-0a11main --destination-cidr-block 10.31.0.0/16 --vpc-peering-connection-id pcx-0002',
      '--profile hub-admin --region eu-west-1 ec2 create-route --route-table-id rtb-0a11priv --destination-cidr-block 10.31.0.0/16 --vpc-peering-connection-id pcx-0002',
    ]);
  });

  it('quotes shell words that need it', () => {
    expect(shellWord('rtb-1')).toBe('rtb-1');
    expect(shellWord(`it's $x`)).toBe(`'it'\\''s $x'`);
  });
});

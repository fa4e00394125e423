import { describe, expect, it } from 'vitest';

import { REACH_EXIT } from '../../../../electron/cli/commands/reach';
import type { ReachRow } from '../../../../shared/analysis/estate-reach';
import { readCsvStrict } from '../../../support/csv-reader';
import { snapshot } from '../../../support/fixtures/build-topology';
import { ACCOUNT_A, ACCOUNT_C, buildReachEstate } from '../../../support/fixtures/reach-estate';
import { tgwEstate } from '../../../support/fixtures/tgw-reach-estate';
import { runCliOver, type CliRun } from '../../../support/cli-run';

const files: Record<string, string> = { 's.json': JSON.stringify(snapshot(buildReachEstate())) };

function run(...argv: string[]): Promise<CliRun> {
  return runCliOver(files, ['reach', ...argv]);
}

describe('peerscape reach', () => {
  it('prints a VPC row as a table with each reason', async () => {
    const r = await run('--snapshot', 's.json', '--port', '443', '--from', 'hub');
    expect(r.code).toBe(REACH_EXIT.ok);
    expect(r.stdout).toContain('tcp/443 from vpc-hub: 10 connected VPCs, 1 reachable, 9 blocked, 0 undetermined.');
    expect(r.stdout).toMatch(/vpc-far2\s+222222222222\s+blocked\s+not transitive\s+Connected only through ok \(vpc-ok\)/);
    expect(r.stdout).toMatch(/vpc-wrong\s+333333333333\s+blocked\s+route to wrong target/);
  });

  it('lists VPCs joined through transit gateways, with the first blocking gateway component', async () => {
    files['tgw.json'] = JSON.stringify(snapshot(tgwEstate({ unassociated: ['c'] })));
    const r = await run('--snapshot', 'tgw.json', '--port', '443', '--from', 'vpc-a');
    expect(r.code).toBe(REACH_EXIT.ok);
    expect(r.stdout).toContain('tcp/443 from vpc-a: 3 connected VPCs, 2 reachable, 1 blocked, 0 undetermined.');
    expect(r.stdout).toMatch(/vpc-d\s+\S+\s+reachable\s+vpc-d is reachable through tgw-1 → tgw-2/);
    expect(r.stdout).toMatch(/vpc-c\s+\S+\s+blocked\s+transit gateway: not associated \(back\)/);
  });

  it('writes a row as CSV and an account row as JSON', async () => {
    const csv = await run('-s', 's.json', '-p', '443', '--from', 'vpc-hub', '--format', 'csv');
    expect(readCsvStrict(csv.stdout).slice(1).map((r) => r[0])).toContain('vpc-pending');
    const json = await run('-s', 's.json', '-p', '443', '--account', ACCOUNT_A, '--format', 'json');
    const row = JSON.parse(json.stdout) as ReachRow;
    expect(row.fromVpcIds).toEqual(['vpc-far', 'vpc-hub', 'vpc-island']);
  });

  it('writes the roll-up as Markdown', async () => {
    const r = await run('-s', 's.json', '--port', '443', '--matrix', '--format', 'md');
    expect(r.code).toBe(REACH_EXIT.ok);
    expect(r.stdout).toContain(`| \`${ACCOUNT_A}\` | \`${ACCOUNT_C}\` | 0 | 8 | 0 | not transitive |`);
  });

  it('says what to fix in bad input, and exits 2', async () => {
    const cases: [string[], string][] = [
      [['-s', 's.json', '--port', '443'], 'say where from: --from VPC, --account ID, or --matrix for every account.'],
      [['-s', 's.json', '--port', '443', '--from', 'hub', '--matrix'], 'give only one of --from, --account and --matrix.'],
      [['-s', 's.json', '--port', 'https', '--matrix'], '--port must be a whole number from 0 to 65535, not "https".'],
      [['-s', 's.json', '--protocol', 'icmp', '--port', '8', '--matrix'], 'A port applies to tcp and udp only, not icmp.'],
      [['-s', 's.json', '--port', '443', '--matrix', '--format', 'xlsx'], '--format must be text, csv, md or json, not "xlsx".'],
      [['-s', 's.json', '--port', '443', '--from', 'hbu'], '--from hbu names no VPC of the snapshot; did you mean hub?'],
      [['-s', 's.json', '--port', '443', '--account', '999999999999'], 'The account 999999999999 has no VPC in the snapshot.'],
      [['-s', 's.json', '--port', '443', '--account', 'prod'], '--account must be a 12-digit AWS account id, not "prod".'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(REACH_EXIT.usage);
      expect(r.stderr).toContain(message);
    }
  });
});

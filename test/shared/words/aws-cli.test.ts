import { execFileSync } from 'node:child_process';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  awsArgv,
  awsCommandText,
  ec2Command,
  ec2Subcommand,
  kebabCase,
  routeDestination,
  shellArg,
  shellArgv,
  shellArgvLines,
  ShellVariable,
  spliceVariable,
} from '../../../shared/words/aws-cli';

describe('the one builder of aws ec2 commands', () => {
  it('kebab-cases EC2 names the way the CLI does', () => {
    expect(kebabCase('DestinationIpv6CidrBlock')).toBe('destination-ipv6-cidr-block');
    expect(kebabCase('ModifyVpcPeeringConnectionOptions')).toBe('modify-vpc-peering-connection-options');
  });

  it('builds an argument vector: flags from parameter names, booleans as --flag/--no-flag, structures as JSON', () => {
    const call = ec2Command('CreateRoute', { RouteTableId: 'rtb-1', ...routeDestination('2600:1f18::/56'), VpcPeeringConnectionId: 'pcx-1', DryRun: true, Force: false });
    expect(awsArgv(call, { profile: 'p', region: 'eu-west-1' })).toEqual([
      'aws', 'ec2', 'create-route', '--route-table-id', 'rtb-1', '--destination-ipv6-cidr-block', '2600:1f18::/56',
      '--vpc-peering-connection-id', 'pcx-1', '--dry-run', '--no-force', '--profile', 'p', '--region', 'eu-west-1',
    ]);
    expect(ec2Command('AuthorizeSecurityGroupIngress', { GroupId: 'sg-1', IpPermissions: [{ FromPort: 22 }] }).options[1]).toEqual(['--ip-permissions', '[{"FromPort":22}]']);
    expect(awsArgv(ec2Subcommand(['wait', 'vpc-peering-connection-exists'], { VpcPeeringConnectionIds: 'pcx-1' }))).toEqual(['aws', 'ec2', 'wait', 'vpc-peering-connection-exists', '--vpc-peering-connection-ids', 'pcx-1']);
  });

  it('quotes each word for a POSIX shell, and splices variables in as "$NAME"', () => {
    expect(shellArg('pcx-1')).toBe('pcx-1');
    expect(shellArg("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellArg('')).toBe("''");
    expect(shellArg('a\nb')).toBe("$'a\\nb'");
    expect(shellArg(new ShellVariable('PCX_ID'))).toBe('"$PCX_ID"');
    expect(shellArg(spliceVariable('{{id}}', new ShellVariable('PCX_ID'))('peerscape {{id}} from vpc-r'))).toBe(`'peerscape '"$PCX_ID"' from vpc-r'`);
    expect(() => shellArg(new ShellVariable('a b'))).toThrow(/not a shell variable/);
    expect(() => ec2Command('X', { Tags: [{ Value: new ShellVariable('V') }] })).toThrow(/cannot go inside JSON/);
  });

  it('breaks a long command before the options asked, with shell continuations', () => {
    const words = awsArgv(ec2Command('CreateVpcPeeringConnection', { VpcId: 'vpc-1', PeerVpcId: 'vpc-2', PeerRegion: 'us-east-1' }));
    expect(shellArgvLines(words, ['--vpc-id', '--peer-region'])).toEqual(['aws ec2 create-vpc-peering-connection \\', '  --vpc-id vpc-1 --peer-vpc-id vpc-2 \\', '  --peer-region us-east-1']);
  });

  it('gives the sentence form a user pastes', () => {
    expect(awsCommandText(ec2Command('DeleteRoute', { RouteTableId: 'rtb-1', ...routeDestination('10.0.0.0/16') }), { region: 'eu-west-1', profile: 'ops' }, ['region', 'profile'])).toBe(
      'aws ec2 delete-route --route-table-id rtb-1 --destination-cidr-block 10.0.0.0/16 --region eu-west-1 --profile ops',
    );
  });

  it('passes every value to the program exactly as given, whatever it holds (bash parses the words back)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (values) => {
        const line = shellArgv(['printf', '%s\\0', ...values]);
        const out = execFileSync('bash', ['-c', line], { encoding: 'buffer' }).toString('utf8');
        // A lone surrogate has no UTF-8 form: the shell passes U+FFFD, as a UTF-8 decoder would.
        expect(out.split('\0').slice(0, -1)).toEqual(values.map((v) => v.replace(/\p{Cs}/gu, '\uFFFD')));
      }),
      { numRuns: 150 },
    );
  });
});

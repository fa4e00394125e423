/** The read-only role Peerscape assumes in each account of an organisation, as a CloudFormation
 * template a user deploys with a StackSet: a role trusted by the account Peerscape signs in to,
 * only when the caller passes the ExternalId, allowed exactly the read calls a scan makes.
 *
 * The permissions are derived from discovery's registry of kinds (every EC2 action each kind
 * calls, TGW route-table Get/Search calls included) plus the reads outside it listed in
 * `OTHER_READS`, so a new kind widens the role by itself and nothing else does.
 */
import { DEFAULT_READ_ONLY_ROLE } from '../../shared/model/organization-request';
import { DISCOVERY_KINDS } from '../discovery/kinds';

export { DEFAULT_READ_ONLY_ROLE };

/** Reads a scan makes besides the kinds' own calls, each with what needs it. */
const OTHER_READS: Readonly<Record<string, string>> = {
  'ec2:DescribeRegions': 'the regions enabled for the account, before its regions are scanned',
  'ec2:DescribeStaleSecurityGroups': "the security group rules left pointing at a deleted peering (the inspector's leftovers)",
  'iam:ListAccountAliases': "the account's alias, its name where Organizations gives none",
};

/** Every IAM action the role allows, sorted: `ec2:DescribeVpcs`, …, `iam:ListAccountAliases`. */
export function readOnlyRoleActions(): readonly string[] {
  const ec2 = Object.values(DISCOVERY_KINDS).flatMap((k) => Object.keys(k.actions).map((a) => `ec2:${a}`));
  return [...new Set([...ec2, ...Object.keys(OTHER_READS)])].sort();
}

/** True when `action` (`ec2:DescribeVpcs`, or `DescribeVpcs` for EC2) is one the role allows. */
export function roleAllows(action: string): boolean {
  const full = action.includes(':') ? action : `ec2:${action}`;
  return readOnlyRoleActions().includes(full);
}

/** The template as data (CloudFormation's JSON shape). */
export function readOnlyRoleTemplate(): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'Peerscape read-only role: lets the account Peerscape signs in to (TrustedAccountId) read VPCs, subnets, route tables, security groups, network ACLs, gateways, peerings and transit gateways, with an ExternalId. Deploy it to every account with a StackSet.',
    Parameters: {
      RoleName: {
        Type: 'String',
        Default: DEFAULT_READ_ONLY_ROLE,
        AllowedPattern: '[\\w+=,.@-]{1,64}',
        Description: 'The role name Peerscape assumes (the same in every account).',
      },
      TrustedAccountId: {
        Type: 'String',
        AllowedPattern: '\\d{12}',
        ConstraintDescription: 'a 12-digit account id',
        Description: 'The account whose credentials Peerscape signs in with (the management or a delegated-administrator account, or the Identity Center account).',
      },
      ExternalId: {
        Type: 'String',
        NoEcho: true,
        MinLength: 2,
        MaxLength: 1224,
        AllowedPattern: '[\\w+=,.@:/-]*',
        Description: 'A secret Peerscape passes when it assumes the role (the same value you enter in Peerscape).',
      },
      MaxSessionDuration: {
        Type: 'Number',
        Default: 3600,
        MinValue: 3600,
        MaxValue: 43200,
        Description: 'Longest session in seconds (role chaining, as from an SSO sign-in, is capped at 3600 whatever this says).',
      },
    },
    Resources: {
      PeerscapeReadOnlyRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { Ref: 'RoleName' },
          MaxSessionDuration: { Ref: 'MaxSessionDuration' },
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${TrustedAccountId}:root' } },
                Action: 'sts:AssumeRole',
                Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'PeerscapeDiscoveryReads',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Sid: 'DiscoveryReads', Effect: 'Allow', Action: readOnlyRoleActions(), Resource: '*' }],
              },
            },
          ],
        },
      },
    },
    Outputs: {
      RoleArn: { Description: 'The role Peerscape assumes in this account.', Value: { 'Fn::GetAtt': ['PeerscapeReadOnlyRole', 'Arn'] } },
    },
  };
}

/** YAML for the template: block mappings and sequences, every scalar string double-quoted (JSON's
 * escaping is YAML's), so no value is read as another type. */
function yamlOf(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map((v) => `\n${indent}-${isBlock(v) ? yamlOf(v, `${indent}  `).replace(/^\n\s*/, ' ') : yamlOf(v, `${indent}  `)}`).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return ' {}';
    return entries.map(([k, v]) => `\n${indent}${/^[A-Za-z][\w.:-]*$/.test(k) && !k.includes(': ') ? k : JSON.stringify(k)}:${yamlOf(v, `${indent}  `)}`).join('');
  }
  return ` ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`;
}

function isBlock(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

/** The template as text, in `format`. */
export function readOnlyRoleTemplateText(format: 'yaml' | 'json'): string {
  const template = readOnlyRoleTemplate();
  return format === 'json' ? `${JSON.stringify(template, null, 2)}\n` : `${yamlOf(template, '').replace(/^\n/, '')}\n`;
}

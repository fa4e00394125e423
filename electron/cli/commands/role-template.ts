/** `peerscape role-template`: the CloudFormation template of the read-only role organisation scans assume, for a StackSet. */
import { parseArgs } from 'node:util';

import { DEFAULT_READ_ONLY_ROLE, readOnlyRoleTemplateText } from '../../organization/read-only-role';
import { argumentError, CliInputError, shown } from '../input-error';
import type { CliCommand, CliIo } from '../io';

const USAGE = `Usage: peerscape role-template [--format yaml|json] > peerscape-read-only-role.yaml

Print the CloudFormation template of the role Peerscape assumes in each account of an
organisation (default name ${DEFAULT_READ_ONLY_ROLE}). It trusts one account (the one you sign in
with: the management account, a delegated administrator, or your Identity Center account) only
with an ExternalId, and allows exactly the read calls a scan makes: EC2 Describe/Get/Search
(transit gateway route tables included) and iam:ListAccountAliases. Deploy it to every account
with a StackSet, for example:

  aws cloudformation create-stack-set --stack-set-name peerscape-read-only \\
    --template-body file://peerscape-read-only-role.yaml --capabilities CAPABILITY_NAMED_IAM \\
    --permission-model SERVICE_MANAGED --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false \\
    --parameters ParameterKey=TrustedAccountId,ParameterValue=111122223333 ParameterKey=ExternalId,ParameterValue=...

  --format F   yaml (default) or json
  -h, --help   this help

Exit codes: 0 printed, 2 bad arguments.
`;

const OPTIONS = {
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run `peerscape role-template`. */
export async function runRoleTemplate(argv: readonly string[], io: CliIo): Promise<number> {
  let values: { format?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw argumentError(e, OPTIONS);
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const format = values.format ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new CliInputError(`--format must be yaml or json, not "${shown(format)}".`);
  io.stdout.write(readOnlyRoleTemplateText(format));
  return 0;
}

/** The command commands/index.ts loads. */
export const roleTemplateCommand: CliCommand = { usage: USAGE, run: runRoleTemplate };

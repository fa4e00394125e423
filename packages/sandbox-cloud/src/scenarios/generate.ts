/** The deterministic scenario generator for scale tests and benchmarks.
 *
 * `generateScenario({ accounts: 20, regions: 17, vpcsPerRegion: 10, seed: 7 })` gives the same
 * organisation every time for the same arguments: every account has VPCs in every region (the
 * first R of the 17 default regions), each with two subnets, a private route table holding one
 * of them, and an app security group. About half the VPCs request one peering (mostly in the
 * same region, some across regions and accounts); most are accepted with routes on both sides,
 * some stay pending, some are rejected or deleted, and the few whose CIDRs overlap fail. VPC
 * blocks are /20s from 10.0.0.0/8, a small share of them reused on purpose (overlaps happen in
 * real organisations). Estates of more than 4000 VPCs (up to 32000) get /23 blocks instead.
 */
import { seededRandom } from '../faults';
import { DEFAULT_REGIONS, zoneLettersOf } from '../regions';
import type { ScenarioInput, ScenarioSubnet } from './scenario';

/** The region's `n`th zone letter (ap-northeast-1 has no `b`). */
function zoneLetter(region: string, n: number): ScenarioSubnet['zone'] {
  return zoneLettersOf(region).charAt(n) as ScenarioSubnet['zone'];
}

/** Generator arguments (`--accounts N --regions R --vpcs-per-region V --seed S`). */
export interface GenerateOptions {
  readonly accounts: number;
  readonly regions: number;
  readonly vpcsPerRegion: number;
  readonly seed: number;
  /** Share of VPCs that request a peering (default 0.5). */
  readonly peeringRate?: number;
}

type PeeringStatus = 'active' | 'pending-acceptance' | 'rejected' | 'deleted';

/** Builds a scenario from the options; throws a readable error for impossible sizes. */
export function generateScenario(opts: GenerateOptions): ScenarioInput {
  const { accounts, regions, vpcsPerRegion, seed } = opts;
  const peeringRate = opts.peeringRate ?? 0.5;
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > 999) throw new Error('--accounts must be an integer from 1 to 999');
  if (!Number.isInteger(regions) || regions < 1 || regions > DEFAULT_REGIONS.length) {
    throw new Error(`--regions must be an integer from 1 to ${DEFAULT_REGIONS.length}`);
  }
  if (!Number.isInteger(vpcsPerRegion) || vpcsPerRegion < 0 || vpcsPerRegion > 100) throw new Error('--vpcs-per-region must be an integer from 0 to 100');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const total = accounts * regions * vpcsPerRegion;
  if (total > 32000) throw new Error(`${total} VPCs is more than the 32000 /23 blocks the generator draws from 10.0.0.0/8`);
  // Up to 4000 VPCs get /20 blocks (and /22 subnets); larger estates (200 accounts × 17 regions ×
  // 5 VPCs) get /23 blocks with /25 subnets, so that 10.0.0.0/8 still holds them all.
  const smallBlocks = total > 4000;

  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const regionList = DEFAULT_REGIONS.slice(0, regions);
  const acctIds = Array.from({ length: accounts }, (_, i) => String(100000000000 + (seed % 1000) * 1000 + i + 1).padStart(12, '0'));

  // /20 blocks of 10.0.0.0/8, shuffled; ~2% of VPCs reuse an earlier block.
  const blocks = smallBlocks
    ? Array.from({ length: 32768 }, (_, i) => `10.${i >> 7}.${(i & 127) << 1}.0/23`)
    : Array.from({ length: 4096 }, (_, i) => `10.${i >> 4}.${(i & 15) << 4}.0/20`);
  for (let i = blocks.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [blocks[i], blocks[j]] = [blocks[j] as string, blocks[i] as string];
  }
  let next = 0;

  const scenario: ScenarioInput = {
    name: `generated-a${accounts}-r${regions}-v${vpcsPerRegion}-s${seed}`,
    description: `Generated: ${accounts} accounts × ${regions} regions × ${vpcsPerRegion} VPCs (seed ${seed}).`,
    seed: `generated-${seed}`,
    // Organisations at this scale delete the default VPCs; the estate is what the generator makes.
    defaultVpcs: 'none',
    accounts: acctIds.map((id, i) => ({ id, profile: `gen-${String(i + 1).padStart(3, '0')}` })),
    vpcs: [],
    peerings: [],
  };
  const vpcs = scenario.vpcs as NonNullable<ScenarioInput['vpcs']>;
  const peerings = scenario.peerings as NonNullable<ScenarioInput['peerings']>;
  interface Made {
    key: string;
    account: string;
    region: string;
    cidr: string;
    mainRoutes: { destination: string; peering: string }[];
    /** An earlier VPC with the same block (a reused block); some of these pairs request a peering that fails. */
    overlapWith?: Made;
  }
  const firstWithBlock = new Map<string, Made>();
  const made: Made[] = [];
  acctIds.forEach((acct, ai) => {
    for (const region of regionList) {
      for (let v = 0; v < vpcsPerRegion; v++) {
        const reuse = next > 10 && rnd() < 0.02;
        const cidr = reuse ? (blocks[Math.floor(rnd() * next)] as string) : (blocks[next++] as string);
        const [a, b, c] = (cidr.split('/')[0] as string).split('.').map(Number) as [number, number, number];
        const key = `a${ai + 1}-${region}-v${v + 1}`;
        const entry: Made = { key, account: acct, region, cidr, mainRoutes: [] };
        const earlier = firstWithBlock.get(cidr);
        if (earlier) entry.overlapWith = earlier;
        else firstWithBlock.set(cidr, entry);
        made.push(entry);
        vpcs.push({
          key,
          account: acct,
          region,
          cidr,
          name: `${['app', 'db', 'web', 'batch', 'ml', 'api'][v % 6]}-${v + 1}`,
          tags: { Environment: pick(['prod', 'staging', 'dev']), Generated: 'true' },
          subnets: smallBlocks
            ? [
                { key: `${key}-s1`, cidr: `${a}.${b}.${c}.0/25`, zone: zoneLetter(region, 0) },
                { key: `${key}-s2`, cidr: `${a}.${b}.${c}.128/25`, zone: zoneLetter(region, 1) },
              ]
            : [
                { key: `${key}-s1`, cidr: `${a}.${b}.${c}.0/22`, zone: zoneLetter(region, 0) },
                { key: `${key}-s2`, cidr: `${a}.${b}.${c + 4}.0/22`, zone: zoneLetter(region, 1) },
              ],
          routeTables: [
            { key: `${key}-main`, main: true, routes: entry.mainRoutes },
            { key: `${key}-private`, name: 'private', subnets: [`${key}-s2`] },
          ],
          securityGroups: [
            {
              key: `${key}-sg`,
              name: 'app',
              description: 'Application tier',
              ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidr }],
            },
          ],
        });
      }
    }
  });

  const byRegion = new Map<string, Made[]>();
  for (const m of made) byRegion.set(m.region, [...(byRegion.get(m.region) ?? []), m]);
  const routeDests = new Map<string, Set<string>>();
  const addRoute = (from: Made, to: Made, peering: string): void => {
    const seen = routeDests.get(from.key) ?? new Set<string>();
    routeDests.set(from.key, seen);
    // Two peers may share a reused block; AWS refuses a second route to the same destination.
    if (seen.has(to.cidr)) return;
    seen.add(to.cidr);
    from.mainRoutes.push({ destination: to.cidr, peering });
  };
  const pairs = new Set<string>();
  const pendingPerAccount = new Map<string, number>();
  const overlaps = (x: string, y: string): boolean => x === y;
  for (const req of made) {
    if (rnd() >= peeringRate || made.length < 2) continue;
    let acc: Made | undefined;
    if (req.overlapWith && rnd() < 0.5) {
      const pair = [req.key, req.overlapWith.key].sort().join('|');
      if (!pairs.has(pair)) {
        pairs.add(pair);
        acc = req.overlapWith;
      }
    }
    for (let tries = 0; tries < 10 && !acc; tries++) {
      const sameRegion = rnd() < 0.8 || regions === 1;
      const c = pick(sameRegion ? (byRegion.get(req.region) as Made[]) : made);
      const pair = [req.key, c.key].sort().join('|');
      if (c !== req && (sameRegion || c.region !== req.region) && !pairs.has(pair)) {
        pairs.add(pair);
        acc = c;
      }
    }
    if (!acc) continue;
    const failed = overlaps(req.cidr, acc.cidr);
    const roll = rnd();
    let status: PeeringStatus = roll < 0.75 ? 'active' : roll < 0.87 ? 'pending-acceptance' : roll < 0.94 ? 'rejected' : 'deleted';
    const pending = pendingPerAccount.get(req.account) ?? 0;
    if (status === 'pending-acceptance' && pending >= 20) status = 'active';
    if (status === 'pending-acceptance') pendingPerAccount.set(req.account, pending + 1);
    const key = `pcx-${peerings.length + 1}`;
    peerings.push({ key, requester: req.key, accepter: acc.key, status: failed ? 'failed' : status, name: `${req.key}→${acc.key}` });
    if (!failed && (status === 'active' || status === 'deleted')) {
      addRoute(req, acc, key);
      addRoute(acc, req, key);
    }
  }
  return scenario;
}

/** Parses `generated:accounts=20,regions=17,vpcs=10,seed=7` (any order, all optional; `ous=N` or
 * `suspended=N` make it an organisation, see `generateOrganization`). */
export function parseGeneratedName(name: string): GenerateOptions & { ous?: number; suspended?: number } {
  const body = name.slice('generated'.length).replace(/^:/, '');
  const opts = { accounts: 3, regions: 3, vpcsPerRegion: 5, seed: 1 } as { -readonly [K in keyof GenerateOptions]: GenerateOptions[K] } & { ous?: number; suspended?: number };
  for (const part of body.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`Bad generated scenario part "${part}": expected key=number`);
    if (k === 'accounts') opts.accounts = n;
    else if (k === 'regions') opts.regions = n;
    else if (k === 'vpcs' || k === 'vpcs-per-region' || k === 'vpcsPerRegion') opts.vpcsPerRegion = n;
    else if (k === 'seed') opts.seed = n;
    else if (k === 'peering-rate') opts.peeringRate = n;
    else if (k === 'ous') opts.ous = n;
    else if (k === 'suspended') opts.suspended = n;
    else throw new Error(`Unknown generated scenario option "${k}" (use accounts, regions, vpcs, seed, peering-rate, and ous or suspended for an organisation)`);
  }
  return opts;
}

/** Organisation generator arguments: the estate's (`generateScenario`'s) and the tree's. */
export interface GenerateOrganizationOptions {
  /** Accounts one can sign in to (the first is the management account), 1 to 999. */
  readonly accounts: number;
  /** Organisational units, 0 to 1000 (default: about the square root of the accounts). */
  readonly ous?: number;
  /** Further accounts that exist only in the organisation, suspended (default: one per 50 accounts). */
  readonly suspended?: number;
  /** The estate in each account (default: one region, no VPCs). */
  readonly regions?: number;
  readonly vpcsPerRegion?: number;
  readonly peeringRate?: number;
  readonly seed?: number;
  /** Every Nth page of a listing is empty (default 3; 0: never). */
  readonly emptyPageEvery?: number;
}

const TOP_OU_NAMES = ['Infrastructure', 'Workloads', 'Security', 'Data', 'Sandbox', 'Platform', 'Shared', 'Policy staging'];

/**
 * An organisation of any size, the same for the same arguments: `generateScenario`'s accounts
 * and estate, the first account the management account (in the root), OUs as a tree (about the
 * square root of their number at the top, the others under an earlier OU chosen at random, so
 * the tree is a few levels deep), each account in an OU (one in twenty in the root) with an
 * account name and an IAM alias, and some suspended accounts that exist only in the
 * organisation. `generateOrganization({ accounts: 200, ous: 20, regions: 17, vpcsPerRegion: 5 })`.
 */
export function generateOrganization(opts: GenerateOrganizationOptions): ScenarioInput {
  const seed = opts.seed ?? 1;
  const ouCount = opts.ous ?? Math.round(Math.sqrt(opts.accounts));
  const suspended = opts.suspended ?? Math.floor(opts.accounts / 50);
  if (!Number.isInteger(ouCount) || ouCount < 0 || ouCount > 1000) throw new Error('--ous must be an integer from 0 to 1000');
  if (!Number.isInteger(suspended) || suspended < 0 || suspended > 999) throw new Error('--suspended must be an integer from 0 to 999');
  const estate = generateScenario({
    accounts: opts.accounts,
    regions: opts.regions ?? 1,
    vpcsPerRegion: opts.vpcsPerRegion ?? 0,
    seed,
    ...(opts.peeringRate === undefined ? {} : { peeringRate: opts.peeringRate }),
  });
  const rnd = seededRandom(seed * 7919 + 17);
  const top = Math.min(ouCount, Math.max(1, Math.round(Math.sqrt(ouCount))));
  const ous = Array.from({ length: ouCount }, (_, i) => {
    const key = `ou-${i + 1}`;
    if (i < top) return { key, name: TOP_OU_NAMES[i] ?? `Top ${i + 1}` };
    const parent = Math.floor(rnd() * i);
    return { key, name: `Unit ${i + 1}`, parent: `ou-${parent + 1}` };
  });
  const ouFor = (): string | undefined => (ouCount === 0 || rnd() < 0.05 ? undefined : `ou-${Math.floor(rnd() * ouCount) + 1}`);
  const members = estate.accounts.map((a, i) => {
    const ou = i === 0 ? undefined : ouFor();
    return {
      account: a.profile,
      ...(ou ? { ou } : {}),
      name: i === 0 ? 'Management' : `Account ${String(i + 1).padStart(3, '0')}`,
      alias: `org${seed}-${a.profile}`,
    };
  });
  const offline = Array.from({ length: suspended }, (_, i) => {
    const ou = ouFor();
    return { id: String(900000000000 + (seed % 1000) * 1000 + i + 1), ...(ou ? { ou } : {}), name: `Closed ${i + 1}`, status: 'SUSPENDED' as const };
  });
  // As in the demo: PeerscapeReadOnly everywhere and OrganizationAccountAccessRole in the members, both trusting the management account.
  const management = estate.accounts[0] as { id: string; profile: string };
  const accounts = estate.accounts.map((a) => ({
    ...a,
    roles: [
      { name: 'PeerscapeReadOnly', trust: [management.id], maxSessionDuration: 43200 },
      ...(a.id === management.id ? [] : [{ name: 'OrganizationAccountAccessRole', trust: [management.id] }]),
    ],
  }));
  return {
    ...estate,
    accounts,
    name: `${estate.name}-org-o${ouCount}-x${suspended}`,
    description: `${estate.description ?? ''} An organisation of ${opts.accounts + suspended} accounts (${suspended} suspended) in ${ouCount} OUs.`.trim(),
    organization: {
      management: management.profile,
      ous,
      accounts: [...members, ...offline],
      ...(opts.emptyPageEvery === undefined ? {} : { emptyPageEvery: opts.emptyPageEvery }),
    },
  };
}

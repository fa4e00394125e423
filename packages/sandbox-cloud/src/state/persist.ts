/** State files: the whole world as JSON-ready data, its check when read back, and the world
 * rebuilt from it. Each kind's list, its key and how it is saved and loaded come from the kinds'
 * registry, in registry order. */
import { KIND_LIST } from '../kinds';
import type { PeeringHold } from '../kinds/peering/records';
import type { KindRecord, KindTables, SandboxKind } from '../kinds/records';
import type { OrganizationRec } from '../organizations/records';
import type { DenyAction } from '../faults';
import type { SsoStore } from '../sso/records';
import type { InvitationRec, ResourceShareRec } from '../ram/records';
import type { AccountRec, SandboxSettings, SessionRec } from './records';
import { World } from './world';

/** Everything the sandbox knows; what `saveState` writes. */
export type WorldData = {
  format: 'peerscape-sandbox-state';
  version: 1;
  /** Scenario it was loaded from (for reset). */
  scenario: string;
  seed: string;
  idCounter: number;
  /** The second id sequence (absent from files written before it). */
  laterIdCounter?: number;
  ipv6Counter: number;
  settings: SandboxSettings;
  accounts: AccountRec[];
  sessions: SessionRec[];
  holds: PeeringHold[];
  /** AWS RAM's shares and invitations (absent from files written before RAM). */
  resourceShares?: ResourceShareRec[];
  resourceShareInvitations?: InvitationRec[];
  /** The AWS Organization (absent when there is none, and from files written before it). */
  organization?: OrganizationRec;
  /** Actions the scenario's policies refuse, and IAM Identity Center (absent from older files). */
  policyDenies?: DenyAction[];
  sso?: SsoStore;
  /** Scenario keys → ids (`vpc:<key>` → `vpc-…`), so tests and the app can find scenario resources. */
  refs?: Record<string, string>;
} & { [K in SandboxKind as KindTables[K]['stateKey']]: KindRecord<K>[] };

/** Checks that parsed JSON is a state file this version can load. */
export function assertWorldData(data: unknown, source: string): asserts data is WorldData {
  const d = data as Record<string, unknown> | null;
  const lists = ['accounts', 'sessions', ...KIND_LIST.filter((k) => !k.state.addedLater).map((k) => k.state.key), 'holds'];
  // Kinds added after state files began may be missing (an older file), but not damaged.
  const later = [...KIND_LIST.filter((k) => k.state.addedLater).map((k) => k.state.key), 'resourceShares', 'resourceShareInvitations'];
  if (!d || typeof d !== 'object' || d.format !== 'peerscape-sandbox-state') {
    throw new Error(`${source} is not a Peerscape sandbox state file (expected "format": "peerscape-sandbox-state").`);
  }
  if (d.version !== 1) throw new Error(`${source} has state version ${String(d.version)}; this sandbox reads version 1. Reset the sandbox to start over.`);
  for (const k of lists) if (!Array.isArray(d[k])) throw new Error(`${source} is damaged: "${k}" is not a list. Reset the sandbox to start over.`);
  for (const k of later) {
    if (d[k] !== undefined && !Array.isArray(d[k])) throw new Error(`${source} is damaged: "${k}" is not a list. Reset the sandbox to start over.`);
  }
}

/** A JSON-ready copy of the whole state. */
export function worldToData(world: World): WorldData {
  const data: Record<string, unknown> = {
    format: 'peerscape-sandbox-state',
    version: 1,
    scenario: world.scenario,
    seed: world.seed,
    idCounter: world.idCounter,
    laterIdCounter: world.laterIdCounter,
    ipv6Counter: world.ipv6Counter,
    settings: world.settings,
    accounts: [...world.accounts.values()],
    sessions: world.sessions,
  };
  for (const k of KIND_LIST) data[k.state.key] = k.state.dump(world);
  data.holds = world.holds;
  data.resourceShares = [...world.ram.shares.values()];
  data.resourceShareInvitations = [...world.ram.invitations.values()];
  if (world.organization) data.organization = world.organization;
  data.policyDenies = world.policyDenies;
  data.sso = world.sso;
  return structuredClone(data) as WorldData;
}

/** Rebuilds a world from saved data. */
export function worldFromData(data: WorldData, clock: () => number): World {
  const w = new World(clock, { scenario: data.scenario, seed: data.seed, settings: data.settings });
  const d = structuredClone(data);
  w.idCounter = d.idCounter;
  w.laterIdCounter = d.laterIdCounter ?? 0;
  w.ipv6Counter = d.ipv6Counter;
  for (const a of d.accounts) w.addAccount(a);
  for (const s of d.sessions) w.addSession(s);
  for (const k of KIND_LIST) k.state.load(w, (d as unknown as Record<string, KindRecord<SandboxKind>[] | undefined>)[k.state.key]);
  w.holds = d.holds;
  for (const s of d.resourceShares ?? []) w.ram.shares.set(s.arn, s);
  for (const i of d.resourceShareInvitations ?? []) w.ram.invitations.set(i.arn, i);
  w.organization = d.organization;
  w.policyDenies = d.policyDenies ?? [];
  w.sso = d.sso ?? { permissionSets: [], users: [] };
  return w;
}

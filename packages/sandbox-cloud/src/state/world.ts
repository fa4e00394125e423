/** The sandbox's world: every account's resources, indexed per account and region.
 *
 * State lives in plain records (each kind's `records.ts`) so it can be saved as JSON. Lookups go
 * through per account+region cells (what one EC2 endpoint in one account sees), which keep one
 * table per kind, and a global id index. Peerings are global (both sides see one record); each
 * cell lists the peerings it is a side of.
 *
 * Time comes from an injectable clock. Peering transitions that AWS makes on its own (expiry
 * after 7 days, initiating-request → pending-acceptance, provisioning → active, deleting →
 * deleted, disappearance of finished peerings) are applied lazily by `settle()`, at the moment
 * they were due, so a clock that jumps ahead gives the same result as one that ticks.
 */
import type { OrganizationRec } from '../organizations/records';
import type { DenyAction } from '../faults';
import { OUTSTANDING_STATUSES, type PeeringHold, type PeeringRec, type PeeringStatusCode } from '../kinds/peering/records';
import type { CellKind, KindRecord } from '../kinds/records';
import { RamStore } from '../ram/records';
import type { SsoStore } from '../sso/records';
import { Cell } from './cell';
import { DueHeap } from './due-heap';
import { mixId, seedWords, type SeedWords } from './ids';
import { DEFAULT_SETTINGS, type AccountRec, type CellRec, type SandboxSettings, type SessionRec } from './records';

export { Cell };

/** A resource found by id. */
export type AnyResource = { [K in CellKind]: { kind: K; rec: KindRecord<K> } }[CellKind];

/** A key the server accepts: an account's long-term key or an AssumeRole session. */
export interface KeyEntry {
  readonly accountId: string;
  readonly secretAccessKey: string;
  readonly account?: AccountRec;
  readonly session?: SessionRec;
}

/** The sandbox's whole state. */
export class World {
  readonly accounts = new Map<string, AccountRec>();
  readonly keys = new Map<string, KeyEntry>();
  readonly sessions: SessionRec[] = [];
  /** account id → region → cell. */
  private readonly cellIndex = new Map<string, Map<string, Cell>>();
  readonly byId = new Map<string, AnyResource>();
  /** Every record of a kind, whatever its cell: for the few calls that look across accounts. */
  private readonly kindIndex = new Map<CellKind, Map<string, CellRec>>();
  readonly peerings = new Map<string, PeeringRec>();
  readonly peeringsByVpc = new Map<string, Set<string>>();
  holds: PeeringHold[] = [];
  /** AWS RAM's resource shares and invitations. */
  readonly ram = new RamStore();
  /** The AWS Organization the accounts belong to, if any. */
  organization: OrganizationRec | undefined;
  /** Actions the scenario's policies refuse (service control policies, missing permissions). */
  policyDenies: DenyAction[] = [];
  /** IAM Identity Center: users' portal access tokens and their assignments. */
  sso: SsoStore = { permissionSets: [], users: [] };
  settings: SandboxSettings;
  scenario: string;
  seed: string;
  idCounter = 0;
  /** The second id sequence's counter (see `newLaterId`). */
  laterIdCounter = 0;
  ipv6Counter = 0;
  /** While a scenario loads, time can be set back (to let a request expire for real). */
  timeOverride: number | undefined;
  /** Requests each account has outstanding (initiating or pending), for the quota. */
  private readonly outstanding = new Map<string, Set<string>>();
  /** Lifecycle scheduler: due times in a heap, stale entries recognised by version. */
  private readonly heap = new DueHeap();
  private readonly versions = new Map<string, number>();

  constructor(
    readonly clock: () => number,
    opts: { scenario: string; seed: string; settings?: Partial<SandboxSettings> },
  ) {
    this.scenario = opts.scenario;
    this.seed = opts.seed;
    this.settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  }

  /** The current time (epoch ms). */
  now(): number {
    return this.timeOverride ?? this.clock();
  }

  /** A new id: `prefix-` and 17 hex digits, deterministic for a seed (`mixId`). */
  newId(prefix: string): string {
    if (this.idBlock) return this.blockId(prefix);
    return this.mixId(prefix, this.idCounter++);
  }

  /** While set, `newId` and `newLaterId` draw from this block (see `withAccountRegionIds`). */
  private idBlock: { next: number; end: number } | undefined;

  private blockId(prefix: string): string {
    const b = this.idBlock as { next: number; end: number };
    if (b.next >= b.end) throw new Error('the ids of an account and region are used up');
    return this.mixId(prefix, b.next++);
  }

  /**
   * Runs `make` with every new id drawn from a block of ids that belongs to the account and
   * region (in [2^30, 2^31), between the two sequences), so that what it makes has the same ids
   * whenever it is made: a default VPC made by the first call in a region gets the same ids
   * whichever call that is and whatever was made before it. Each block holds 64 ids.
   */
  withAccountRegionIds<T>(accountId: string, region: string, regionIndex: number, make: () => T): T {
    const accountIndex = [...this.accounts.keys()].indexOf(accountId);
    if (accountIndex < 0 || regionIndex < 0 || regionIndex >= 32) throw new Error(`no id block for ${accountId} in ${region}`);
    const start = 0x4000_0000 + (accountIndex * 32 + regionIndex) * 64;
    this.idBlock = { next: start, end: start + 64 };
    try {
      return make();
    } finally {
      this.idBlock = undefined;
    }
  }

  /**
   * A new id from a second sequence, for the kinds added after scenarios' ids were settled
   * (network ACLs, gateways, Elastic IPs): drawing them from `newId` would renumber every
   * resource a scenario makes after them. The sequences never meet (this one starts at 2^31).
   */
  newLaterId(prefix: string): string {
    if (this.idBlock) return this.blockId(prefix);
    return this.mixId(prefix, 0x8000_0000 + this.laterIdCounter++);
  }

  private mixId(prefix: string, n: number): string {
    this.seedWordsCache ??= seedWords(this.seed);
    return mixId(this.seedWordsCache, prefix, n);
  }

  private seedWordsCache: SeedWords | undefined;

  /** Registers an account with its long-term key. */
  addAccount(acct: AccountRec): void {
    this.accounts.set(acct.accountId, acct);
    this.keys.set(acct.accessKeyId, { accountId: acct.accountId, secretAccessKey: acct.secretAccessKey, account: acct });
  }

  /** Registers an AssumeRole session (and forgets sessions that expired over a day ago). */
  addSession(s: SessionRec): void {
    const cutoff = this.now() - 24 * 3_600_000;
    for (let i = this.sessions.length - 1; i >= 0; i--) {
      const old = this.sessions[i] as SessionRec;
      if (old.expiresAt < cutoff) {
        this.sessions.splice(i, 1);
        this.keys.delete(old.accessKeyId);
      }
    }
    this.sessions.push(s);
    this.keys.set(s.accessKeyId, { accountId: s.accountId, secretAccessKey: s.secretAccessKey, session: s });
  }

  /** Every cell that exists. */
  *cells(): IterableIterator<Cell> {
    for (const regions of this.cellIndex.values()) yield* regions.values();
  }

  /** The cell of an account and region, if anything ever happened there. */
  existingCell(accountId: string, region: string): Cell | undefined {
    return this.cellIndex.get(accountId)?.get(region);
  }

  /** The cell of an account and region, created on first use. */
  cell(accountId: string, region: string): Cell {
    let regions = this.cellIndex.get(accountId);
    if (!regions) {
      regions = new Map();
      this.cellIndex.set(accountId, regions);
    }
    let c = regions.get(region);
    if (!c) {
      c = new Cell(accountId, region);
      regions.set(region, c);
    }
    return c;
  }

  /** Adds a record of a cell kind to its owner's cell and the id index. */
  put<K extends CellKind>(kind: K, rec: KindRecord<K>): void {
    this.cell(rec.ownerId, rec.region).table(kind).set(rec.id, rec);
    this.byId.set(rec.id, { kind, rec } as AnyResource);
    let all = this.kindIndex.get(kind);
    if (!all) {
      all = new Map();
      this.kindIndex.set(kind, all);
    }
    all.set(rec.id, rec);
  }

  /** Every record of `kind` in every account and region. */
  ofKind<K extends CellKind>(kind: K): IterableIterator<KindRecord<K>> {
    return ((this.kindIndex.get(kind) as Map<string, KindRecord<K>> | undefined) ?? new Map<string, KindRecord<K>>()).values();
  }

  /** Removes a record of a cell kind by id. */
  remove(id: string): void {
    const r = this.byId.get(id);
    if (!r) return;
    this.byId.delete(id);
    this.kindIndex.get(r.kind)?.delete(id);
    this.cell(r.rec.ownerId, r.rec.region).table(r.kind).delete(id);
  }

  /** Adds a peering and indexes it under both sides. */
  putPeering(p: PeeringRec): void {
    this.peerings.set(p.id, p);
    this.cell(p.requester.ownerId, p.requester.region).peeringIds.add(p.id);
    this.cell(p.accepter.ownerId, p.accepter.region).peeringIds.add(p.id);
    for (const vpcId of [p.requester.vpcId, p.accepter.vpcId]) {
      let set = this.peeringsByVpc.get(vpcId);
      if (!set) {
        set = new Set();
        this.peeringsByVpc.set(vpcId, set);
      }
      set.add(p.id);
    }
    this.trackOutstanding(p);
    this.noteDue(p);
  }

  private dropPeering(p: PeeringRec): void {
    this.peerings.delete(p.id);
    this.existingCell(p.requester.ownerId, p.requester.region)?.peeringIds.delete(p.id);
    this.existingCell(p.accepter.ownerId, p.accepter.region)?.peeringIds.delete(p.id);
    this.outstanding.get(p.requester.ownerId)?.delete(p.id);
    this.versions.delete(p.id);
    this.peeringsByVpc.get(p.requester.vpcId)?.delete(p.id);
    this.peeringsByVpc.get(p.accepter.vpcId)?.delete(p.id);
  }

  /** Peerings (any status) that have `vpcId` as a side. */
  peeringsOfVpc(vpcId: string): PeeringRec[] {
    const ids = this.peeringsByVpc.get(vpcId);
    if (!ids) return [];
    const out: PeeringRec[] = [];
    for (const id of ids) {
      const p = this.peerings.get(id);
      if (p) out.push(p);
    }
    return out;
  }

  /** Re-examines every peering's due time (after a change of holds or settings). */
  scheduleNow(): void {
    this.heap.clear();
    for (const p of this.peerings.values()) this.noteDue(p);
  }

  /** How many requests the account has outstanding. */
  outstandingCount(accountId: string): number {
    return this.outstanding.get(accountId)?.size ?? 0;
  }

  private trackOutstanding(p: PeeringRec): void {
    let set = this.outstanding.get(p.requester.ownerId);
    if (!set) {
      set = new Set();
      this.outstanding.set(p.requester.ownerId, set);
    }
    if (OUTSTANDING_STATUSES.includes(p.status)) set.add(p.id);
    else set.delete(p.id);
  }

  // ---- peering lifecycle ------------------------------------------------------------------

  /** True when a hold keeps `p` in its current transient status. */
  isHeld(p: PeeringRec): boolean {
    return this.holds.some(
      (h) =>
        h.status === p.status &&
        (h.peeringId === p.id || (h.vpcId !== undefined && (h.vpcId === p.requester.vpcId || h.vpcId === p.accepter.vpcId))),
    );
  }

  /** Moves `p` to `status` at time `at`, recording how long each side may still see it. */
  transition(p: PeeringRec, status: PeeringStatusCode, at: number, message: string): void {
    p.status = status;
    p.statusAt = at;
    p.message = message;
    if (status !== 'pending-acceptance' && status !== 'initiating-request') delete p.expirationTime;
    this.trackOutstanding(p);
    this.noteDue(p);
  }

  /** Schedules `p` for its next due time (older entries for it become stale). */
  private noteDue(p: PeeringRec): void {
    const version = (this.versions.get(p.id) ?? 0) + 1;
    this.versions.set(p.id, version);
    const due = this.dueAt(p);
    if (due !== Infinity) this.heap.push({ due, id: p.id, version });
  }

  /** Until when the given side may see `p` (Infinity while it is live). */
  visibleUntil(p: PeeringRec, side: 'requester' | 'accepter'): number {
    const s = this.settings;
    const sameAccount = p.requester.ownerId === p.accepter.ownerId;
    switch (p.status) {
      case 'initiating-request':
        // The accepter learns of a request only once it is pending acceptance.
        return side === 'requester' ? Infinity : -Infinity;
      case 'pending-acceptance':
      case 'provisioning':
      case 'active':
      case 'deleting':
        return Infinity;
      case 'failed':
        // "visible to the requester for 2 hours" (VPC peering lifecycle).
        return side === 'requester' ? p.statusAt + s.failedVisibleMs : -Infinity;
      case 'expired':
        return p.statusAt + s.expiredVisibleMs;
      case 'rejected':
        if (sameAccount) return p.statusAt + s.sameAccountFinishedVisibleMs;
        return p.statusAt + (side === 'requester' ? s.rejectedRequesterVisibleMs : s.rejectedAccepterVisibleMs);
      case 'deleted': {
        if (sameAccount) return p.statusAt + s.sameAccountFinishedVisibleMs;
        const owner = side === 'requester' ? p.requester.ownerId : p.accepter.ownerId;
        return p.statusAt + (owner === p.deletedBy ? s.deletedByDeleterVisibleMs : s.deletedOtherSideVisibleMs);
      }
    }
  }

  /** True when the account sees `p` from `region` right now. */
  isPeeringVisibleTo(p: PeeringRec, accountId: string, region: string, now: number): boolean {
    if (p.requester.ownerId === accountId && p.requester.region === region && now < this.visibleUntil(p, 'requester')) {
      return true;
    }
    return p.accepter.ownerId === accountId && p.accepter.region === region && now < this.visibleUntil(p, 'accepter');
  }

  /** The peering as seen from the account and region, if it sees it. */
  visiblePeering(id: string, accountId: string, region: string): PeeringRec | undefined {
    const p = this.peerings.get(id);
    return p && this.isPeeringVisibleTo(p, accountId, region, this.now()) ? p : undefined;
  }

  /** The next time `p` changes on its own, or Infinity. */
  private dueAt(p: PeeringRec): number {
    const s = this.settings;
    switch (p.status) {
      case 'initiating-request':
        return this.isHeld(p) ? Infinity : p.statusAt + s.initiatingRequestMs;
      case 'pending-acceptance':
        return p.expirationTime ?? Infinity;
      case 'provisioning':
        return this.isHeld(p) ? Infinity : p.statusAt + s.provisioningMs;
      case 'deleting':
        return this.isHeld(p) ? Infinity : p.statusAt + s.deletingMs;
      case 'active':
        return Infinity;
      default:
        return Math.max(this.visibleUntil(p, 'requester'), this.visibleUntil(p, 'accepter'));
    }
  }

  /** Applies every transition that is due by now; cheap when nothing is. */
  settle(): void {
    const now = this.now();
    for (let top = this.heap.peek(); top && top.due <= now; top = this.heap.peek()) {
      this.heap.pop();
      if (this.versions.get(top.id) !== top.version) continue;
      const p = this.peerings.get(top.id);
      if (!p) continue;
      // step() moves p on and reschedules it through transition(); a false means it is gone.
      if (!this.step(p, top.due)) this.dropPeering(p);
    }
  }

  /** Applies the transition of `p` that was due at `at`; false when `p` should disappear. */
  private step(p: PeeringRec, at: number): boolean {
    switch (p.status) {
      case 'initiating-request':
        if (p.failReason) this.transition(p, 'failed', at, p.failReason);
        else this.transition(p, 'pending-acceptance', at, `Pending Acceptance by ${p.accepter.ownerId}`);
        return true;
      case 'pending-acceptance':
        this.transition(p, 'expired', at, 'Expired');
        return true;
      case 'provisioning':
        this.transition(p, 'active', at, 'Active');
        return true;
      case 'deleting':
        this.transition(p, 'deleted', at, `Deleted by ${p.deletedBy ?? p.requester.ownerId}`);
        return true;
      default:
        return false;
    }
  }
}

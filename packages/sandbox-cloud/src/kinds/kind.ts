/** What a resource kind tells the rest of the sandbox: the shape of each `kinds/<kind>/kind.ts`,
 * and the defaults for kinds kept in a table per account+region cell. */
import type { IdSpec } from '../errors';
import type { ActionEntry, CallContext, SecurityGroupDeleteHook, SubnetDeleteHook, VpcDeleteHook } from '../ec2/context';
import type { TagMap } from '../state/records';
import type { World } from '../state/world';
import type { CellKind, KindRecord, KindTables, SandboxKind, StateKey, TaggableType } from './records';

/** One tagged resource the caller sees, for DescribeTags. */
export interface TaggedResource {
  readonly id: string;
  readonly tags: TagMap | undefined;
}

/** A resource kind's definition, listed once in `kinds/index.ts`. */
export interface KindDef<K extends SandboxKind> {
  /** Its id form and how AWS spells its not-found and malformed errors. */
  readonly ids: IdSpec;
  /** Its `ResourceType` in tag specifications and DescribeTags. */
  readonly tagType: KindTables[K]['tagType'];
  /** Its EC2 actions, by action name (every action belongs to exactly one kind or service). */
  readonly actions: Readonly<Record<string, ActionEntry>>;
  /** Its part in DeleteVpc, if it has one: refusing while it holds the VPC, going along with it. */
  readonly onVpcDelete?: VpcDeleteHook;
  /** Its part in DeleteSubnet, if it has one. */
  readonly onSubnetDelete?: SubnetDeleteHook;
  /** Its part in DeleteSecurityGroup, if it has one: refusing while it uses the group. */
  readonly onSecurityGroupDelete?: SecurityGroupDeleteHook;
  /** Its list in a state file: the key, what is saved, and how a saved list is put back. */
  readonly state: {
    readonly key: StateKey<K>;
    /** True for a kind added after state files began: a file may lack its list. */
    readonly addedLater?: boolean;
    dump(world: World): KindRecord<K>[];
    /** Puts a saved list back; `undefined` for a file written before the kind existed, which the
     * kind may fill in with what AWS would have made meanwhile. */
    load(world: World, records: readonly KindRecord<K>[] | undefined): void;
  };
  /** Tags: those of one of the caller's resources (undefined when the caller has no such
   * resource here), and every resource the caller sees here, for DescribeTags. */
  readonly tags: {
    of(ctx: CallContext, id: string): TagMap | undefined;
    seen(ctx: CallContext): Iterable<TaggedResource>;
  };
  /** Resources kept inside this kind's records that have ids and tags of their own (a security
   * group's rules): the tag actions find them by their id prefix as they find kinds. */
  readonly taggedParts?: readonly TaggedPart[];
}

/** A resource kept inside another kind's records, with its own id form and tags. */
export interface TaggedPart {
  readonly ids: IdSpec;
  readonly tagType: TaggableType;
  readonly tags: KindDef<SandboxKind>['tags'];
}

/** How a kind kept in a table per cell is saved, loaded and tagged: every cell's table in turn.
 * A kind `addedLater` may give `fillIn`, run when a file predates it; and `complete`, run after
 * its list is back whether or not the file had one, for records of its kind that a file written
 * before the kind took them over names elsewhere (the kinds listed before it are back by then). */
export function cellTable<K extends CellKind>(
  kind: K,
  key: StateKey<K>,
  opts: { addedLater?: boolean; fillIn?: (world: World) => void; complete?: (world: World) => void } = {},
): Pick<KindDef<K>, 'state' | 'tags'> {
  return {
    state: {
      key,
      ...(opts.addedLater ? { addedLater: true } : {}),
      dump: (world) => [...world.cells()].flatMap((c) => [...c.table(kind).values()]),
      load: (world, records) => {
        if (records === undefined) opts.fillIn?.(world);
        for (const r of records ?? []) world.put(kind, r);
        opts.complete?.(world);
      },
    },
    tags: {
      of: (ctx, id) => {
        const r = ctx.world.byId.get(id);
        return r && r.kind === kind && r.rec.ownerId === ctx.accountId && r.rec.region === ctx.region ? r.rec.tags : undefined;
      },
      seen: (ctx) => ctx.cell.table(kind).values(),
    },
  };
}

/** One account's view of one region: the unit the world indexes its records by. */
import type { CellKind, KindRecord } from '../kinds/records';
import type { CellRec } from './records';

/** What one account sees in one region: a table of records per kind. */
export class Cell {
  private readonly byKind = new Map<CellKind, Map<string, CellRec>>();
  /** Peerings this cell is the requester or accepter side of. */
  readonly peeringIds = new Set<string>();

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}

  /** The cell's records of one kind, by id (the table appears on first use). */
  table<K extends CellKind>(kind: K): Map<string, KindRecord<K>> {
    let t = this.byKind.get(kind);
    if (!t) {
      t = new Map();
      this.byKind.set(kind, t);
    }
    return t as Map<string, KindRecord<K>>;
  }
}

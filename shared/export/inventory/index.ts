/** The inventory tables as plain rows, listed once: each table kind lives in its own file here,
 * and this registry is the one line that adds it to the CSV files, the Markdown report, the API's
 * and the CLI's table choices.
 *
 * Markdown and CSV print the same rows, so the two never disagree.
 */
import type { ExportDocument } from '../export-document';
import { cidrConflicts } from './cidr-conflicts';
import { nonTransitivePairs } from './non-transitive-pairs';
import { peerings } from './peerings';
import { routeGaps } from './route-gaps';
import type { InventoryKind, InventoryTable } from './table';
import { inventoryContext } from './table';
import { tgwAttachments } from './tgw-attachments';
import { tgwPeerings } from './tgw-peerings';
import { transitGateways } from './transit-gateways';
import { vpcs } from './vpcs';

export type { InventoryContext, InventoryKind, InventoryTable } from './table';

/** Every inventory table kind, in report order. */
export const INVENTORY_KINDS = {
  vpcs,
  peerings,
  routeGaps,
  cidrConflicts,
  nonTransitivePairs,
  transitGateways,
  tgwAttachments,
  tgwPeerings,
} as const satisfies Record<string, InventoryKind<string>>;

/** One inventory table's name. */
export type InventoryTableName = keyof typeof INVENTORY_KINDS;

/** Names of the inventory tables, in report order. */
export const INVENTORY_TABLES = Object.keys(INVENTORY_KINDS) as [InventoryTableName, ...InventoryTableName[]];

/** The column keys of one table kind. */
type ColumnKey<T> = T extends InventoryKind<infer K> ? K : never;

/** Every inventory table. */
export type Inventory = { readonly [T in InventoryTableName]: InventoryTable<ColumnKey<(typeof INVENTORY_KINDS)[T]>> };

/** The file-name suffix of each table's CSV file (`inventory.vpcs.csv`). */
export const CSV_TABLE_FILE_SUFFIX = Object.fromEntries(INVENTORY_TABLES.map((t) => [t, INVENTORY_KINDS[t].csvSuffix])) as Readonly<Record<InventoryTableName, string>>;

/** The tables the document has anything for (`appliesTo`), in report order. */
export function applicableTables(doc: ExportDocument): readonly InventoryTableName[] {
  return INVENTORY_TABLES.filter((t) => (INVENTORY_KINDS[t] as InventoryKind<string>).appliesTo?.(doc) ?? true);
}

/** Build every inventory table of the document. */
export function buildInventory(doc: ExportDocument): Inventory {
  const ctx = inventoryContext(doc);
  return Object.fromEntries(INVENTORY_TABLES.map((t) => [t, { columns: INVENTORY_KINDS[t].columns, rows: INVENTORY_KINDS[t].rows(ctx) }])) as unknown as Inventory;
}

/** The inventory as CSV: one file per table.
 *
 * One table per file, each with its own header row, because that is what spreadsheets handle
 * best: Excel, LibreOffice and Google Sheets open a CSV as one sheet, and filters, pivots and
 * sorting need one header and one kind of row per sheet (a single file with a `table` column
 * would mix five column sets). RFC 4180: comma, CRLF, double quotes doubled. A UTF-8 byte order
 * mark lets Excel read names with accents correctly (Sheets and LibreOffice ignore it).
 */
import type { ExportDocument } from './export-document';
import type { Inventory, InventoryTable, InventoryTableName } from './inventory';
import { buildInventory, INVENTORY_TABLES } from './inventory';

/** The file-name suffix of each table (`inventory.vpcs.csv`). */
export const CSV_TABLE_FILE_SUFFIX: Readonly<Record<InventoryTableName, string>> = {
  vpcs: 'vpcs',
  peerings: 'peerings',
  routeGaps: 'route-gaps',
  cidrConflicts: 'cidr-conflicts',
  nonTransitivePairs: 'non-transitive-pairs',
};

/** One inventory table as CSV text. */
export function exportCsv(doc: ExportDocument, table: InventoryTableName, inventory: Inventory = buildInventory(doc)): string {
  return toCsv(inventory[table] as InventoryTable<string>);
}

/** Every inventory table as CSV text, by table name. */
export function exportCsvTables(doc: ExportDocument): Readonly<Record<InventoryTableName, string>> {
  const inventory = buildInventory(doc);
  return Object.fromEntries(INVENTORY_TABLES.map((t) => [t, exportCsv(doc, t, inventory)])) as Record<InventoryTableName, string>;
}

/** A table as RFC 4180 CSV with a BOM. */
export function toCsv(table: InventoryTable<string>): string {
  const lines = [table.columns.map((c) => csvCell(c.title)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key] ?? '')).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/**
 * One CSV field. Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
 * start: OWASP "CSV Injection") gets a leading apostrophe, since names and tags come from
 * whoever can tag a VPC.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

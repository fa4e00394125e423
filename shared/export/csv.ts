/** The inventory as CSV: one file per table.
 *
 * One table per file, each with its own header row, because that is what spreadsheets handle
 * best: Excel, LibreOffice and Google Sheets open a CSV as one sheet, and filters, pivots and
 * sorting need one header and one kind of row per sheet (a single file with a `table` column
 * would mix five column sets). Every cell goes through the CSV encoders (syntax/csv.ts): RFC
 * 4180 quoting, formulas neutralised, a byte order mark for Excel.
 */
import type { ExportDocument } from './export-document';
import type { Inventory, InventoryTable, InventoryTableName } from './inventory';
import { applicableTables, buildInventory } from './inventory';
import { csvCell, csvFile, csvRow } from './syntax/csv';

/** The file-name suffix of each table (`inventory.vpcs.csv`). */
export { CSV_TABLE_FILE_SUFFIX } from './inventory';

/** One inventory table as CSV text. */
export function exportCsv(doc: ExportDocument, table: InventoryTableName, inventory: Inventory = buildInventory(doc)): string {
  return toCsv(inventory[table] as InventoryTable<string>);
}

/** Every inventory table the document has anything for (`applicableTables`) as CSV text, by table name, in report order. */
export function exportCsvTables(doc: ExportDocument): Readonly<Partial<Record<InventoryTableName, string>>> {
  const inventory = buildInventory(doc);
  return Object.fromEntries(applicableTables(doc).map((t) => [t, exportCsv(doc, t, inventory)])) as Partial<Record<InventoryTableName, string>>;
}

/** A table as RFC 4180 CSV with a BOM. */
export function toCsv(table: InventoryTable<string>): string {
  return csvFile([csvRow(table.columns.map((c) => csvCell(c.title))), ...table.rows.map((row) => csvRow(table.columns.map((c) => csvCell(row[c.key] ?? ''))))]);
}

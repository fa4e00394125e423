/** What one inventory table is: its columns, how its rows come from the document, and how the
 * CSV file and the Markdown report name and introduce it. Each table kind fills one of these in
 * its own file; the registry in `index.ts` lists them once.
 */
import type { VpcId } from '../../model/ids';
import type { PeeringSide } from '../../model/topology';
import type { ExportDocument } from '../export-document';
import { accountLabel, findAccount } from '../labels';
import type { Encoded } from '../syntax/encoded';

/** A table's column keys and header words, in order. */
export interface InventoryTable<K extends string> {
  readonly columns: readonly { readonly key: K; readonly title: string }[];
  readonly rows: readonly Readonly<Record<K, string>>[];
}

/** What a table's rows are built from: the document and the labels every table shares. */
export interface InventoryContext {
  readonly doc: ExportDocument;
  /** A VPC as `name (id)`, or its id when it has no name or is unknown. */
  readonly vpcLabel: (id: VpcId) => string;
  /** The account of one side of a peering, as alias and id. */
  readonly sideAccount: (side: PeeringSide) => string;
}

/** One inventory table kind. */
export interface InventoryKind<K extends string> {
  /** The table's name in the user's words (the export dialog's choice). */
  readonly label: string;
  readonly columns: InventoryTable<K>['columns'];
  readonly rows: (ctx: InventoryContext) => InventoryTable<K>['rows'];
  /** The file-name suffix of its CSV file (`inventory.vpcs.csv`). */
  readonly csvSuffix: string;
  /**
   * Whether the document has anything for this table; a table that says no is left out of the
   * Markdown report and the set of CSV files (a peering-only estate gets no empty transit gateway
   * tables). Absent: always.
   */
  readonly appliesTo?: (doc: ExportDocument) => boolean;
  /** Its section of the Markdown report. */
  readonly markdown: {
    readonly heading: Encoded<'markdown'>;
    /** A paragraph under the heading. */
    readonly intro?: Encoded<'markdown'>;
    /** What the section says when the table has no rows. */
    readonly empty: string;
    /** Columns printed as code spans (ids and CIDRs). */
    readonly code?: readonly K[];
  };
}

/** The shared labels of one document. */
export function inventoryContext(doc: ExportDocument): InventoryContext {
  const vpcById = new Map(doc.topology.vpcs.map((v) => [v.id, v]));
  return {
    doc,
    vpcLabel: (id) => {
      const v = vpcById.get(id);
      return v?.name ? `${v.name} (${id})` : id;
    },
    sideAccount: (s) => accountLabel(findAccount(doc, s.accountId), s.accountId),
  };
}

/**
 * CSV and Markdown inventories of a snapshot whose every name, tag, alias and region is hostile,
 * read back by independent readers: a strict RFC 4180 reader (test/support/csv-reader.ts) and
 * marked's GFM lexer. Each table must keep its columns and rows, every cell must read back as
 * the data (hidden characters shown as `<U+XXXX>`), no CSV cell may start a formula, and no
 * Markdown cell may bring in HTML, links or emphasis.
 */
import fc from 'fast-check';
import type { Token, Tokens } from 'marked';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';

import { exportCsvTables } from '../../../shared/export/csv';
import type { ExportDocument } from '../../../shared/export/export-document';
import { buildExportDocument } from '../../../shared/export/export-document';
import type { InventoryTable } from '../../../shared/export/inventory';
import { applicableTables, buildInventory, INVENTORY_TABLES } from '../../../shared/export/inventory';
import { exportMarkdown } from '../../../shared/export/markdown';
import { exportMermaid } from '../../../shared/export/mermaid';
import type { Snapshot } from '../../../shared/model/snapshot';
import { readCsvStrict } from '../../support/csv-reader';
import { buildHostileSnapshot, HIDDEN_CHARS, hostileString, hostileText, unreveal } from '../../support/fixtures/hostile';

function documentOf(snapshot: Snapshot, title = hostileText('title', 9)): ExportDocument {
  const d = buildExportDocument(snapshot, { title });
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
}

/** `snapshot` with one VPC renamed, one account alias and one peering's status message replaced by `text`. */
function withText(snapshot: Snapshot, text: string): Snapshot {
  const t = snapshot.topology;
  return {
    ...snapshot,
    topology: {
      ...t,
      vpcs: t.vpcs.map((v) => (v.id === 'vpc-0b21' ? { ...v, name: text } : v)),
      accounts: t.accounts.map((a) => (a.id === '333333333333' ? { ...a, alias: text } : a)),
      peerings: t.peerings.map((p) => (p.id === 'pcx-0005' ? { ...p, statusMessage: text } : p)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

function checkCsv(doc: ExportDocument): void {
  const inventory = buildInventory(doc);
  const tables = exportCsvTables(doc);
  for (const name of applicableTables(doc)) {
    const table = inventory[name] as InventoryTable<string>;
    const records = readCsvStrict(tables[name]!);
    expect(records, name).toHaveLength(table.rows.length + 1);
    expect(records[0]).toEqual(table.columns.map((c) => c.title));
    records.slice(1).forEach((record, i) => {
      expect(record, `${name} row ${i + 1}`).toHaveLength(table.columns.length);
      table.columns.forEach((c, j) => {
        const cell = record[j]!;
        // No cell starts what a spreadsheet runs as a formula.
        expect(/^[=+\-@\t\r]/.test(cell), `${name}.${c.key}: ${JSON.stringify(cell.slice(0, 20))}`).toBe(false);
        // Neutralised text is the data behind one apostrophe; all of it reads back as the data.
        const raw = table.rows[i]![c.key] ?? '';
        const text = /^'([\t\r\n]| *[=+\-@])/.test(cell) ? cell.slice(1) : cell;
        expect(HIDDEN_CHARS.test(text.replace(/[\t\r\n]/g, '')), `${name}.${c.key} hides a character`).toBe(false);
        expect(unreveal(text), `${name}.${c.key}`).toBe(raw);
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Every token of a token tree, inline tokens and table cells included. */
function* allTokens(tokens: readonly Token[]): Generator<Token> {
  for (const t of tokens) {
    yield t;
    if ('tokens' in t && t.tokens) yield* allTokens(t.tokens);
    if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) yield* allTokens(cell.tokens);
    }
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The text a cell shows: its inline tokens' text with entities decoded; code spans as written. */
function cellText(cell: Tokens.TableCell): string {
  return cell.tokens
    .map((t) => {
      expect(['text', 'escape', 'codespan'], `${t.type} in a cell: ${t.raw}`).toContain(t.type);
      return (t as Tokens.Text).text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!);
    })
    .join('');
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

function checkMarkdown(doc: ExportDocument): void {
  const inventory = buildInventory(doc);
  const tokens = marked.lexer(exportMarkdown(doc));
  // No HTML, link or emphasis anywhere: the data brought none in.
  for (const t of allTokens(tokens)) expect(['html', 'link', 'image', 'em', 'strong', 'del'], `${t.type}: ${t.raw.slice(0, 40)}`).not.toContain(t.type);
  const heading = tokens.find((t): t is Tokens.Heading => t.type === 'heading')!;
  expect(unreveal(heading.tokens.map((t) => (t as Tokens.Text).text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!)).join(''))).toBe(
    trimSpaces(`VPC peering inventory: ${doc.title}`.replace(/\t/g, ' ')),
  );
  // The diagram's fence holds exactly the mermaid source.
  const code = tokens.filter((t): t is Tokens.Code => t.type === 'code');
  expect(code.map((c) => [c.lang, c.text])).toEqual([['mermaid', exportMermaid(doc).trimEnd()]]);
  // One table per non-empty inventory table, in order, each with its columns and rows.
  const tables = tokens.filter((t): t is Tokens.Table => t.type === 'table');
  const expected = INVENTORY_TABLES.map((n) => inventory[n] as InventoryTable<string>).filter((t) => t.rows.length > 0);
  expect(tables).toHaveLength(expected.length);
  tables.forEach((table, k) => {
    const want = expected[k]!;
    expect(table.header.map((h) => h.text)).toEqual(want.columns.map((c) => c.title));
    expect(table.rows).toHaveLength(want.rows.length);
    table.rows.forEach((row, i) => {
      expect(row).toHaveLength(want.columns.length);
      want.columns.forEach((c, j) => {
        const raw = want.rows[i]![c.key] ?? '';
        const shown = cellText(row[j]!);
        expect(HIDDEN_CHARS.test(shown), `${c.key} hides a character`).toBe(false);
        // GFM trims a cell's spaces; a tab is shown as a space; an empty value as a dash.
        expect(unreveal(shown), `${c.key} of row ${i + 1}`).toBe(raw === '' ? '—' : trimSpaces(raw.replace(/\t/g, ' ')));
      });
    });
  });
}

describe('inventories of hostile data', () => {
  const doc = documentOf(buildHostileSnapshot({ regions: true }));
  const withNul = documentOf(buildHostileSnapshot({ regions: true, nul: true }));

  it('CSV: a strict RFC 4180 reader finds every table, row and cell, and no cell starts a formula', () => {
    checkCsv(doc);
    checkCsv(withNul);
  });

  it('Markdown: every table keeps its columns and rows, every cell shows the data, no HTML gets in', () => {
    checkMarkdown(doc);
    checkMarkdown(withNul);
  });

  it('both hold for random hostile text', () => {
    const base = buildHostileSnapshot();
    fc.assert(
      fc.property(hostileString, (text) => {
        const d = documentOf(withText(base, text), text);
        checkCsv(d);
        checkMarkdown(d);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});

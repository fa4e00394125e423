import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { exportCsvTables } from '../../../shared/export/csv';
import { csvCell } from '../../../shared/export/syntax/csv';
import { INVENTORY_TABLES } from '../../../shared/export/inventory';
import type { InventoryTableName } from '../../../shared/export/inventory';
import { reviewDocument } from './review-doc';

/** Python's csv module (RFC 4180 dialect `excel`) is the independent reader. */
function readCsv(text: string): string[][] {
  const r = spawnSync('python3', ['-c', 'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode("utf-8-sig"), newline="")))))'], {
    input: text,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}

describe('exportCsvTables', () => {
  const tables = exportCsvTables(reviewDocument());

  it('writes one table per file, each read back by a CSV parser with one header', () => {
    // The review estate has no transit gateway: their three tables are left out, not written empty.
    expect(Object.keys(tables)).toEqual(INVENTORY_TABLES.filter((t) => !['transitGateways', 'tgwAttachments', 'tgwPeerings'].includes(t)));
    for (const name of Object.keys(tables) as InventoryTableName[]) {
      const text = tables[name]!;
      const rows = readCsv(text);
      expect(rows.length, name).toBeGreaterThan(1);
      for (const r of rows) expect(r.length, name).toBe(rows[0]!.length);
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text).toContain('\r\n');
    }
  });

  it('lists every VPC with all its CIDRs, and peerings with both sides’ routes', () => {
    const vpcs = readCsv(tables.vpcs!);
    expect(vpcs[0]).toEqual(['Account', 'Account name', 'Account alias', 'Account OU', 'Region', 'Name', 'VPC id', 'Primary CIDR', 'Secondary CIDRs', 'IPv6 CIDRs', 'Scanned']);
    expect(vpcs).toContainEqual(['111111111111', 'Network hub', 'network-hub', 'Infrastructure/Network', 'eu-west-1', 'shared-services', 'vpc-0a11', '10.0.0.0/16', '100.64.0.0/20', '2a05:d018:1000::/56', 'yes']);
    // An account directly in the root says so; one no organisation scan read has no OU.
    expect(vpcs.find((r) => r[0] === '222222222222')?.[3]).toBe('Root');
    expect(vpcs).toContainEqual(['333333333333', '', 'analytics', '', 'eu-west-1', 'lab "old" <R&D>', 'vpc-0c32', '10.20.128.0/20', '', '', 'yes']);
    const peerings = readCsv(tables.peerings!);
    const h = peerings[0]!;
    const p3 = peerings.find((r) => r[0] === 'pcx-0003')!;
    expect([p3[h.indexOf('Requester routes')], p3[h.indexOf('Accepter routes')]]).toEqual(['complete', 'none']);
    expect(readCsv(tables.cidrConflicts!)[1]![2]).toBe('10.20.0.0/16 ∩ 10.20.128.0/20');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});

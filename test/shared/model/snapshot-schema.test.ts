/** parseSnapshot's refusals: what kind of problem, in sentences that never echo raw bytes or long excerpts. */
import { describe, expect, it } from 'vitest';

import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import { TOPOLOGY_SCHEMA_VERSION } from '../../../shared/model/topology';
import { buildAnalysisSnapshot } from '../../support/fixtures/analysis-snapshot';

// eslint-disable-next-line no-control-regex -- the characters a message must never carry raw
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function refusal(text: string): { kind: string; problems: readonly string[] } {
  const r = parseSnapshot(text);
  if (r.ok) throw new Error('parsed');
  return { kind: r.kind, problems: r.problems };
}

describe('parseSnapshot', () => {
  it('reads a snapshot, with or without a byte-order mark', () => {
    const text = JSON.stringify(buildAnalysisSnapshot());
    expect(parseSnapshot(text).ok).toBe(true);
    expect(parseSnapshot(`\uFEFF${text}`).ok).toBe(true);
  });

  it("keeps an account's Organizations name beside its alias, opens snapshots without one, and refuses a name that is not text", () => {
    const base = buildAnalysisSnapshot();
    const [first, ...rest] = base.topology.accounts;
    if (!first) throw new Error('the fixture has accounts');
    const named = { ...base, topology: { ...base.topology, accounts: [{ ...first, name: 'Network', alias: 'example-network' }, ...rest] } };
    const r = parseSnapshot(JSON.stringify(named));
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.snapshot.topology.accounts[0]).toMatchObject({ name: 'Network', alias: 'example-network' });
    const old = parseSnapshot(JSON.stringify(base));
    expect(old.ok && old.snapshot.topology.accounts[0]).not.toHaveProperty('name');
    const bad = { ...base, topology: { ...base.topology, accounts: [{ ...first, name: 42 }, ...rest] } };
    expect(refusal(JSON.stringify(bad)).problems[0]).toMatch(/^topology\.accounts\.0\.name: /);
  });

  it("keeps an account's OU path, the root's empty one too, and refuses one that is not text", () => {
    const base = buildAnalysisSnapshot();
    const [first, second, ...rest] = base.topology.accounts;
    if (!first || !second) throw new Error('the fixture has two accounts');
    const placed = { ...base, topology: { ...base.topology, accounts: [{ ...first, ouPath: 'Workloads/Production' }, { ...second, ouPath: '' }, ...rest] } };
    const r = parseSnapshot(JSON.stringify(placed));
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.snapshot.topology.accounts.slice(0, 2).map((a) => a.ouPath)).toEqual(['Workloads/Production', '']);
    const bad = { ...base, topology: { ...base.topology, accounts: [{ ...first, ouPath: ['Workloads'] }, second, ...rest] } };
    expect(refusal(JSON.stringify(bad)).problems[0]).toMatch(/^topology\.accounts\.0\.ouPath: /);
  });

  it('calls binary data binary, without quoting it', () => {
    const r = refusal('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR');
    expect(r).toEqual({ kind: 'binary', problems: ['it holds binary data (an image, an archive, …), not JSON text'] });
  });

  it('says where text stops being JSON, and never quotes it', () => {
    expect(refusal('')).toEqual({ kind: 'not-json', problems: ['it is empty'] });
    expect(refusal('{"a": 1,\n  oops')).toEqual({ kind: 'not-json', problems: ['it is not JSON (the text stops being JSON at line 2, column 3)'] });
    expect(refusal(`secret-${'y'.repeat(1000)}`).problems[0]).toBe('it is not JSON text');
    expect(refusal('{"a": [1, 2').problems[0]).toContain('the text ends in the middle of a JSON document');
  });

  it('asks for a newer Peerscape for a newer schema, and keeps the old message for older or odd versions', () => {
    const snapshot = buildAnalysisSnapshot();
    expect(refusal(JSON.stringify({ ...snapshot, schemaVersion: TOPOLOGY_SCHEMA_VERSION + 1 }))).toEqual({
      kind: 'newer-schema',
      problems: [`it was written by a newer Peerscape (schemaVersion ${TOPOLOGY_SCHEMA_VERSION + 1}; this one reads versions 1 to ${TOPOLOGY_SCHEMA_VERSION}): upgrade Peerscape to open it`],
    });
    expect(refusal(JSON.stringify({ ...snapshot, schemaVersion: 0 }))).toEqual({
      kind: 'unsupported-schema',
      problems: [`schemaVersion 0 is not supported (this Peerscape reads versions 1 to ${TOPOLOGY_SCHEMA_VERSION}); rescan to make a new snapshot`],
    });
    const odd = refusal(JSON.stringify({ ...snapshot, schemaVersion: { v: `\u202e${'z'.repeat(5000)}` } }));
    expect(odd.kind).toBe('unsupported-schema');
    expect(odd.problems[0]!.length).toBeLessThan(150);
    expect(odd.problems[0]).not.toMatch(RAW_CONTROL);
  });

  it('names a wrong field by a path whose hostile keys are escaped and shortened', () => {
    const snapshot = buildAnalysisSnapshot();
    const vpc = { ...snapshot.topology.vpcs[0]!, tags: { [`\u001b[2J\u202eevil${'k'.repeat(300)}`]: 42 } };
    const r = refusal(JSON.stringify({ ...snapshot, topology: { ...snapshot.topology, vpcs: [vpc] } }));
    expect(r.kind).toBe('invalid');
    expect(r.problems[0]).toMatch(/^topology\.vpcs\.0\.tags\."\\u001b\[2J\\u202eevilk+…: /);
    expect(r.problems[0]).not.toMatch(RAW_CONTROL);
    expect(r.problems[0]!.length).toBeLessThan(150);
  });
});

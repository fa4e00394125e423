import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { AuditEntry } from '../../../shared/planning/audit-entry';
import { createAuditLog, sanitizeParameters } from '../../../electron/audit/audit-log';
import { createCallJournal } from '../../../electron/audit/call-journal';
import type { AuditRecord } from '../../../shared/planning/audit-filter';

function entry(over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time: '2026-11-23T12:00:00.000Z',
    callerArn: 'arn:aws:iam::111111111111:user/ops',
    profile: 'ops',
    accountId: '111111111111',
    region: 'eu-west-1',
    action: 'CreateRoute',
    parameters: { RouteTableId: 'rtb-1', DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-1' },
    outcome: 'ok',
    ...over,
  };
}

function tempLog(emitted: AuditEntry[] = []) {
  const dir = join(mkdtempSync(join(tmpdir(), 'peerscape-audit-')), 'data');
  return { dir, log: createAuditLog({ dataDir: dir, emit: (e) => emitted.push(e) }) };
}

describe('audit log', () => {
  it('appends one JSON line per call in the data folder, readable only by the user, and emits it', async () => {
    const emitted: AuditEntry[] = [];
    const { dir, log } = tempLog(emitted);
    await log.append(entry());
    await log.append(entry({ action: 'AcceptVpcPeeringConnection', outcome: 'error', errorCode: 'OperationNotPermitted' }));
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).action)).toEqual(['CreateRoute', 'AcceptVpcPeeringConnection']);
    expect(statSync(join(dir, 'audit.jsonl')).mode & 0o777).toBe(0o600);
    expect(emitted.map((e) => e.errorCode)).toEqual([undefined, 'OperationNotPermitted']);
  });

  it('never writes a secret: secret-looking keys are dropped and access key ids masked', async () => {
    const { dir, log } = tempLog();
    await log.append(entry({ parameters: { SecretAccessKey: 'wJalr', SessionToken: 'IQoJ', Nested: [{ Authorization: 'AWS4 x' }], Note: 'key AKIAIOSFODNN7EXAMPLE' }, message: 'bad key ASIAIOSFODNN7EXAMPLE' }));
    const text = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    expect(text).not.toMatch(/wJalr|IQoJ|AWS4 x|IOSFODNN7EXAMPLE/);
    expect(sanitizeParameters({ a: { client_secret: 's' } })).toEqual({ a: { client_secret: '[redacted]' } });
  });

  it('keeps appends in call order when they overlap', async () => {
    const { log } = tempLog();
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry({ stepId: `s${i}` }))));
    const page = await log.list({}, 1000);
    expect(page.entries.map((e) => e.stepId)).toEqual(Array.from({ length: 50 }, (_, i) => `s${49 - i}`));
  });

  it('filters by action, account, region, outcome, time range and text, newest first', async () => {
    const { log } = tempLog();
    await log.append(entry({ time: '2026-11-20T00:00:00.000Z' }));
    await log.append(entry({ time: '2026-11-21T00:00:00.000Z', accountId: '222222222222', region: 'us-east-1', action: 'AcceptVpcPeeringConnection' }));
    await log.append(entry({ time: '2026-11-22T00:00:00.000Z', outcome: 'error', errorCode: 'RouteAlreadyExists' }));
    await log.append(entry({ time: '2026-11-23T00:00:00.000Z', outcome: 'dry-run', errorCode: 'DryRunOperation' }));
    const times = async (f: Parameters<typeof log.list>[0]) => (await log.list(f)).entries.map((e) => e.time.slice(8, 10));
    expect(await times({})).toEqual(['23', '22', '21', '20']);
    expect(await times({ actions: ['AcceptVpcPeeringConnection'] })).toEqual(['21']);
    expect(await times({ accountIds: ['111111111111'], outcomes: ['ok', 'error'] })).toEqual(['22', '20']);
    expect(await times({ regions: ['us-east-1'] })).toEqual(['21']);
    expect(await times({ from: '2026-11-21T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' })).toEqual(['22', '21']);
    expect(await times({ text: 'routealreadyexists' })).toEqual(['22']);
    const page = await log.list({}, 2);
    expect([page.entries.length, page.total, page.matched]).toEqual([2, 4, 4]);
  });

  it('skips a torn last line and says how many lines it skipped', async () => {
    const { dir, log } = tempLog();
    await log.append(entry());
    appendFileSync(join(dir, 'audit.jsonl'), '{"time":"2026-11-2');
    const page = await log.list();
    expect([page.total, page.skippedLines]).toEqual([1, 1]);
  });

  it('reads an empty list before anything was written', async () => {
    const { log } = tempLog();
    expect(await log.list()).toEqual({ entries: [], total: 0, matched: 0, skippedLines: 0, resolved: {}, unresolved: 0 });
  });

  it('exports the filtered entries oldest first as JSON lines or CSV', async () => {
    const { log } = tempLog();
    await log.append(entry({ time: '2026-11-20T00:00:00.000Z' }));
    await log.append(entry({ time: '2026-11-21T00:00:00.000Z', message: 'said "no", twice' }));
    const now = new Date('2026-11-24T10:00:00.000Z');
    const jsonl = await log.exportEntries({}, 'jsonl', now);
    expect(jsonl.filename).toBe('peerscape-audit-2026-11-24T10-00-00-000Z.jsonl');
    expect(jsonl.content.trim().split('\n').map((l) => JSON.parse(l).time)).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-21T00:00:00.000Z']);
    const csv = await log.exportEntries({ from: '2026-11-21T00:00:00.000Z' }, 'csv', now);
    expect(csv.count).toBe(1);
    const [header, row] = csv.content.split('\r\n');
    expect(header).toBe('time,outcome,check,action,profile,accountId,region,callerArn,errorCode,message,planId,stepId,requestId,parameters,callId,runId,created');
    expect(row).toContain('"said ""no"", twice"');
    expect(row).toContain('"{""RouteTableId"":""rtb-1""');
  });

  it('exports formula-looking text as inert cells', async () => {
    const { log } = tempLog();
    await log.append(entry({ profile: '=HYPERLINK("http://x")', message: '+1' }));
    const csv = await log.exportEntries({}, 'csv', new Date('2026-11-24T10:00:00.000Z'));
    const row = csv.content.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain(`,'+1,`);
  });
});

describe('audit log, written ahead', () => {
  const lines = (dir: string) =>
    readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as AuditRecord);

  it('writes the intent before the call and the answer after, and lists each call once', async () => {
    const { dir, log } = tempLog();
    const journal = createCallJournal(log, () => new Date('2026-11-23T12:00:00.000Z'));
    const callId = journal.newCallId();
    const call = await journal.begin({ ...entry(), runId: 'run-1', stepId: 'create', callId, action: 'CreateVpcPeeringConnection' });
    expect(lines(dir).map((l) => [l.outcome, l.callId])).toEqual([['intent', callId]]);
    // In flight: the intent is what the log shows.
    expect((await log.list()).entries.map((e) => e.outcome)).toEqual(['intent']);
    await call.ok({ requestId: 'req-1', created: ['pcx-1'] });
    expect(lines(dir).map((l) => l.outcome)).toEqual(['intent', 'ok']);
    const page = await log.list();
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ outcome: 'ok', callId, runId: 'run-1', requestId: 'req-1', created: ['pcx-1'], action: 'CreateVpcPeeringConnection' });
    expect(page.total).toBe(1);
  });

  it('marks a call left without an answer as interrupted when the log is opened again, once, and keeps it until a resume resolves it', async () => {
    const { dir, log } = tempLog();
    const journal = createCallJournal(log, () => new Date('2026-11-23T12:00:00.000Z'));
    await journal.begin({ ...entry(), runId: 'run-1', stepId: 'route', callId: 'call-1' });
    // The process dies here. The next start opens the log:
    const emitted: AuditEntry[] = [];
    const reopened = createAuditLog({ dataDir: dir, emit: (e) => emitted.push(e), now: () => new Date('2026-11-23T13:00:00.000Z') });
    const marked = await reopened.open();
    expect(marked.map((m) => m.callId)).toEqual(['call-1']);
    expect(lines(dir).map((l) => l.outcome)).toEqual(['intent', 'interrupted']);
    expect(lines(dir)[1]).toMatchObject({ callId: 'call-1', runId: 'run-1', stepId: 'route', action: 'CreateRoute', time: '2026-11-23T13:00:00.000Z', message: expect.stringContaining('may or may not') });
    expect(emitted.map((e) => e.outcome)).toEqual(['interrupted']);
    expect((await reopened.list({ outcomes: ['interrupted'] })).entries.map((e) => e.callId)).toEqual(['call-1']);
    expect((await reopened.unresolved('run-1')).map((e) => e.callId)).toEqual(['call-1']);
    expect(await reopened.unresolved('run-2')).toEqual([]);

    // Opened a third time: already marked, nothing new.
    await createAuditLog({ dataDir: dir }).open();
    expect(lines(dir)).toHaveLength(2);

    const resumed = createCallJournal(reopened, () => new Date('2026-11-23T14:00:00.000Z'));
    const [call] = await reopened.unresolved('run-1');
    await resumed.resolve(call!, 'went-through', { message: 'Found in AWS: it went through.' });
    expect(await reopened.unresolved('run-1')).toEqual([]);
    const shown = (await reopened.list()).entries.map((e) => e.outcome);
    expect(shown).toEqual(['went-through', 'interrupted']);
    const jsonl = await reopened.exportEntries({}, 'jsonl', new Date());
    expect(jsonl.content.trim().split('\n').map((l) => JSON.parse(l).outcome)).toEqual(['interrupted', 'went-through']);
  });

  it('records an error AWS answered as an error, and a call without an answer as interrupted', async () => {
    const { dir, log } = tempLog();
    const journal = createCallJournal(log, () => new Date());
    await (await journal.begin({ ...entry(), callId: 'a' })).failed('RouteAlreadyExists', 'exists');
    await (await journal.begin({ ...entry(), callId: 'b' })).unanswered('TimeoutError', 'no answer within 30000 ms');
    expect(lines(dir).map((l) => `${l.callId}:${l.outcome}`)).toEqual(['a:intent', 'a:error', 'b:intent', 'b:interrupted']);
    expect((await log.unresolved()).map((l) => l.callId)).toEqual(['b']);
  });

  it('refuses to start a call whose intent cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-audit-'));
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const journal = createCallJournal(createAuditLog({ dataDir: file }), () => new Date());
    await expect(journal.begin({ ...entry(), callId: 'a' })).rejects.toMatchObject({ name: 'AuditUnavailableError', message: expect.stringContaining('the call was not sent') });
  });

  it('starts a new line after a torn last line, so the next entry stays readable', async () => {
    const { dir, log } = tempLog();
    await log.append(entry({ stepId: 'one' }));
    appendFileSync(join(dir, 'audit.jsonl'), '{"time":"2026-11-2');
    await log.append(entry({ stepId: 'two' }));
    const page = await log.list();
    expect(page.entries.map((e) => e.stepId)).toEqual(['two', 'one']);
    expect(page.skippedLines).toBe(1);
  });
});

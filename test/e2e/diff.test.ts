/**
 * `diff`: two monthly reports of a sample compared finding by finding. Every later finding is
 * new or persisting, every earlier one persisting, resolved or ended; the exit code follows
 * --fail-on; reports that cannot be compared are refused with one sentence.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffReports, identityOf } from '../../src/audit/diff.js';
import type { Finding, Report } from '../../src/audit/report.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

async function monthly(id: string, month: string): Promise<string> {
  const path = join(tmp.dir, `${id}-${month}.json`);
  const run = await runMain('audit', `samples/${id}`, '--policy', id, '--month', month, '--format', 'json', '--output', path, '--fail-on', 'none');
  expect(run.stderr).toBe('');
  return path;
}

const read = (path: string): Report => JSON.parse(readFileSync(path, 'utf8')) as Report;

describe.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('%s, September then October', (id) => {
  it('accounts for every finding of both reports', async () => {
    const [september, october] = [await monthly(id, '2026-09'), await monthly(id, '2026-10')];
    const run = await runMain('diff', september, october, '--format', 'json', '--fail-on', 'none');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { counts: Record<string, number>; changes: Array<Finding & { change: string }> };
    const [earlier, later] = [read(september), read(october)];
    const c = result.counts;
    expect(c['new']! + c['persisting']!).toBe(later.findings.length);
    expect(c['resolved']! + c['ended']! + c['persisting']!).toBe(earlier.findings.length);
    const ids = (list: Finding[]) => list.map(identityOf).sort();
    expect(ids(result.changes.filter((f) => f.change === 'new' || f.change === 'persisting'))).toEqual(ids(later.findings));
    expect(ids(result.changes.filter((f) => f.change !== 'new'))).toEqual(ids(earlier.findings));
    // Written a few changes at a time, it is exactly the whole comparison as JSON.stringify writes it.
    const diff = diffReports(earlier, later);
    const changes = diff.changes.map(({ change, finding, statusBefore, endedBecause }) => ({ change, ...(statusBefore !== null ? { statusBefore } : {}), ...(endedBecause !== null ? { endedBecause } : {}), ...finding }));
    const { counts, rules, policy } = diff;
    expect(run.stdout).toBe(`${JSON.stringify({ schemaVersion: 1, kind: 'diff', policy, earlier: diff.earlier, later: diff.later, counts, rules, changes }, null, 2)}\n`);
  });

  it('no two findings of one report share an identity', async () => {
    const report = await runMain('audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--format', 'json');
    const findings = (JSON.parse(report.stdout) as Report).findings;
    expect(new Set(findings.map(identityOf)).size).toBe(findings.length);
  });
});

describe('exit codes', () => {
  it('follow --fail-on: new (the default), any, none', async () => {
    const [september, october] = [await monthly('barnsley', '2026-09'), await monthly('barnsley', '2026-10')];
    expect((await runMain('diff', september, october, '--format', 'json')).code).toBe(1);
    expect((await runMain('diff', october, october, '--format', 'json')).code).toBe(0);
    expect((await runMain('diff', october, october, '--format', 'json', '--fail-on', 'any')).code).toBe(1);
    expect((await runMain('diff', september, october, '--format', 'json', '--fail-on', 'none')).code).toBe(0);
  });

  it.each([
    ['different policies', async () => [await monthly('barnsley', '2026-10'), await monthly('newham', '2026-10')], /different policies \(barnsley and newham\)/],
    ['the later report first', async () => [await monthly('barnsley', '2026-10'), await monthly('barnsley', '2026-09')], /the first report is of 2026-10-31, after the second \(of 2026-09-30\): give the earlier report first, as diff <earlier> <later>$/m],
    ['reports of different scopes', async () => {
      const team = join(tmp.dir, 'team.json');
      writeFileSync(team, JSON.stringify({ ...read(await monthly('barnsley', '2026-10')), scope: { team: 'Assessment Team North', worker: null } }));
      return [await monthly('barnsley', '2026-09'), team];
    }, /the reports are of different scopes \(everyone and team "Assessment Team North"\): only two audits of the same --team and --worker can be compared$/m],
    ['a schema version it does not read', async () => {
      const later = await monthly('barnsley', '2026-10');
      const future = join(tmp.dir, 'future.json');
      writeFileSync(future, JSON.stringify({ ...read(later), schemaVersion: 2 }));
      return [later, future];
    }, /future\.json: a report of schema version 2, which this version \(reading schema version 1\) cannot read/],
    ['a schema version written as text', async () => {
      const later = await monthly('barnsley', '2026-10');
      const text = join(tmp.dir, 'text-version.json');
      writeFileSync(text, JSON.stringify({ ...read(later), schemaVersion: '1' }));
      return [later, text];
    }, /text-version\.json: does not fit the JSON report contract: schemaVersion should be 1, not "1"; make the report again with audit --format json$/m],
    ['a finding nested a hundred thousand deep', async () => {
      const later = await monthly('barnsley', '2026-10');
      const deep = join(tmp.dir, 'deep.json');
      const [first, ...rest] = read(later).findings;
      // Written by hand: JSON.stringify cannot write so deep a value.
      const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const report = JSON.stringify({ ...read(later), findings: [{ ...first, source: '@@' }, ...rest] }).replace('"@@"', nested);
      writeFileSync(deep, report);
      return [later, deep];
    }, /deep\.json: does not fit the JSON report contract: findings\[0\]\.source\[0\] .*, not a list/],
    ['a file that is not JSON', async () => [tmp.write('not.json', 'hello'), await monthly('barnsley', '2026-10')], /not\.json: not a JSON report/],
    ['a file that does not exist', async () => [join(tmp.dir, 'nowhere.json'), await monthly('barnsley', '2026-10')], /nowhere\.json: no such file/],
  ])('2, with one sentence, for %s', async (_name, files, message) => {
    const [a, b] = await files();
    const run = await runMain('diff', a!, b!);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

it('writes changes.csv and rules.csv into a folder', async () => {
  const [september, october] = [await monthly('walsall', '2026-09'), await monthly('walsall', '2026-10')];
  const out = join(tmp.dir, 'changes');
  mkdirSync(out);
  await runMain('diff', september, october, '--format', 'csv', '--output', out);
  expect(readdirSync(out).sort()).toEqual(['changes.csv', 'rules.csv']);
  expect(readFileSync(join(out, 'changes.csv'), 'utf8')).toMatch(/^\uFEFFchange,requirement,clause,check,status_before,status,/);
});

describe('resolved or ended', () => {
  const finding = (o: Partial<Finding>): Finding => ({
    requirement: 'TST-1', check: 'staff-frequency', status: 'overdue', subject: { kind: 'worker', id: 'W1' }, workerId: 'W1', supervisorId: 'M1', team: 'A',
    workerName: null, supervisorName: null, dueDate: '2026-09-10', lastDate: '2026-08-10', daysOverdue: 20, message: '', clause: 'Test 1', source: [], ...o,
  });
  const report = (findings: Finding[], window: Report['window'], workers: string[]): Report =>
    ({ schemaVersion: 1, policy: { id: 'test' }, window, findings, summary: { rules: [] }, inScope: { workers, cases: ['C1'] } }) as unknown as Report;
  const september = { from: '2026-09-01', asOf: '2026-09-30' };
  const october = { from: '2026-10-01', asOf: '2026-10-31' };

  it.each([
    ['an overdue worker supervised since', finding({}), ['W1'], 'resolved', null],
    ['an overdue worker who left', finding({}), [], 'ended', 'the worker is no longer in post'],
    ['a late session of the earlier month', finding({ status: 'short', subject: { kind: 'session', id: 'S1' }, dueDate: null, lastDate: '2026-09-12', daysOverdue: null }), ['W1'], 'ended', 'it lies before the later audit window'],
    ['a late review whose gap ended in the earlier month', finding({ status: 'late', dueDate: '2026-09-01', daysOverdue: 5 }), ['W1'], 'ended', 'it lies before the later audit window'],
    ['an unsigned record since signed', finding({ status: 'unsigned', subject: { kind: 'session', id: 'S2' }, dueDate: '2026-09-20' }), ['W1'], 'resolved', null],
  ])('%s: %s', (_name, f, workers, change, because) => {
    const result = diffReports(report([f], september, workers), report([], october, workers));
    expect(result.changes).toEqual([{ change, finding: f, statusBefore: null, endedBecause: because }]);
  });

  it('a finding whose status moved persists, with the status it had', () => {
    const result = diffReports(report([finding({})], september, ['W1']), report([finding({ status: 'late' })], october, ['W1']));
    expect(result.changes.map((c) => [c.change, c.statusBefore, c.finding.status])).toEqual([['persisting', 'overdue', 'late']]);
  });
});

describe('the table of a diff lists at most --limit changes of each kind', () => {
  it('then says how many more there are and where they all are', async () => {
    const [september, october] = [await monthly('newham', '2026-09'), await monthly('newham', '2026-10')];
    const counts = (JSON.parse((await runMain('diff', september, october, '--format', 'json', '--fail-on', 'none')).stdout) as { counts: Record<string, number> }).counts;
    const run = await runMain('diff', september, october, '--format', 'table', '--limit', '2', '--fail-on', 'none');
    for (const kind of ['new', 'resolved', 'persisting', 'ended']) {
      const n = counts[kind]!;
      const title = `${kind[0]!.toUpperCase()}${kind.slice(1)}: ${n}`;
      if (n === 0) {
        expect(run.stdout).not.toContain(title);
        continue;
      }
      expect(run.stdout).toContain(title);
      const section = run.stdout.slice(run.stdout.indexOf(title)).split(/\n\n/)[0]!;
      expect([...section.matchAll(/^│ .*│ NEW-/gm)].length, kind).toBe(Math.min(n, 2));
      if (n > 2) expect(run.stdout).toContain(`… and ${(n - 2).toLocaleString('en-GB')} more ${kind} exceptions: every one is in --format csv or json, or --limit 0 to list them all here`);
    }
    expect(counts['new']! + counts['persisting']!).toBeGreaterThan(4);
  });
});

describe('reports held to the JSON report contract', () => {
  const golden = (): Report => JSON.parse(readFileSync('test/expected/barnsley/report.json', 'utf8')) as Report;
  let written = 0;
  const save = (report: unknown): string => tmp.write(`contract-${++written}.json`, JSON.stringify(report));

  it('refuses to write the comparison over a report it compares', async () => {
    const path = save(golden());
    const before = readFileSync(path, 'utf8');
    const run = await runMain('diff', path, path, '--format', 'json', '--output', path);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: --output ${path} is the report ${path} being compared: write the comparison to another file\n`);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('compares reports whose findings have no subject, no team, no worker', async () => {
    const report = golden() as unknown as { findings: Array<Record<string, unknown>> };
    report.findings[0]!['subject'] = null;
    Object.assign(report.findings[1]!, { team: null, workerId: null, workerName: null, supervisorId: null, dueDate: null, lastDate: null, daysOverdue: null });
    const path = save(report);
    for (const format of ['json', 'table', 'csv']) {
      const run = await runMain('diff', path, path, '--format', format, '--fail-on', 'none', '--limit', '0');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const result = JSON.parse((await runMain('diff', path, path, '--format', 'json', '--fail-on', 'none')).stdout) as { counts: Record<string, number> };
    expect(result.counts).toEqual({ new: 0, persisting: report.findings.length, resolved: 0, ended: 0 });
  });

  it.each([
    ['a status that is not text', (r: any) => (r.findings[2].status = 5), 'findings[2].status should be a string, not 5 (finding 3 of the report, requirement BAR-6.1-students)'],
    ['a finding that is null', (r: any) => (r.findings[4] = null), 'findings[4] should be an object, not null (finding 5 of the report)'],
    ['a finding with no message', (r: any) => delete r.findings[4].message, 'findings[4].message should be a string, not nothing (finding 5 of the report, requirement BAR-6.1-students)'],
    ['a window that is not dates', (r: any) => (r.window.from = 'yesterday'), 'window.from expected a date in the form YYYY-MM-DD, not "yesterday"'],
    ['findings that are not a list', (r: any) => (r.findings = {}), 'findings should be a list, not an object'],
    ['a negative count', (r: any) => (r.summary.rules[1].subjects = -1), 'summary.rules[1].subjects should be at least 0, not -1'],
  ])('refuses, with exit 2 and one sentence naming where, %s', async (_, spoil, where) => {
    const good = save(golden());
    const report = golden();
    spoil(report);
    const bad = save(report);
    for (const [earlier, later] of [[good, bad], [bad, good]]) {
      const run = await runMain('diff', earlier!, later!, '--format', 'json');
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`supervision-audit: ${bad}: does not fit the JSON report contract: ${where}; make the report again with audit --format json\n`);
    }
  });
});

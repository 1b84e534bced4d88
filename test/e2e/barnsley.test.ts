/**
 * The Barnsley sample, end to end through the built command line. The golden files in
 * test/expected/barnsley/ are the whole report in every format; the planted situations
 * below are worked out by hand from the rows the generator plants (src/generator/planted.ts).
 *
 * After a deliberate change to the report, regenerate the golden files with
 *   npm run build && node test/expected/regenerate.js
 * and read the diff before committing it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';
import type { Report } from '../../src/audit/report.js';

const SAMPLE = ['audit', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31'];
const golden = (name: string): string => readFileSync(join(ROOT, 'test/expected/barnsley', name), 'utf8');
/** The tool's version is the only part of a report that changes with a release. */
const withoutVersion = (json: string): unknown => ({ ...(JSON.parse(json) as Report), tool: { name: 'supervision-audit' } });

const json = cli(...SAMPLE, '--format', 'json');
const report = JSON.parse(json.stdout) as Report;

describe('the Barnsley sample as JSON', () => {
  it('exits 1, with exceptions, and nothing on stderr', () => {
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
  });

  it('is exactly the expected report', () => {
    expect(withoutVersion(json.stdout)).toEqual(withoutVersion(golden('report.json')));
  });

  it('keeps to the report contract', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.window).toEqual({ from: '2025-11-01', asOf: '2026-10-31' });
    expect(report.policy.id).toBe('barnsley');
    expect(report.summary.exceptions).toBe(report.findings.length);
    for (const f of report.findings) {
      expect(f.source.length).toBeGreaterThan(0);
      expect(f.clause).toMatch(/^Barnsley /);
    }
  });

  it('raises exactly the hand-worked findings for the planted workers and cases', () => {
    const planted = report.findings
      .filter((f) => ['19001', '19002', '599001', '599003'].includes(f.subject.id) || ['19001', '19002'].includes(f.workerId ?? ''))
      .map((f) => [f.requirement, f.check, f.status, f.subject.id, f.dueDate, f.daysOverdue]);
    expect(planted).toEqual([
      // Weekly in the first three months: 10 July, then 24 July; due 17 July.
      ['BAR-6.1-asye', 'staff-frequency', 'late', '19002', '2026-07-17', 7],
      // The session of 3 July lasted 50 minutes; the first three months need an hour.
      ['BAR-6.1-asye', 'staff-duration', 'short', '990114', null, null],
      // Monthly: 3 July, then 12 August; due 3 August.
      ['BAR-6.1-practitioners', 'staff-frequency', 'late', '19001', '2026-08-03', 9],
      // Cancelled on 31 July with no reason logged (held again 12 August, inside 14 days).
      ['BAR-5.9-cancel', 'cancellation', 'missing', '990001', null, null],
      // Allocated 2 September; 10 working days is 16 September; discussed 25 September.
      ['BAR-6.1-assessment', 'case-initial', 'late', '599003', '2026-09-16', 9],
      // Last discussed 5 June; due 5 July; 118 days overdue on 31 October.
      ['BAR-6.1-cp', 'case-frequency', 'overdue', '599001', '2026-07-05', 118],
    ]);
    const cp = report.findings.find((f) => f.subject.id === '599001')!;
    expect(cp.workerId).toBe('19001');
    expect(cp.source[0]).toEqual({ file: 'samples/barnsley/case_steps.csv', line: expect.any(Number) });
    const line = readFileSync(join(ROOT, cp.source[0]!.file), 'utf8').split(/\r?\n/)[cp.source[0]!.line - 1]!;
    expect(line).toMatch(/^990219,599001,Case Supervision,19001,/);
  });

  it('reports the planted problem rows as data issues, with file, line, field and value', () => {
    const issues = report.dataIssues.filter((i) => i.effect !== 'note').map((i) => [i.file.split('/').pop(), i.field, i.value, i.effect]);
    expect(issues).toEqual([
      ['plans.csv', 'PLAN_TYPE', 'CIN_DCT', 'row rejected'],
      ['supervision_steps.csv', 'EVENT_DATETIME', '31/02/2026 10:00', 'row rejected'],
      ['supervision_steps.csv', 'EVENT_DATETIME', '10/13/2026 10:00', 'row rejected'],
      ['workers.csv', 'ROLE_DESCRIPTION', 'Principal Practitioner', 'kept'],
      ['supervision_steps.csv', 'WORKFLOW_STEP_ID', '990010', 'row rejected'],
    ]);
  });

  it('accounts for every row of every file: read = used + rejected = the file’s data lines', () => {
    for (const input of report.inputs) {
      expect(input.rowsRead).toBe(input.rowsUsed + input.rowsRejected);
      const lines = readFileSync(join(ROOT, input.file), 'utf8').split(/\r\n/).filter((l) => l !== '');
      expect(input.rowsRead, input.file).toBe(lines.length - 1);
    }
    expect(report.inputs.find((i) => i.entity === 'allocations')!.notRelevant).toEqual({ 'not the allocated worker': expect.any(Number) });
  });
});

describe('the Barnsley sample in the other formats', () => {
  it('prints exactly the expected table, and exits 1', () => {
    const table = cli(...SAMPLE, '--format', 'table', '--limit', '0');
    expect(table.code).toBe(1);
    expect(table.stdout).toBe(golden('table.txt'));
  });

  it('prints the exceptions as CSV on stdout', () => {
    const csv = cli(...SAMPLE, '--format', 'csv');
    expect(csv.code).toBe(1);
    expect(`\uFEFF${csv.stdout}`).toBe(golden('exceptions.csv'));
  });

  const out = mkdtempSync(join(tmpdir(), 'supervision-audit-out-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes summary, exceptions and data issues with --output, and nothing else', () => {
    const run = cli('audit', 'samples/barnsley', '--policy', 'barnsley', '--month', '2026-10', '--format', 'csv', '--output', join(out, 'csv'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(readdirSync(join(out, 'csv')).sort()).toEqual(['data-issues.csv', 'exceptions.csv', 'summary.csv']);
    const summary = readFileSync(join(out, 'csv', 'summary.csv'), 'utf8');
    expect(summary.startsWith('\uFEFFrequirement,check,clause,status')).toBe(true);
  });

  it('writes the golden CSV files for the full window', () => {
    cli(...SAMPLE, '--format', 'csv', '--output', join(out, 'full'));
    for (const name of ['summary.csv', 'exceptions.csv', 'data-issues.csv']) {
      expect(readFileSync(join(out, 'full', name), 'utf8'), name).toBe(golden(name));
    }
  });

  it('writes JSON to a file with --output', () => {
    const run = cli(...SAMPLE, '--format', 'json', '--output', join(out, 'report.json'));
    expect(run.code).toBe(1);
    expect(withoutVersion(readFileSync(join(out, 'report.json'), 'utf8'))).toEqual(withoutVersion(golden('report.json')));
  });

  it('--month audits one calendar month', () => {
    const month = JSON.parse(cli('audit', 'samples/barnsley', '--policy', 'barnsley', '--month', '2026-10', '--format', 'json').stdout) as Report;
    expect(month.window).toEqual({ from: '2026-10-01', asOf: '2026-10-31' });
    expect(month.findings.length).toBeLessThan(report.findings.length);
  });

  it('--team narrows the exceptions to one team and the cases its workers hold', () => {
    const team = JSON.parse(cli(...SAMPLE, '--format', 'json', '--team', 'Assessment Team North').stdout) as Report;
    expect(team.findings.length).toBeGreaterThan(0);
    expect(new Set(team.findings.filter((f) => f.subject.kind !== 'case').map((f) => f.team))).toEqual(new Set(['Assessment Team North']));
  });

  it('--fail-on none exits 0 with the same report', () => {
    const run = cli(...SAMPLE, '--format', 'json', '--fail-on', 'none');
    expect(run.code).toBe(0);
    expect(withoutVersion(run.stdout)).toEqual(withoutVersion(json.stdout));
  });
});

import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

/** A one-line message on stderr, and no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.startsWith('supervision-audit: ')).toBe(true);
}

describe('exit codes', () => {
  it('0, with no flood of data issues, for an audit date years before a large export: every later event is not relevant', () => {
    const dir = join(tmp.dir, 'exports');
    mkdirSync(dir);
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i + 1},Formal Supervision,201,COMPLETE,05/03/2026 10:00`);
    writeFileSync(join(dir, 'supervision_steps.csv'), `WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,STEP_STATUS,EVENT_DATETIME\r\n${rows.join('\r\n')}\r\n`);
    const run = cli('audit', dir, '--policy', 'barnsley', '--as-of', '2020-01-31', '--format', 'json', '--output', join(tmp.dir, 'out.json'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(tmp.dir, 'out.json'), 'utf8'));
    expect(report.summary.dataIssues).toBe(0);
    expect(report.inputs[0]).toMatchObject({ rowsRead: 150_000, rowsUsed: 0, rowsRejected: 150_000, notRelevant: { 'dated after the audit date': 150_000 } });
  });

  it('0 for a clean dataset; rules without their records are not run, not passed', () => {
    const run = cli('audit', 'test/fixtures/clean', '--policy', 'barnsley', '--from', '2026-06-01', '--as-of', '2026-10-31', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual([]);
    const cp = report.summary.rules.find((r: { requirement: string }) => r.requirement === 'BAR-6.1-cp');
    expect(cp).toMatchObject({ status: 'not-run', reason: 'no plans or case discussions in input', subjects: 0 });
    const frequency = report.summary.rules.find((r: { requirement: string; check: string }) => r.requirement === 'BAR-6.1-practitioners' && r.check === 'staff-frequency');
    expect(frequency).toMatchObject({ status: 'run', subjects: 1, compliant: 1, exceptions: 0, compliance: 100 });
  });

  it('2 for a file that does not exist', () => {
    const run = cli('audit', 'samples/nowhere', '--policy', 'barnsley');
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('samples/nowhere does not exist');
    expect(run.stdout).toBe('');
  });

  it('2 for an invalid policy, naming every problem with its path', () => {
    const run = cli('audit', 'test/fixtures/clean', '--policy', 'test/fixtures/policies/unknown-check');
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toContain('rules[0].check: unknown check "staff-frequncy"');
    expect(run.stderr).toContain('rules[1].params.every: "1 moon" is not an interval');
  });

  it('2 for an unknown policy id', () => {
    const run = cli('audit', 'test/fixtures/clean', '--policy', 'atlantis');
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('bundled: barnsley');
  });

  it.each([
    [['--as-of', '2026-02-30'], '--as-of 2026-02-30 is not a date'],
    [['--month', '2026-13'], '--month 2026-13 is not a month'],
    [['--month', '2026-10', '--as-of', '2026-10-31'], '--month sets the whole window'],
    [['--from', '2026-11-01', '--as-of', '2026-10-31'], 'is after --as-of'],
    [['--as-of', '2026-11-28'], '--as-of 2026-11-28 is after today (2026-11-27)'],
    [['--month', '2027-01'], '--month 2027-01 ends on 2027-01-31, after today (2026-11-27)'],
  ])('2 for a bad window: %s', (args, message) => {
    const run = cli('audit', 'test/fixtures/clean', '--policy', 'barnsley', ...args);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain(message);
  });

  it('2 for a bad option value, from the option parser', () => {
    const run = cli('audit', 'test/fixtures/clean', '--policy', 'barnsley', '--format', 'xml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'xml' is invalid");
  });

  it('2 with a stack trace only under --debug', () => {
    const run = cli('audit', 'samples/nowhere', '--policy', 'barnsley', '--debug');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('0 for --help and --version', () => {
    expect(cli('--help').code).toBe(0);
    expect(cli('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('lists and checks policies', () => {
    expect(cli('policies', 'list').stdout).toContain('barnsley');
    expect(cli('policies', 'check', 'policies/barnsley').code).toBe(0);
    const bad = cli('policies', 'check', 'test/fixtures/policies/unknown-check');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has 3 problems');
    expect(cli('policies', 'show', 'barnsley').stdout).toContain('BAR-6.1-cp  (Barnsley 6.1)');
  });

  it('runs every rule of the Portsmouth policy over exports from another authority', () => {
    const run = cli('audit', 'samples/barnsley', '--policy', 'portsmouth', '--as-of', '2026-10-31', '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary.rules.map((r: { check: string; status: string }) => `${r.check} ${r.status}`)).toEqual([
      'agreement run', 'staff-frequency run', 'staff-frequency run', 'staff-duration run', 'sign-off run', 'topics-coverage run', 'case-frequency run', 'case-file-audit run', 'supervisor-qualified run',
    ]);
  });

  it('prints every reference layout of the three systems', () => {
    const run = cli('systems');
    expect(run.code).toBe(0);
    for (const line of [
      'Mosaic (--system mosaic); dates dd/mm/yyyy',
      'AzeusCare (--system azeus); dates dd-mon-yyyy',
      'Liquid Logic (--system liquidlogic); dates yyyy-mm-dd',
      '    required: SUPV_ID, EMP_ID, SUPV_TYPE, STATUS, SUPV_DT',
      '    SUPERVISION forms, one row per answer, read as one sessions record each:',
      '      required answers: SupDate, SupType',
    ]) {
      expect(run.stdout).toContain(line);
    }
  });

  it('2 for a file from no known system, naming the closest layouts', () => {
    const run = cli('audit', 'test/fixtures/unknown-layout.csv', '--policy', 'newham');
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // One line says what is wrong; the lines after it are the file's header and the adapter.yaml lines to paste.
    expect(run.stderr.split('\n').slice(0, 2)).toEqual([
      'supervision-audit: test/fixtures/unknown-layout.csv: the header matches no known export layout. Closest: azeus staff (missing POST_TITLE); azeus staff (missing DESIGNATION)',
      "The file's header (line 1): EMP_ID, JOB, TEAM_NAME, EFFECT_DT_FR",
    ]);
    // No column of the file is like the job title's: the line to paste names the reference column, left for the user to fill.
    expect(run.stderr).toContain('map them in policies/newham/adapter.yaml (merged with what is there):\n    columns:\n      workers:\n        DESIGNATION: ""   # the file\'s name for it: no column of the file looks like it\n');
  });
});

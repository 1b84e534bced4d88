/**
 * --worker names one worker by the id the workers export gives them, compared as a number where
 * it is digits (REQUIREMENTS.md, "ids are compared as numbers"); an id no workers row has stops
 * with exit 2, since its empty report would read as all clear.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DueReport } from '../../src/audit/due.js';
import type { Report } from '../../src/audit/report.js';
import { cli, ROOT } from './helpers.js';
import { sampleWith } from '../helpers/sample-copy.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

const SAMPLE = join(ROOT, 'samples', 'barnsley');
const due = (...extra: string[]) => cli('due', SAMPLE, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...extra);
const audit = (...extra: string[]) => cli('audit', SAMPLE, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...extra);

describe('--worker', () => {
  const exact = JSON.parse(audit('--worker', '10008').stdout) as Report;

  it('narrows the audit to the worker: their findings, and no one else’s', () => {
    expect(exact.findings.length).toBeGreaterThan(0);
    expect(exact.findings.every((f) => f.workerId === '10008' || f.subject.kind === 'case')).toBe(true);
    expect(exact.scope.worker).toBe('10008');
  });

  it.each([
    ['with leading zeros', '010008'],
    ['with spaces around it', ' 10008 '],
  ])('matches the id written %s, and names the worker as the workers export does', (_, typed) => {
    const run = audit('--worker', typed);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.findings).toEqual(exact.findings);
    expect(report.summary).toEqual(exact.summary);
    expect(report.scope.worker).toBe('10008');
  });

  it.each([
    ['audit', audit],
    ['due', due],
  ])('%s with an id no workers row has stops with exit 2, in one sentence', (_, run) => {
    const result = run('--worker', '99999');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'supervision-audit: --worker "99999" is no worker\'s id in the workers export, so the report would be empty: the workers export has 50 workers (ids such as 10001 and 10002). Give the id as the workers export writes it\n',
    );
  });

  it('a worker whose workers row was rejected: the stop names that row and why', () => {
    const dir = sampleWith(tmp.dir, 'barnsley', { 'workers.csv': (text) => text.replace(/^(10008,(?:[^,]*,){7})[^,]*/m, '$131/02/2020') });
    const run = cli('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--worker', '010008');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `supervision-audit: --worker "010008": worker 10008's row in ${dir}/workers.csv, line 9, was rejected (START_DATE "31/02/2020": "31/02/2020" is not a real date), so nothing can be checked for them until it is corrected\n`,
    );
  });

  it.each([
    ['audit', audit],
    ['due', due],
  ])('%s with --team a team the worker is not in stops with exit 2, naming the worker’s team', (_, run) => {
    const result = run('--worker', '10008', '--team', 'Children in Care Team');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'supervision-audit: --worker "10008" is in "Assessment Team North" on 2026-10-31, the audit date, not in --team "Children in Care Team", so the report would be empty: give one of the two, or the worker\'s team\n',
    );
    expect(run('--worker', '10008', '--team', 'assessment team NORTH').code).toBe(0);
  });

  it('due names the worker as the workers export does', () => {
    const run = due('--worker', '0010008');
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as DueReport).scope.worker).toBe('10008');
  });
});

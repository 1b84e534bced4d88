/**
 * A case's clock runs across its plans, end to end: a council's own policy with one rule for
 * every open case, on the Barnsley sample's exports, where case 500126 was discussed on
 * 22 October 2025 and next on 8 December 2025 across its change from assessment to child in
 * need on 15 November (plans.csv lines 157-158, case_steps.csv lines 1975-1976).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import type { DueReport } from '../../src/audit/due.js';
import { cli, ROOT } from './helpers.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const ALL_PLANS = '[assessment, cin, cp, cic, care-leaver, adoption-placement, adoption-support, private-fostering, early-help, adopter, foster-carer]';

/** A policy folder of our own: Barnsley's adapter (the exports are Mosaic's), our words, and the given rules. */
function policy(name: string, rules: string): string {
  const dir = join(tmp.dir, name);
  cpSync(join(ROOT, 'policies', 'barnsley'), dir, { recursive: true });
  writeFileSync(join(dir, 'source.txt'), '1. Cases\n1.1 Every open case is discussed in supervision at least every 6 weeks, whatever its plan.\n');
  writeFileSync(join(dir, 'clauses.yaml'), 'clauses:\n  - clause: Our 1.1\n    heading: case discussion\n    rules: [OUR-1.1-cases, OUR-1.1-assessment, OUR-1.1-other]\n');
  writeFileSync(
    join(dir, 'policy.yaml'),
    `id: ${name}\ntitle: Case Supervision Policy\nauthority: Our Council, Children's Social Care\nversion: "1"\nsource: source.txt\nrules:\n${rules}`,
  );
  return dir;
}
const rule = (plans: string, id = 'OUR-1.1-cases') => `  - requirement: ${id}\n    clause: Our 1.1\n    words: Every open case is discussed in supervision at least every 6 weeks\n    check: case-frequency\n    params:\n      plans: ${plans}\n      every: 6 weeks\n`;

const oneRule = policy('one-rule', rule(ALL_PLANS));
const twoRules = policy('two-rules', rule('[assessment]', 'OUR-1.1-assessment') + rule(ALL_PLANS.replace('assessment, ', ''), 'OUR-1.1-other'));

/** The Barnsley sample, its plans.csv edited. */
function sample(name: string, editPlans: (text: string) => string = (t) => t): string {
  const dir = join(tmp.dir, name);
  cpSync(join(ROOT, 'samples', 'barnsley'), dir, { recursive: true });
  writeFileSync(join(dir, 'plans.csv'), editPlans(readFileSync(join(dir, 'plans.csv'), 'utf8')));
  return dir;
}
const unchanged = sample('barnsley');

function audit(exports: string, policyDir: string): Report {
  const run = cli('audit', exports, '--policy', policyDir, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}
const firstOf = (report: Report, caseId: string) => {
  const f = report.findings.find((x) => x.subject.id === caseId)!;
  return { status: f.status, dueDate: f.dueDate, daysOverdue: f.daysOverdue, workerId: f.workerId, message: f.message, source: f.source.map((s) => `${s.file.split('/').pop()}:${s.line}`) };
};

describe('a case’s clock runs across its plans', () => {
  it('the gap across a change of plan is late, measured from the last discussion before the change', () => {
    expect(readFileSync(join(unchanged, 'plans.csv'), 'utf8').split(/\r?\n/).slice(156, 158)).toEqual(['500126,ASSESS,30/09/2025,14/11/2025,N,N,N,N', '500126,CIN,15/11/2025,,N,Y,Y,N']);
    const report = audit(unchanged, oneRule);
    expect(firstOf(report, '500126')).toEqual({
      status: 'late',
      dueDate: '2025-12-03',
      daysOverdue: 5,
      workerId: '10030',
      message: 'assessment case discussed on 2025-12-08, 5 days after it was due on 2025-12-03 (every 6 weeks since the last discussion on 2025-10-22)',
      source: ['case_steps.csv:1976', 'case_steps.csv:1975', 'plans.csv:157', 'plans.csv:158'],
    });
    expect(firstOf(report, '500133')).toMatchObject({ status: 'late', dueDate: '2025-11-28', daysOverdue: 6 });
  });

  it('saved with a day between the two plans, the case has two stretches and the second starts its own clock', () => {
    const report = audit(sample('barnsley-gap', (text) => text.replace('500126,ASSESS,30/09/2025,14/11/2025', '500126,ASSESS,30/09/2025,13/11/2025')), oneRule);
    // From 15 November: due 27 December, and 8 December is in time; the first gap is then 8 December to 3 February 2026 (due 19 January).
    expect(firstOf(report, '500126')).toMatchObject({ status: 'late', dueDate: '2026-01-19', daysOverdue: 15 });
  });

  it('two rules for different plan types each judge their own stretches', () => {
    const report = audit(unchanged, twoRules);
    expect(report.findings.filter((f) => f.subject.id === '500126' && f.requirement === 'OUR-1.1-assessment')).toEqual([]);
    expect(firstOf(report, '500126')).toMatchObject({ status: 'late', dueDate: '2026-01-19', daysOverdue: 15 });
  });

  it('counts a stretch as one subject in a month: December 2025 as a separate --month audit gives it', () => {
    const year = audit(unchanged, oneRule).summary.rules[0]!;
    const run = cli('audit', unchanged, '--policy', oneRule, '--month', '2025-12', '--format', 'json', '--fail-on', 'none');
    const alone = (JSON.parse(run.stdout) as Report).summary.rules[0]!;
    const december = year.byMonth.find((m) => m.month === '2025-12')!;
    expect([december.subjects, december.compliant, december.exceptions]).toEqual([alone.subjects, alone.compliant, alone.exceptions]);
    expect(december.exceptions).toBeGreaterThan(0);
  });

  it('the look-ahead anchors the case’s item on its last discussion before the change', () => {
    const run = cli('due', unchanged, '--policy', oneRule, '--as-of', '2025-11-30', '--format', 'json', '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const item = (JSON.parse(run.stdout) as DueReport).items.find((i) => i.subject.id === '500126')!;
    expect(item).toMatchObject({ status: 'due', dueDate: '2025-12-03', lastDate: '2025-10-22', daysLeft: 3, workerId: '10030' });
    expect(item.source[0]).toEqual({ file: join(unchanged, 'case_steps.csv'), line: 1975 });
  });
});

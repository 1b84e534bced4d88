/**
 * Named supervisors (REQUIREMENTS.md, "Named supervisors"): two rows of one worker with the same
 * start naming different supervisors name none, whatever their order; a supervisor who has left
 * is no supervisor, and sessions recorded as held by them afterwards are data issues.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from './helpers.js';
import { auditReport, sampleWith } from '../helpers/sample-copy.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const barnsleyWith = (changes: Record<string, (text: string) => string>): string => sampleWith(tmp.dir, 'barnsley', changes);

const audit = (dir: string): Report => auditReport(dir, 'barnsley');

const named = (r: Report) => r.findings.filter((f) => f.requirement === 'BAR-5.5-named').map((f) => [f.subject.id, f.status, f.supervisorId, f.message]);
const clean = audit(join(ROOT, 'samples', 'barnsley'));

describe('two supervisors rows of one worker with the same start', () => {
  // Worker 10006's row names 10005 from 2 January 2022; another row names 10004 from the same day.
  const appended = barnsleyWith({ 'supervisors.csv': (text) => `${text.trimEnd()}\n10006,10004,02/01/2022,\n` });
  const swapped = barnsleyWith({
    'supervisors.csv': (text) => `${text.replace('10006,10005,02/01/2022,', '10006,10004,02/01/2022,').trimEnd()}\n10006,10005,02/01/2022,\n`,
  });

  it('are a data issue naming both lines, and neither is used: the worker has no named supervisor', () => {
    const report = audit(appended);
    const lines = readFileSync(join(appended, 'supervisors.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const first = lines.indexOf('10006,10005,02/01/2022,') + 1;
    const issues = report.dataIssues.filter((i) => i.file.endsWith('supervisors.csv')).map((i) => [i.line, i.field, i.value, i.problem, i.effect]);
    expect(issues).toEqual([
      [
        lines.length,
        'SUPERVISOR_WORKER_ID',
        '10004',
        `worker 10006 has two supervisors from 2022-01-02: 10005 (${appended}/supervisors.csv line ${first}) and 10004 (line ${lines.length}); neither is used, so from that day they have no named supervisor until a later row starts`,
        'row rejected',
      ],
    ]);
    expect(named(report).sort()).toEqual(
      [...named(clean), ['10006', 'missing', null, 'no named supervisor on 2026-10-31: the supervisors rows from 2022-01-02 name two supervisors (see the data issues)']].sort(),
    );
    const input = report.inputs.find((i) => i.file.endsWith('supervisors.csv'))!;
    expect([input.rowsRead, input.rowsUsed, input.rowsRejected]).toEqual([lines.length - 1, lines.length - 2, 1]);
  });

  it('give the same findings whichever comes first in the file', () => {
    const withoutSources = (r: Report) => r.findings.map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort();
    expect(withoutSources(audit(swapped))).toEqual(withoutSources(audit(appended)));
  });
});

describe('a named supervisor who has left', () => {
  // Team manager 10005 leaves on 31 August 2026; the supervisors export still names them.
  const dir = barnsleyWith({ 'workers.csv': (text) => text.replace(/^(10005,S10005,George,Bell,Team Manager,[^\n]*,21\/11\/2020),,/m, '$1,31/08/2026,') });
  const report = audit(dir);

  it('is no supervisor after their last day: each supervisee still in post is found', () => {
    expect(readFileSync(join(dir, 'workers.csv'), 'utf8')).toContain('21/11/2020,31/08/2026,');
    const why = 'no named supervisor on 2026-10-31: the named supervisor 10005 left on 2026-08-31';
    const found = named(report).filter(([, , supervisor]) => supervisor === '10005');
    expect(found).toEqual(['10006', '10007', '10008', '10009', '19001', '19005', '19011', '19013'].map((id) => [id, 'missing', '10005', why]));
  });

  it('sessions recorded as held by them after it are a data issue each, and kept', () => {
    const steps = readFileSync(join(dir, 'supervision_steps.csv'), 'utf8').split('\n');
    const after = steps
      .map((line, i) => ({ cells: line.split(','), line: i + 1 }))
      .filter(({ cells }) => {
        const ymd = (cells[5] ?? '').replace(/^(\d\d)\/(\d\d)\/(\d{4}).*$/s, '$3$2$1');
        // Held after the supervisor left, up to the audit date (later rows are not audited; a month-first date is rejected).
        return cells[3] === '10005' && ymd > '20260831' && ymd <= '20261031' && ymd.slice(4, 6) <= '12';
      })
      .map(({ line }) => line);
    expect(after.length).toBeGreaterThan(5);
    const issues = report.dataIssues.filter((i) => i.problem.startsWith('held by supervisor 10005'));
    expect(issues.map((i) => i.line)).toEqual(after);
    expect(issues.every((i) => i.effect === 'kept' && i.field === 'SUPERVISOR_WORKER_ID' && i.problem.endsWith('after their last day in post (2026-08-31 in the workers export): check either date; the session is kept'))).toBe(true);
  });
});

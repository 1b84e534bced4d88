/**
 * The HR export of staff records: read in one layout whatever the system, the authority's words
 * mapped, every row used or rejected with a reason; an audit without it still runs, and says
 * which rules could not.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

async function audit(staffRows: string[], policy = 'newham'): Promise<Report> {
  const dir = join(tmp.dir, `set-${Math.random().toString(36).slice(2)}`);
  cpSync('samples/newham', dir, { recursive: true });
  writeFileSync(join(dir, 'staff_records.csv'), ['WORKER_ID,RECORD_TYPE,RECORD_DATE,VALID_UNTIL,REFERENCE,DBS_OUTCOME', ...staffRows].join('\r\n'));
  const run = await runMain('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

describe('the staff records export', () => {
  it('rejects, with a data issue each, what cannot be used: an unknown worker, a registration without its end, an unknown type; a record dated after today is a note', async () => {
    const report = await audit([
      '10001,Prof Registration - SWE,20/11/2025,30/11/2026,SW110001,',
      '99999,Annual Appraisal,01/03/2026,,,',
      '10001,Prof Registration - SWE,20/11/2024,,SW110001,',
      '10001,Long Service Award,01/03/2026,,,',
      '10001,Annual Appraisal,01/03/2031,,,',
      '10001,DBS Enhanced Check,01/02/2026,,,Clear',
    ]);
    const input = report.inputs.find((i) => i.entity === 'staff-records')!;
    expect([input.rowsRead, input.rowsUsed, input.rowsRejected]).toEqual([6, 2, 4]);
    const issues = report.dataIssues.filter((i) => i.file === input.file).map((i) => [i.line, i.field, i.value, i.problem, i.effect]);
    expect(issues).toEqual([
      [1, 'DBS_OUTCOME', '', 'column not in the azeus staff records (HR and learning) layout; ignored', 'note'],
      [4, 'VALID_UNTIL', '', 'a registration needs the last day it is valid (VALID_UNTIL); the row is not used', 'row rejected'],
      [5, 'RECORD_TYPE', 'Long Service Award', 'unknown recordTypes code "Long Service Award": add it under codes.recordTypes in policies/newham/adapter.yaml', 'row rejected'],
      [6, 'RECORD_DATE', '01/03/2031', 'a staff record is dated after today (2026-11-27), the day the audit runs: a renewal entered ahead of its day, or a typing error? It is not used', 'note'],
      [3, 'WORKER_ID', '99999', 'worker 99999 is not in any workers file, so nothing can be checked for them', 'row rejected'],
    ]);
    // What the HR export holds beside its dates is never read.
    expect(JSON.stringify(report)).not.toContain('Clear');
  });

  it('a kind of record the adapter maps to other is set aside, never rejected, and counted', async () => {
    const policy = join(tmp.dir, `policy-${Math.random().toString(36).slice(2)}`);
    cpSync('policies/newham', policy, { recursive: true });
    const adapter = join(policy, 'adapter.yaml');
    writeFileSync(adapter, readFileSync(adapter, 'utf8').replace('  recordTypes:\n', '  recordTypes:\n    Long Service Award: other\n    Sickness Absence: other\n'));
    const report = await audit(
      [
        '10001,Prof Registration - SWE,20/11/2025,30/11/2026,SW110001,',
        '10001,Long Service Award,01/03/2026,,,',
        '10001,Sickness Absence,01/03/2031,,,',
        '10001,Annual Appraisal,01/03/2026,,,',
      ],
      policy,
    );
    const input = report.inputs.find((i) => i.entity === 'staff-records')!;
    expect([input.rowsRead, input.rowsUsed, input.rowsRejected, input.notRelevant]).toEqual([4, 2, 2, { 'a kind of staff record no rule reads': 2 }]);
    expect(report.dataIssues.filter((i) => i.file === input.file).map((i) => i.problem)).toEqual(['column not in the azeus staff records (HR and learning) layout; ignored']);
  });

  it('an audit without it runs every other rule, and names the export the staff rules need', async () => {
    const dir = join(tmp.dir, 'without');
    cpSync('samples/newham', dir, { recursive: true });
    rmSync(join(dir, 'staff_records.csv'));
    const run = await runMain('audit', dir, '--policy', 'newham', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(run.stdout) as Report;
    const notRun = report.summary.rules.filter((r) => r.status === 'not-run').map((r) => [r.requirement, r.reason]);
    const reason = 'no staff records (the HR export) in input';
    expect(notRun).toEqual([
      ['NEW-11.3-registration', reason],
      ['NEW-11.3-dbs', reason],
      ['NEW-app2-appraisal', reason],
      ['NEW-app2-pdp', reason],
    ]);
    expect(report.summary.rules.filter((r) => r.status === 'run').length).toBe(report.summary.rules.length - 4);
  });
});

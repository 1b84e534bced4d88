/**
 * A supervisor named in the supervisors export but in no workers export cannot be a subject of
 * a rule that judges supervisors (Haringey 5.1: their training): each is one data issue, at the
 * first row that names them supervising someone in the window, never dropped unseen.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

function haringey(name: string, extraSupervisorRows: string[] = []): string {
  const dir = join(tmp.dir, name);
  cpSync('samples/haringey', dir, { recursive: true });
  if (extraSupervisorRows.length > 0) appendFileSync(join(dir, 'worker_supervisors.csv'), `${extraSupervisorRows.join('\r\n')}\r\n`);
  return dir;
}

async function audit(dir: string, policy = 'haringey'): Promise<Report> {
  const run = await runMain('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

const aboutSupervisors = (report: Report) => report.dataIssues.filter((i) => i.problem.includes('which judges every supervisor')).map((i) => [i.file, i.line, i.field, i.value, i.problem, i.effect]);

describe('a supervisor in no workers export', () => {
  it('is one data issue per supervisor, at the first row naming them in the window, where a rule judges supervisors', async () => {
    const lines = readFileSync('samples/haringey/worker_supervisors.csv', 'utf8').trimEnd().split(/\r?\n/).length;
    const dir = haringey('two', [
      // Named twice: one issue, at the first of the two rows.
      '10003,20001,2026-03-01,',
      '10004,20001,2026-04-01,',
      // Supervising no one in the window (it ended before the window began): no subject, no issue.
      '10005,20002,2019-01-01,2020-12-31',
    ]);
    const report = await audit(dir);
    const file = join(dir, 'worker_supervisors.csv');
    const words = (id: string, worker: string) => `supervisor ${id} is not in any workers file, so the rule HAR-5.1-trained, which judges every supervisor, cannot judge them; the row still counts for worker ${worker}`;
    expect(aboutSupervisors(report)).toEqual([
      [file, 2, 'SUPERVISOR_DIM_WORKER_ID', '10000', words('10000', '10001'), 'kept'],
      [file, lines + 1, 'SUPERVISOR_DIM_WORKER_ID', '20001', words('20001', '10003'), 'kept'],
    ]);
    // The rule's figures are those of the sample: the supervisors it could judge, no more.
    const trained = (r: Report) => r.summary.rules.find((rule) => rule.requirement === 'HAR-5.1-trained')!;
    expect(trained(report).subjects).toBe(trained(await audit(haringey('sample'))).subjects);
  });

  it('whose own workers row was rejected is named by that row', async () => {
    const dir = haringey('rejected');
    const workers = join(dir, 'workers.csv');
    const rows = readFileSync(workers, 'utf8').split('\r\n');
    writeFileSync(workers, [...rows.slice(0, -1), '10000,S10000,Ada,Grey,Director,Adult Social Care Leadership,Social Work,2022-02-31,,', rows.at(-1)].join('\r\n'));
    const report = await audit(dir);
    expect(aboutSupervisors(report)).toEqual([
      [
        join(dir, 'worker_supervisors.csv'),
        2,
        'SUPERVISOR_DIM_WORKER_ID',
        '10000',
        `supervisor 10000's own row in ${workers}, line ${rows.length}, was rejected (START_DTTM "2022-02-31": "2022-02-31" is not a real date), so the rule HAR-5.1-trained, which judges every supervisor, cannot judge them until it is corrected; the row still counts for worker 10001`,
        'kept',
      ],
    ]);
  });

  it('is no issue where no rule judges supervisors', async () => {
    const report = await audit(haringey('portsmouth'), 'portsmouth');
    expect(aboutSupervisors(report)).toEqual([]);
    expect(report.dataIssues.some((i) => i.value === '10000')).toBe(false);
  });
});

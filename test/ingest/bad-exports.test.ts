/**
 * The corpus of broken exports in test/fixtures/bad/: each folder is audited and the outcome
 * must be exactly the one in its .expected.json. Either the audit stops with one line on
 * stderr and exit 2, or it goes on, reporting every row it could not use as a data issue
 * (file, line, field, value, problem) with rows read = rows used + rows rejected.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from '../e2e/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const BAD = join(ROOT, 'test/fixtures/bad');
const cases = readdirSync(BAD).filter((name) => statSync(join(BAD, name)).isDirectory());

interface Expected {
  exit: number;
  stderr?: string;
  inputs?: Record<string, { rowsRead: number; rowsUsed: number; rowsRejected: number }>;
  dataIssues?: unknown[];
  findings?: string[];
}

describe.each(cases)('the broken export %s', (name) => {
  const expected = JSON.parse(readFileSync(join(BAD, `${name}.expected.json`), 'utf8')) as Expected;

  it(expected.exit === 2 ? 'stops the audit with a message and exit 2' : 'is reported as data issues, every row accounted for', async () => {
    const run = await runMain('audit', `test/fixtures/bad/${name}`, '--policy', 'barnsley', '--from', '2026-10-01', '--as-of', '2026-10-31', '--format', 'json');
    expect(run.code).toBe(expected.exit);
    if (expected.exit === 2) {
      expect(run.stderr).toBe(expected.stderr);
      // One line says what is wrong; an unknown header adds the file's header and the adapter.yaml lines to paste.
      const lines = run.stderr.trim().split('\n');
      expect(lines.length === 1 || lines[0]!.includes('the header matches no known export layout')).toBe(true);
      expect(run.stdout).toBe('');
      return;
    }
    // A corpus file holds a few rows: most end weeks before the audit date, which is said (README, --as-of).
    expect(run.stderr).toBe(expected.stderr ?? '');
    const report = JSON.parse(run.stdout) as Report;
    const base = (file: string): string => file.split('/').pop()!;
    expect(Object.fromEntries(report.inputs.map((i) => [base(i.file), { rowsRead: i.rowsRead, rowsUsed: i.rowsUsed, rowsRejected: i.rowsRejected }]))).toEqual(expected.inputs);
    for (const input of report.inputs) expect(input.rowsRead).toBe(input.rowsUsed + input.rowsRejected);
    expect(report.dataIssues.filter((i) => i.effect !== 'note').map((i) => ({ ...i, file: base(i.file) }))).toEqual(expected.dataIssues);
    expect(report.findings.map((f) => `${f.requirement} ${f.status} ${f.subject.id}${f.dueDate ? ` due ${f.dueDate}` : ''}`)).toEqual(expected.findings);
  });
});

it('the corpus covers every kind of breakage it promises', () => {
  expect(cases).toEqual([
    'absurd-duration', 'before-start', 'binary-garbage', 'bom-in-middle', 'duplicate-columns', 'duplicate-ids', 'empty-file', 'excel-serial-date',
    'future-date', 'header-only', 'impossible-date', 'missing-columns', 'mixed-line-endings', 'negative-duration', 'truncated-mid-quote',
    'two-digit-year', 'unknown-code', 'unknown-worker', 'us-order-date', 'very-long-field',
  ]);
});

describe('a header cell saved over two lines', () => {
  const tmp = tempFolder();

  it('is named on the stop message\'s one line, its line break shown as a mark', async () => {
    const header = 'WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,SUPERVISOR_WORKER_ID,STEP_STATUS,EVENT_DATETIME,"WORKER_\r\nID"';
    writeFileSync(join(tmp.dir, 'supervision_steps.csv'), `${header}\r\n9000001,Formal Supervision,10001,10000,COMPLETE,05/10/2026 10:00,10001\r\n`);
    const run = await runMain('audit', tmp.dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: ${join(tmp.dir, 'supervision_steps.csv')}: the columns WORKER_ID and WORKER_\uFFFD\uFFFDID, the same name to the audit, are both in the header (columns 3 and 7): keep one of them, or rename one\n`);
  });
});

describe('an export missing a column that tells it from a smaller layout', () => {
  const tmp = tempFolder();
  const caseSteps = (header: string): string =>
    `${header}\r\n9248763,Case Supervision,10006,10005,COMPLETE,10/10/2026 13:00,10/10/2026 11:34,10/10/2026 17:30,21/10/2026,\r\n`;

  // Without PERSON_ID a case steps file has every column of a supervision steps file: its case discussions would be read as supervision.
  it('is not read as the smaller layout: the audit stops, naming the column and both ways forward', async () => {
    writeFileSync(join(tmp.dir, 'case_steps.csv'), caseSteps('WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,SUPERVISOR_WORKER_ID,STEP_STATUS,EVENT_DATETIME,COMPLETED_ON,SUPERVISOR_SIGNED_ON,WORKER_SIGNED_ON,SUPERVISION_STEP_ID'));
    const run = await runMain('audit', tmp.dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        `supervision-audit: ${join(tmp.dir, 'case_steps.csv')}: the header has every required column of mosaic supervision steps, but reads more of its columns as mosaic case steps (case supervision, management oversight and decisions), which also needs PERSON_ID. A case steps export with that column renamed or left out would be taken for a supervision steps export, its rows for the wrong records, so the file is not read.`,
        'If it is in the file under another name, map it in policies/barnsley/adapter.yaml (merged with what is there):',
        '    columns:',
        '      case-steps:',
        '        PERSON_ID: ""   # the file\'s name for it: no column of the file looks like it',
        'If it is a supervision steps export, leave out its column SUPERVISION_STEP_ID and run again.',
        '',
      ].join('\n'),
    );
  });

  it('is told the same way with the column under a name of its own; a supervision steps header is read as one', async () => {
    const { adaptersFor, loadPolicy } = await import('../../src/policy/load.js');
    const { detectLayout } = await import('../../src/adapters/detect.js');
    const adapters = adaptersFor(await loadPolicy('barnsley'), undefined);
    const columns = ['WORKFLOW_STEP_ID', 'CLIENT_ID', 'STEP_TYPE', 'WORKER_ID', 'SUPERVISOR_WORKER_ID', 'STEP_STATUS', 'EVENT_DATETIME', 'COMPLETED_ON', 'SUPERVISOR_SIGNED_ON', 'WORKER_SIGNED_ON', 'SUPERVISION_STEP_ID'];
    expect(() => detectLayout(columns, adapters, 'case_steps.csv')).toThrow(/reads more of its columns as mosaic case steps .* which also needs PERSON_ID/);
    // A real supervision steps header is read as one: no larger layout reads more of it.
    const sessions = ['WORKFLOW_STEP_ID', 'STEP_TYPE', 'WORKER_ID', 'SUPERVISOR_WORKER_ID', 'STEP_STATUS', 'EVENT_DATETIME', 'DURATION_MINS', 'CANCELLATION_REASON', 'STARTED_ON', 'COMPLETED_ON', 'SUPERVISOR_SIGNED_ON', 'WORKER_SIGNED_ON', 'DIVERSITY_DISCUSSED', 'TOPICS', 'NOTES'];
    expect(detectLayout(sessions, adapters, 'supervision_steps.csv').layout.entity).toBe('sessions');
  });

  // A layout with no column for what the file's own layout needs is no larger version of it.
  it.each([
    ['a Mosaic supervisors file with the worker\'s name', ['WORKER_ID', 'SUPERVISOR_WORKER_ID', 'START_DATE', 'END_DATE', 'FIRST_NAMES', 'LAST_NAMES'], 'supervisors'],
    ['a Mosaic supervisors file with the worker\'s team and service', ['WORKER_ID', 'SUPERVISOR_WORKER_ID', 'START_DATE', 'END_DATE', 'ORG_NAME', 'SERVICE_NAME'], 'supervisors'],
    // STAFF_ID is two fields of the Liquid Logic workers layout: it is one column of the file.
    ['a Liquid Logic worker supervisors file with the staff number', ['DIM_WORKER_ID', 'SUPERVISOR_DIM_WORKER_ID', 'START_DTTM', 'END_DTTM', 'STAFF_ID'], 'supervisors'],
  ])('leaves %s as it is', async (_, columns, entity) => {
    const { adaptersFor, loadPolicy } = await import('../../src/policy/load.js');
    const { detectLayout } = await import('../../src/adapters/detect.js');
    for (const policy of ['barnsley', 'portsmouth']) {
      expect(detectLayout(columns, adaptersFor(await loadPolicy(policy), undefined), 'f.csv').layout.entity).toBe(entity);
    }
  });
});

describe('an export carrying each worker\'s details, which a workers export has too', () => {
  const detect = async (policy: string, columns: string[]) => {
    const { adaptersFor, loadPolicy } = await import('../../src/policy/load.js');
    const { detectLayout } = await import('../../src/adapters/detect.js');
    const adapters = adaptersFor(await loadPolicy(policy), undefined);
    return () => detectLayout(columns, adapters, 'f.csv');
  };

  it('stops on a supervisors export with the worker\'s name, role and team, naming the columns to leave out for either reading', async () => {
    const run = await detect('barnsley', ['WORKER_ID', 'SUPERVISOR_WORKER_ID', 'START_DATE', 'END_DATE', 'FIRST_NAMES', 'LAST_NAMES', 'ROLE_DESCRIPTION', 'ORG_NAME']);
    expect(run).toThrow(
      'f.csv: the header has every column of mosaic workers and of mosaic supervisors, so it cannot be told which the file is, and read as the wrong one its rows would be lost. ' +
        'If it is a supervisors export with each worker\'s details beside it, leave out FIRST_NAMES, LAST_NAMES, ROLE_DESCRIPTION, ORG_NAME; if it is a workers export, leave out SUPERVISOR_WORKER_ID; ' +
        'or say which it is in adapter.yaml (files: f.csv: supervisors, or workers). Then run again.',
    );
  });

  it.each([
    ['a Mosaic allocations export with the worker\'s role and team', 'barnsley', ['PERSON_ID', 'WORKER_ID', 'ALLOCATION_TYPE', 'START_DATE', 'END_DATE', 'ROLE_DESCRIPTION', 'ORG_NAME'], 'allocated workers'],
    ['an HR export with each worker\'s job, team and start', 'barnsley', ['WORKER_ID', 'RECORD_TYPE', 'RECORD_DATE', 'VALID_UNTIL', 'ROLE_DESCRIPTION', 'ORG_NAME', 'START_DATE'], 'staff records'],
    // Newham's staff report calls the job title POST_TITLE; AzeusCare's own name is read too.
    ['an AzeusCare supervisor history with the worker\'s post and team', 'newham', ['EMP_ID', 'SUPV_EMP_ID', 'START_DT', 'END_DT', 'EMP_NAME', 'POST_TITLE', 'TEAM_NAME', 'EFFECT_DT_FR'], 'supervisor history'],
    ['an AzeusCare supervisor history with the worker\'s designation and team', 'newham', ['EMP_ID', 'SUPV_EMP_ID', 'START_DT', 'END_DT', 'EMP_NAME', 'DESIGNATION', 'TEAM_NAME', 'EFFECT_DT_FR'], 'supervisor history'],
    ['a Liquid Logic worker supervisors export with the worker\'s job and department', 'portsmouth', ['DIM_WORKER_ID', 'SUPERVISOR_DIM_WORKER_ID', 'START_DTTM', 'END_DTTM', 'JOB_TITLE', 'DEPARTMENT_NAME'], 'worker supervisors'],
  ])('stops on %s', async (_, policy, columns, title) => {
    expect(await detect(policy, columns)).toThrow(new RegExp(`^f\\.csv: the header has every column of \\w+ (workers|staff) and of \\w+ ${title}`));
  });

  it('reads the file as the export adapter.yaml names it, whatever else its header fits', async () => {
    const { adapterFileSchema, authorityAdapter, placedAdapterProblems } = await import('../../src/adapters/authority.js');
    const { detectLayout } = await import('../../src/adapters/detect.js');
    const adapterFile = adapterFileSchema.parse({ system: 'mosaic', files: { 'Supervisors.csv': 'supervisors', 'staff.csv': 'workers', 'steps.xlsx#Case steps': 'case-steps' } });
    const adapters = [authorityAdapter(adapterFile)];
    const both = ['WORKER_ID', 'SUPERVISOR_WORKER_ID', 'START_DATE', 'END_DATE', 'ROLE_DESCRIPTION', 'ORG_NAME'];
    expect(detectLayout(both, adapters, 'exports/supervisors.csv').layout.entity).toBe('supervisors');
    expect(detectLayout(both, adapters, 'exports/staff.csv').layout.entity).toBe('workers');
    expect(() => detectLayout(both, adapters, 'exports/other.csv')).toThrow(/cannot be told which the file is/);
    // A sheet is named with its workbook; the export it is named must be one its header has every column of.
    expect(() => detectLayout(both, adapters, 'exports/steps.xlsx', 'adapter.yaml', 'Case steps')).toThrow(
      "exports/steps.xlsx: adapter.yaml says steps.xlsx#Case steps is a case-steps export (files), but its header is not one: it misses WORKFLOW_STEP_ID, PERSON_ID, STEP_TYPE, STEP_STATUS, EVENT_DATETIME of mosaic case steps (case supervision, management oversight and decisions). Correct the file or that line of adapter.yaml",
    );
    expect(placedAdapterProblems(adapterFileSchema.parse({ system: 'mosaic', files: { 'answers.csv': 'form-answers' } })).map((p) => p.problem)).toEqual(['files.answers.csv: Mosaic has no form-answers export']);
  });

  it.each([
    ['a workers export', 'barnsley', ['WORKER_ID', 'STAFF_NUMBER', 'FIRST_NAMES', 'LAST_NAMES', 'ROLE_DESCRIPTION', 'ORG_NAME', 'SERVICE_NAME', 'PROFESSION', 'START_DATE', 'END_DATE', 'ASYE_START_DATE'], 'workers'],
    ['a case steps export with the worker\'s role, team and start', 'barnsley', ['WORKFLOW_STEP_ID', 'PERSON_ID', 'STEP_TYPE', 'WORKER_ID', 'SUPERVISOR_WORKER_ID', 'STEP_STATUS', 'EVENT_DATETIME', 'COMPLETED_ON', 'ROLE_DESCRIPTION', 'ORG_NAME', 'START_DATE'], 'case-steps'],
    ['a supervision steps export with the worker\'s role, team and start', 'barnsley', ['WORKFLOW_STEP_ID', 'STEP_TYPE', 'WORKER_ID', 'SUPERVISOR_WORKER_ID', 'STEP_STATUS', 'EVENT_DATETIME', 'DURATION_MINS', 'ROLE_DESCRIPTION', 'ORG_NAME', 'START_DATE'], 'sessions'],
    // A second date (a supervision's start) tells nothing: every export has dates.
    ['a workers export with the start of the current supervision', 'barnsley', ['WORKER_ID', 'SUPERVISOR_START', 'ROLE_DESCRIPTION', 'ORG_NAME', 'START_DATE', 'END_DATE'], 'workers'],
  ])('reads %s as what it is', async (_, policy, columns, entity) => {
    expect((await detect(policy, columns))().layout.entity).toBe(entity);
  });
});

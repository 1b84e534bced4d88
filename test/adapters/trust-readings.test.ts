/**
 * The readings of "When an export cannot be trusted" and "Workers with no start date"
 * (REQUIREMENTS.md), as table cases on small Mosaic exports read as an audit reads them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapters/authority.js';
import { loadExports, type Loaded } from '../../src/adapters/load.js';
import { checkColumnsRead } from '../../src/adapters/trust.js';
import { formatDay, parseIsoDay } from '../../src/time/calendar.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
let n = 0;

const AS_OF = parseIsoDay('2026-10-31')!;
const TODAY = parseIsoDay('2026-11-27')!;

async function load(files: Record<string, string[]>): Promise<Loaded> {
  const dir = `${tmp.dir}/trust-${++n}`;
  mkdirSync(dir);
  for (const [name, lines] of Object.entries(files)) tmp.write(`trust-${n}/${name}`, `${lines.join('\r\n')}\r\n`);
  return loadExports([dir], { adapters: [referenceAdapter('mosaic')], adapterFile: 'adapter.yaml', asOf: AS_OF, today: TODAY });
}

const WORKERS = ['WORKER_ID,FIRST_NAMES,LAST_NAMES,ROLE_DESCRIPTION,ORG_NAME,PROFESSION,START_DATE,END_DATE', '201,Ann,Example,Social Worker,Team A,Social Work,01/01/2020,', '101,Cal,Example,Team Manager,Team A,Social Work,01/01/2015,'];
const STEPS = 'WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,SUPERVISOR_WORKER_ID,STEP_STATUS,EVENT_DATETIME,DURATION_MINS';

describe('a session dated after the audit date is not relevant before its codes are judged', () => {
  it.each([
    { name: 'booked (SCHEDULED) the day after the audit date', status: 'SCHEDULED', on: '01/11/2026', outcome: 'not relevant', issue: null },
    { name: 'an unknown code the day after the audit date', status: 'AWAITING', on: '01/11/2026', outcome: 'not relevant', issue: null },
    { name: 'an unknown code on the audit date', status: 'AWAITING', on: '31/10/2026', outcome: 'rejected', issue: 'unknown sessionStatuses code "AWAITING": add it under codes.sessionStatuses in adapter.yaml' },
    { name: 'booked (SCHEDULED) on the audit date: planned, never held', status: 'SCHEDULED', on: '31/10/2026', outcome: 'planned', issue: null },
    { name: 'BOOKED on the audit date: planned', status: 'BOOKED', on: '31/10/2026', outcome: 'planned', issue: null },
    { name: 'held, the day after the audit date', status: 'COMPLETE', on: '01/11/2026', outcome: 'not relevant', issue: null },
    { name: 'held, after the day the audit runs: a note', status: 'COMPLETE', on: '28/11/2026', outcome: 'not relevant', issue: 'a session recorded as held is dated after today (2026-11-27), the day the audit runs: a booking marked held, or a typing error? It is not used' },
    { name: 'booked, after the day the audit runs: no note', status: 'SCHEDULED', on: '28/11/2027', outcome: 'not relevant', issue: null },
    { name: 'a booked session with a bad duration after the audit date: no issue', status: 'SCHEDULED', on: '02/11/2026', outcome: 'not relevant', issue: null, duration: 'ninety' },
  ])('$name', async ({ status, on, outcome, issue, duration }) => {
    const loaded = await load({ 'workers.csv': WORKERS, 'steps.csv': [STEPS, `9001,Formal Supervision,201,101,${status},${on} 10:00,${duration ?? '90'}`] });
    const steps = loaded.inputs.find((i) => i.entity === 'sessions')!;
    const issues = loaded.issues.filter((i) => i.file.endsWith('steps.csv'));
    expect(issues.map((i) => i.problem)).toEqual(issue === null ? [] : [issue]);
    if (outcome === 'not relevant') expect(steps.notRelevant).toEqual({ 'dated after the audit date': 1 });
    if (outcome === 'rejected') expect([steps.rowsRejected, steps.notRelevant]).toEqual([1, {}]);
    if (outcome === 'planned') expect(loaded.dataset.sessions.toArray().map((s) => s.status)).toEqual(['planned']);
  });

  it('sessions recorded as held after the day the audit runs are one note for the file, counting them', async () => {
    const rows = ['28/11/2026', '01/01/2027', '05/03/2027'].map((on, i) => `900${i},Formal Supervision,201,101,COMPLETE,${on} 10:00,90`);
    const loaded = await load({ 'workers.csv': WORKERS, 'steps.csv': [STEPS, ...rows] });
    expect(loaded.issues.map((i) => [i.line, i.field, i.effect, i.rows, i.problem.endsWith('. 3 rows of the column are so, the first on line 2')])).toEqual([[2, 'EVENT_DATETIME', 'note', 3, true]]);
  });
});

// A staff record so dated: test/adapters/staff-records.test.ts.
describe('a case step dated after the day the audit runs is not relevant, never rejected', () => {
  const CASE_STEPS = 'WORKFLOW_STEP_ID,PERSON_ID,STEP_TYPE,WORKER_ID,SUPERVISOR_WORKER_ID,STEP_STATUS,EVENT_DATETIME';
  const COMPLETED = 'a case step recorded as complete is dated after today (2026-11-27), the day the audit runs: a booking marked complete, or a typing error? It is not used';
  it.each([
    { name: 'a case discussion still to come (INCOMPLETE): no note', file: 'case_steps.csv', lines: [CASE_STEPS, '9101,500001,Case Supervision,201,101,INCOMPLETE,05/01/2027 10:00'], issue: null },
    { name: 'a case discussion recorded as complete: a note', file: 'case_steps.csv', lines: [CASE_STEPS, '9101,500001,Case Supervision,201,101,COMPLETE,05/01/2027 10:00'], issue: COMPLETED },
    { name: 'a case discussion recorded as cancelled: no note', file: 'case_steps.csv', lines: [CASE_STEPS, '9101,500001,Case Supervision,201,101,CANCELLED,05/01/2027 10:00'], issue: null },
  ])('$name', async ({ file, lines, issue }) => {
    const loaded = await load({ 'workers.csv': WORKERS, [file]: lines });
    const input = loaded.inputs.find((i) => i.file.endsWith(file))!;
    expect([input.rowsRead, input.rowsUsed, input.notRelevant]).toEqual([1, 0, { 'dated after the audit date': 1 }]);
    expect(loaded.issues.filter((i) => i.file.endsWith(file)).map((i) => [i.effect, i.problem])).toEqual(issue === null ? [] : [['note', issue]]);
  });

  const INCIDENTS = 'INCIDENT_ID,PERSON_ID,INCIDENT_DATE,RESOLVED_DATE,INCIDENT_TYPE';
  it.each([
    { name: 'an incident the day after the audit date: no note', lines: [INCIDENTS, '7001,500001,01/11/2026,,Complaint'], issues: [] },
    {
      name: 'incidents after the day the audit runs: one note for the file, counting them',
      lines: [INCIDENTS, '7001,500001,28/11/2026,,Complaint', '7002,500001,31/10/2026,,Complaint', '7003,500002,14/02/2027,,Allegation'],
      issues: [
        ['note', 2, 2, 'INCIDENT_DATE', 'an incident is dated after today (2026-11-27), the day the audit runs: a typing error? It is not used. 2 rows of the column are so, the first on line 2'],
        ['kept', 3, undefined, 'PERSON_ID', 'person 500001 is in no other export (no plan, allocation, case step or residence), so no worker can be found for the incident and no rule can judge it: check the person id'],
      ],
    },
  ])('$name', async ({ lines, issues }) => {
    const loaded = await load({ 'workers.csv': WORKERS, 'incidents.csv': lines });
    const input = loaded.inputs.find((i) => i.file.endsWith('incidents.csv'))!;
    const later = lines.length - 1 - loaded.dataset.incidents.length;
    expect([input.rowsRead, input.rowsUsed, input.rowsRejected, input.notRelevant]).toEqual([lines.length - 1, lines.length - 1 - later, later, { 'dated after the audit date': later }]);
    expect(loaded.issues.filter((i) => i.file.endsWith('incidents.csv')).map((i) => [i.effect, i.line, i.rows, i.field, i.problem])).toEqual(issues);
  });

  it('dated before 1990: rejected, as it cannot be right', async () => {
    const loaded = await load({ 'workers.csv': WORKERS, 'case_steps.csv': [CASE_STEPS, '9101,500001,Case Supervision,201,101,COMPLETE,05/01/1989 10:00'] });
    expect(loaded.issues.filter((i) => i.file.endsWith('case_steps.csv')).map((i) => [i.effect, i.problem])).toEqual([['row rejected', 'dated before 1990, which cannot be right: a typing error? The row is not used']]);
  });
});

describe('workers with no start date', () => {
  const HEADER = 'WORKER_ID,FIRST_NAMES,LAST_NAMES,ROLE_DESCRIPTION,ORG_NAME,PROFESSION,START_DATE,END_DATE';
  const SUPERVISORS = ['WORKER_ID,SUPERVISOR_WORKER_ID,START_DATE,END_DATE', '201,101,01/01/2024,'];
  const row = (id: string, title: string, start: string, end = ''): string => `${id},Ann,Example,${title},Team A,Social Work,${start},${end}`;

  it.each([
    { name: 'a blank start on the only row: kept, in post since before any window', rows: [row('201', 'Social Worker', '')], periods: [['1900-01-01', null]], issue: ['kept', "worker 201 has no start date: read as in post since before the audit window, and judged from their events alone"] },
    { name: 'a blank start on the first row, a promotion after it: both kept', rows: [row('201', 'Social Worker', ''), row('201', 'Senior Social Worker', '01/06/2025')], periods: [['1900-01-01', '2025-05-31'], ['2025-06-01', null]], issue: ['kept', "worker 201 has no start date: read as in post since before the audit window, and judged from their events alone"] },
    { name: 'a blank start on a later row: that row rejected', rows: [row('201', 'Social Worker', '01/01/2020'), row('201', 'Senior Social Worker', '')], periods: [['2020-01-01', null]], issue: ['row rejected', "worker 201's row has no start date, and it is not their first row: a later period must say when it began; the row is not used"] },
  ])('$name', async ({ rows, periods, issue }) => {
    const loaded = await load({ 'workers.csv': [HEADER, row('101', 'Team Manager', '01/01/2015'), ...rows], 'supervisors.csv': SUPERVISORS });
    expect(loaded.dataset.workerById.get('201')!.periods.map((p) => [formatDay(p.start), p.end === null ? null : formatDay(p.end)])).toEqual(periods);
    expect(loaded.issues.map((i) => [i.effect, i.problem])).toEqual([issue]);
  });

  it('a supervisor with no start date is a known worker', async () => {
    const loaded = await load({ 'workers.csv': [HEADER, row('101', 'Team Manager', ''), row('201', 'Social Worker', '01/01/2020')], 'supervisors.csv': SUPERVISORS });
    expect(loaded.dataset.workerById.has('101')).toBe(true);
    expect(loaded.dataset.supervisors).toHaveLength(1);
  });

  it('a row that hangs off a rejected workers row names that row, never "not in any workers file"', async () => {
    const loaded = await load({
      'workers.csv': [HEADER, row('101', 'Team Manager', '01/01/2015'), row('201', 'Social Worker', '31/02/2020')],
      'supervisors.csv': SUPERVISORS,
      'steps.csv': [STEPS, '9001,Formal Supervision,201,101,COMPLETE,01/10/2026 10:00,90'],
    });
    const dir = loaded.inputs[0]!.file.replace(/\/[^/]+$/, '');
    expect(loaded.issues.filter((i) => i.field === 'WORKER_ID').map((i) => [i.file.slice(dir.length + 1), i.problem])).toEqual(
      ['supervisors.csv', 'steps.csv'].sort().map((file) => [
        file,
        `worker 201's row in ${dir}/workers.csv, line 3, was rejected (START_DATE "31/02/2020": "31/02/2020" is not a real date), so nothing can be checked for them until it is corrected`,
      ]),
    );
  });

  it('a workers row lost to a cell too long for a spreadsheet is named too, with its id written with a leading zero', async () => {
    const title = 'x'.repeat(40_000);
    const loaded = await load({
      'workers.csv': [HEADER, row('101', 'Team Manager', '01/01/2015'), row('0201', title, '01/01/2020')],
      'supervisors.csv': SUPERVISORS,
      'steps.csv': [STEPS, '9001,Formal Supervision,201,101,COMPLETE,01/10/2026 10:00,90'],
    });
    const dir = loaded.inputs[0]!.file.replace(/\/[^/]+$/, '');
    const lost = 'the value of "ROLE_DESCRIPTION" is 40,000 characters long, more than the 32,767 a spreadsheet cell can hold (a damaged export?); the row is not read';
    expect(loaded.issues.filter((i) => i.file.endsWith('workers.csv')).map((i) => [i.line, i.problem, i.effect])).toEqual([[3, lost, 'row rejected']]);
    expect(loaded.issues.filter((i) => i.field === 'WORKER_ID').map((i) => [i.file.slice(dir.length + 1), i.problem])).toEqual(
      ['supervisors.csv', 'steps.csv'].sort().map((file) => [file, `worker 201's row in ${dir}/workers.csv, line 3, was rejected (${lost}), so nothing can be checked for them until it is corrected`]),
    );
  });

  it.each([
    ['a value too long for a cell', { ROLE_DESCRIPTION: 'x'.repeat(40_000) }, 'the value of "ROLE_DESCRIPTION" is 40,000 characters long, more than the 32,767 a spreadsheet cell can hold (a damaged export?); the row is not read'],
    ['a nested object', { ORG_NAME: { name: 'Team A' } }, 'the value of "ORG_NAME" is a nested object, not a value'],
  ])('a JSON workers record lost to %s is named too', async (_, change, lost) => {
    const record = (id: string, extra: object = {}): string => JSON.stringify({ WORKER_ID: id, FIRST_NAMES: 'Ann', LAST_NAMES: 'Example', ROLE_DESCRIPTION: 'Social Worker', ORG_NAME: 'Team A', PROFESSION: 'Social Work', START_DATE: '01/01/2020', ...extra });
    const loaded = await load({
      'workers.json': ['[', `${record('101')},`, record('201', change), ']'],
      'supervisors.csv': SUPERVISORS,
    });
    const dir = loaded.inputs[0]!.file.replace(/\/[^/]+$/, '');
    expect(loaded.issues.filter((i) => i.field === 'WORKER_ID').map((i) => [i.file.slice(dir.length + 1), i.problem])).toEqual([
      ['supervisors.csv', `worker 201's row in ${dir}/workers.json, line 3, was rejected (${lost}), so nothing can be checked for them until it is corrected`],
    ]);
  });

  it('staff records of workers whose rows were rejected never stop the audit as an HR export keyed wrongly', async () => {
    const loaded = await load({
      'workers.csv': [HEADER, row('101', 'Team Manager', '01/01/2015'), row('201', 'Social Worker', '31/02/2020'), row('202', 'Social Worker', '32/01/2020')],
      'staff_records.csv': ['WORKER_ID,RECORD_TYPE,RECORD_DATE,VALID_UNTIL,REFERENCE', '101,DBS_CHECK,01/03/2026,,', '201,DBS_CHECK,01/03/2026,,', '202,DBS_CHECK,01/03/2026,,'],
    });
    expect(loaded.issues.filter((i) => i.file.endsWith('staff_records.csv')).map((i) => [i.line, i.value, i.problem.replace(/ in .*, line (\d+), was rejected .*$/, ' line $1 was rejected')])).toEqual([
      [3, '201', "worker 201's row line 3 was rejected"],
      [4, '202', "worker 202's row line 4 was rejected"],
    ]);
    expect(loaded.dataset.staffRecordsByWorker.get('101')).toHaveLength(1);
  });

  it('a staff record of a worker whose workers row was rejected names that row, never "not in any workers file"', async () => {
    const loaded = await load({
      'workers.csv': [HEADER, row('101', 'Team Manager', '01/01/2015'), row('201', 'Social Worker', '31/02/2020'), row('202', 'Social Worker', '01/01/2020')],
      'staff_records.csv': ['WORKER_ID,RECORD_TYPE,RECORD_DATE,VALID_UNTIL,REFERENCE', '101,DBS_CHECK,01/03/2026,,', '202,DBS_CHECK,01/03/2026,,', '201,DBS_CHECK,01/03/2026,,', '999,DBS_CHECK,01/03/2026,,'],
    });
    const dir = loaded.inputs[0]!.file.replace(/\/[^/]+$/, '');
    expect(loaded.issues.filter((i) => i.file.endsWith('staff_records.csv')).map((i) => [i.line, i.field, i.value, i.problem, i.effect])).toEqual([
      [4, 'WORKER_ID', '201', `worker 201's row in ${dir}/workers.csv, line 3, was rejected (START_DATE "31/02/2020": "31/02/2020" is not a real date), so nothing can be checked for them until it is corrected`, 'row rejected'],
      [5, 'WORKER_ID', '999', 'worker 999 is not in any workers file, so nothing can be checked for them', 'row rejected'],
    ]);
  });
});

describe('ids compared as numbers', () => {
  it.each([
    { name: 'a leading zero in the workers export only', worker: '010006', elsewhere: '10006', named: '010006' },
    { name: 'a leading zero everywhere but the workers export', worker: '10006', elsewhere: '0010006', named: '10006' },
    { name: 'pandas’ float ids with a zero', worker: '10006', elsewhere: '010006.0', named: '10006' },
  ])('$name: one worker in every join, named by the workers row’s id', async ({ worker, elsewhere, named }) => {
    const loaded = await load({
      'workers.csv': ['WORKER_ID,STAFF_NUMBER,FIRST_NAMES,LAST_NAMES,ROLE_DESCRIPTION,ORG_NAME,PROFESSION,START_DATE', `${worker},0123,Ann,Example,Social Worker,Team A,Social Work,01/01/2020`, '0101,,Cal,Example,Team Manager,Team A,Social Work,01/01/2015'],
      'supervisors.csv': ['WORKER_ID,SUPERVISOR_WORKER_ID,START_DATE,END_DATE', `${elsewhere},101,01/01/2024,`],
      'steps.csv': [STEPS, `9001,Formal Supervision,${elsewhere},00101,COMPLETE,01/10/2026 10:00,90`],
      'agreements.csv': ['WORKER_ID,SUPERVISOR_WORKER_ID,SIGNED_DATE,REVIEWED_DATE', `${elsewhere},101,01/01/2024,`],
      'allocated_workers.csv': ['PERSON_ID,WORKER_ID,ALLOCATION_TYPE,START_DATE,END_DATE', `0500001,${elsewhere},ALLWKR,01/01/2025,`],
      'staff_records.csv': ['WORKER_ID,RECORD_TYPE,RECORD_DATE,VALID_UNTIL,REFERENCE', `${elsewhere},DBS_CHECK,01/01/2020,,`],
    });
    expect(loaded.issues.filter((i) => i.effect !== 'note')).toEqual([]);
    const { dataset } = loaded;
    expect(dataset.workers.map((w) => w.id).sort()).toEqual(['0101', named].sort());
    expect([dataset.supervisors[0]!.workerId, dataset.supervisors[0]!.supervisorId]).toEqual([named, '0101']);
    expect([dataset.sessions.at(0).workerId, dataset.sessions.at(0).supervisorId]).toEqual([named, '0101']);
    expect([dataset.agreements[0]!.workerId, dataset.agreements[0]!.supervisorId]).toEqual([named, '0101']);
    expect([dataset.allocations[0]!.workerId, dataset.allocations[0]!.caseId]).toEqual([named, '500001']);
    expect(dataset.staffRecordsByWorker.get(named)).toHaveLength(1);
  });
});

describe('ids given as JSON numbers', () => {
  const worker = (id: string): string => `{"WORKER_ID": ${id}, "FIRST_NAMES": "Ann", "LAST_NAMES": "Example", "ROLE_DESCRIPTION": "Social Worker", "ORG_NAME": "Team A", "PROFESSION": "Social Work", "START_DATE": "01/01/2020"}`;
  const step = (id: number, workerId: string): string => `{"WORKFLOW_STEP_ID": ${id}, "STEP_TYPE": "Formal Supervision", "WORKER_ID": ${workerId}, "SUPERVISOR_WORKER_ID": 101, "STEP_STATUS": "COMPLETE", "EVENT_DATETIME": "01/10/2026 10:00", "DURATION_MINS": 90}`;
  const notWhole = (value: string): string => `${value} is a number that is not a whole one (an id is written in digits alone): the export's id column holds a calculated or converted value. Export the ids again as the system holds them`;

  it.each([
    { name: 'a whole number: the id', id: '201', issue: null, read: '201' },
    { name: 'a whole number written as a float (pandas): the id', id: '201.0', issue: null, read: '201' },
    { name: 'above 2^53: read digit for digit, never rounded into another id', id: '90071992547409923', issue: null, read: '90071992547409923' },
    { name: 'a fraction: row rejected', id: '1.5', issue: notWhole('1.5'), read: null },
    { name: 'a negative number: row rejected', id: '-4', issue: notWhole('-4'), read: null },
    { name: 'an exponent: row rejected', id: '1e3', issue: notWhole('1e3'), read: null },
  ])('$name', async ({ id, issue, read }) => {
    const loaded = await load({
      'workers.json': ['[', [worker('201'), worker('90071992547409923'), worker('90071992547409921').replace('Ann', 'Bea'), worker('101').replace('Social Worker', 'Team Manager')].join(',\r\n'), ']'],
      'steps.json': ['[', step(9001, id), ']'],
    });
    expect(loaded.issues.map((i) => [i.file.endsWith('steps.json'), i.line, i.field, i.value, i.problem, i.effect])).toEqual(issue === null ? [] : [[true, 2, 'WORKER_ID', id, issue, 'row rejected']]);
    expect(loaded.dataset.sessions.toArray().map((s) => s.workerId)).toEqual(read === null ? [] : [read]);
  });
});

describe('a JSON export with bytes that are not UTF-8', () => {
  const worker = (id: string, first: string, last: string, manager = false): string =>
    `{"WORKER_ID": ${id}, "FIRST_NAMES": "${first}", "LAST_NAMES": "${last}", "ROLE_DESCRIPTION": "${manager ? 'Team Manager' : 'Social Worker'}", "ORG_NAME": "Team A", "PROFESSION": "Social Work", "START_DATE": "01/01/2020"}`;
  const NOT_UTF8 = 'the value holds bytes that are not UTF-8 (the rest of the file is), each shown as �: the value is read with them so; correct it in the source system';

  it.each([
    { name: 'an array of records', open: '[', separator: ',', close: ']', lines: [3, 4] },
    { name: 'JSON Lines', open: null, separator: '', close: null, lines: [2, 3] },
  ])('$name: each value with one is a data issue on its record’s line, the value kept', async ({ open, separator, close, lines }) => {
    const records = [worker('101', 'Cal', 'Example', true), worker('201', 'Ann', 'O\u0001Brien'), worker('202', 'Bea', 'Example \u0002 \u0002')];
    const text = [...(open === null ? [] : [open]), records.map((r, i) => r + (i < records.length - 1 ? separator : '')).join('\r\n'), ...(close === null ? [] : [close])].join('\r\n');
    // A Windows-1252 apostrophe (0x92) in one name, and two stray bytes (0xA3, 0xFF) in another.
    const bytes = Buffer.from(text.replace('\u0001', '\u0092').replace('\u0002', '\u00a3').replace('\u0002', '\u00ff'), 'latin1');
    const dir = `${tmp.dir}/trust-${++n}`;
    mkdirSync(dir);
    writeFileSync(`${dir}/workers.json`, bytes);
    const loaded = await loadExports([dir], { adapters: [referenceAdapter('mosaic')], adapterFile: 'adapter.yaml', asOf: AS_OF, today: TODAY });
    expect(loaded.issues.map((i) => [i.line, i.field, i.problem, i.effect])).toEqual([
      [lines[0], 'LAST_NAMES', NOT_UTF8, 'kept'],
      [lines[1], 'LAST_NAMES', NOT_UTF8, 'kept'],
    ]);
    expect(loaded.dataset.workers.map((w) => w.id).sort()).toEqual(['101', '201', '202']);
  });
});

describe('the word NULL, as SQL Server writes an empty cell', () => {
  it('is blank in any case in a date, code, id or free-text column, and in names only as NULL or null: a surname Null is a name', async () => {
    const loaded = await load({
      'workers.csv': [
        WORKERS[0]!,
        '201,Ann,Null,Social Worker,Team A,Social Work,01/01/2020,Null',
        '202,Bo,NULL,Social Worker,Team A,Social Work,01/01/2020,NULL',
        '203,Cy,null,Social Worker,Team A,Social Work,01/01/2020,null',
        '204,Di, NULL ,Social Worker,Team A,Social Work,01/01/2020,NULL                ',
        WORKERS[2]!,
      ],
    });
    expect(loaded.dataset.workers.map((w) => [w.id, w.name, w.end])).toEqual([
      ['201', 'Ann Null', null],
      ['202', 'Bo', null],
      ['203', 'Cy', null],
      ['204', 'Di', null],
      ['101', 'Cal Example', null],
    ]);
    expect(loaded.issues).toEqual([]);
  });

  it('is blank padded to its column\'s width, under a header sqlcmd underlines with dashes, which is no row', async () => {
    const pad = (cells: string[]) => cells.map((c, i) => c.padEnd([9, 11, 10, 14, 16, 12, 11, 10][i]!)).join(',');
    const loaded = await load({
      'workers.csv': [
        pad(WORKERS[0]!.split(',')),
        pad(WORKERS[0]!.split(',').map((c) => '-'.repeat(c.length))),
        pad(['201', 'Ann', 'NULL', 'Social Worker', 'Team A', 'Social Work', '01/01/2020', 'NULL']),
        pad(WORKERS[2]!.split(',')),
      ],
    });
    expect(loaded.dataset.workers.map((w) => [w.id, w.name, w.end])).toEqual([['201', 'Ann', null], ['101', 'Cal Example', null]]);
    expect(loaded.inputs[0]).toMatchObject({ titleRows: 1, rowsRead: 2, rowsUsed: 2, rowsRejected: 0 });
    expect(loaded.issues).toEqual([]);
  });

  it('a first row with a dash in one cell and others blank is a row, read and rejected, never the rule under a header', async () => {
    const loaded = await load({ 'workers.csv': [WORKERS[0]!, ',,-,,,,,', WORKERS[1]!, WORKERS[2]!] });
    expect(loaded.inputs[0]).toMatchObject({ titleRows: 0, rowsRead: 3, rowsUsed: 2, rowsRejected: 1 });
  });

  it('is no id in any case: a worker NuLL is a required value empty, never a worker of that id', async () => {
    const loaded = await load({ 'workers.csv': [WORKERS[0]!, 'NuLL,Ann,Example,Social Worker,Team A,Social Work,01/01/2020,', WORKERS[2]!] });
    expect(loaded.dataset.workers.map((w) => w.id)).toEqual(['101']);
    expect(loaded.issues.map((i) => [i.line, i.field, i.problem, i.effect])).toEqual([[2, 'WORKER_ID', 'a required value is empty', 'row rejected']]);
  });

  it('is no reason given in any case: a cancelled session whose reason is Null has none', async () => {
    const loaded = await load({ 'workers.csv': WORKERS, 'steps.csv': [`${STEPS},CANCELLATION_REASON`, '9001,Formal Supervision,201,101,CANCELLED,01/10/2026 10:00,,Null'] });
    expect(loaded.dataset.sessions.toArray().map((s) => [s.status, s.cancelReasonGiven])).toEqual([['cancelled', false]]);
  });
});

describe('values the audit cannot use in an optional column', () => {
  it('a session link in scientific notation loses the link, never the case discussion', async () => {
    const loaded = await load({
      'workers.csv': WORKERS,
      'case_steps.csv': [
        'WORKFLOW_STEP_ID,PERSON_ID,STEP_TYPE,WORKER_ID,SUPERVISOR_WORKER_ID,STEP_STATUS,EVENT_DATETIME,SUPERVISION_STEP_ID',
        '7001,500001,Case Supervision,201,101,COMPLETE,01/10/2026 10:00,2.02609E+11',
        '7002,500001,Case Supervision,201,null,COMPLETE,02/10/2026 00:00,NULL',
      ],
    });
    expect(loaded.dataset.discussions.toArray().map((d) => [d.id, d.sessionId, d.status])).toEqual([['7001', null, 'held'], ['7002', null, 'held']]);
    expect(loaded.dataset.discussions.at(1).supervisorId).toBeNull();
    expect(loaded.issues.map((i) => [i.line, i.field, i.effect])).toEqual([[2, 'SUPERVISION_STEP_ID', 'value ignored']]);
  });
});

describe('the later download wins', () => {
  const step = (id: string, on: string, completed: string) => `${id},Formal Supervision,201,101,COMPLETE,${on} 10:00,90,${completed}`;
  const HEADER = `${STEPS},COMPLETED_ON`;
  it.each([
    { name: 'by its latest date, though its name sorts first', files: { 'a-october.csv': [step('9001', '01/09/2026', '02/09/2026 09:00'), step('9002', '20/10/2026', '')], 'b-september.csv': [step('9001', '01/09/2026', '')] }, used: 'a-october.csv', recorded: true },
    { name: 'by its latest date, the earlier file holding the completion', files: { 'a-september.csv': [step('9001', '01/09/2026', '02/09/2026 09:00')], 'b-october.csv': [step('9001', '01/09/2026', ''), step('9002', '20/10/2026', '')] }, used: 'b-october.csv', recorded: false },
    { name: 'a date after the day the audit runs does not make a file later', files: { 'a.csv': [step('9001', '01/09/2026', '02/09/2026 09:00'), step('9002', '20/10/2026', '')], 'b.csv': [step('9001', '01/09/2026', '01/12/2027 09:00')] }, used: 'a.csv', recorded: true },
    { name: 'on a tie, the file whose name sorts later', files: { 'a.csv': [step('9001', '01/09/2026', '01/09/2026 18:00')], 'b.csv': [step('9001', '01/09/2026', '').replace(',90,', ',60,')] }, used: 'b.csv', recorded: false },
  ])('$name', async ({ files, used, recorded }) => {
    const loaded = await load({ 'workers.csv': WORKERS, ...Object.fromEntries(Object.entries(files).map(([name, rows]) => [name, [HEADER, ...rows]])) });
    const session = loaded.dataset.sessions.toArray().find((s) => s.id === '9001')!;
    expect([session.file.endsWith(`/${used}`), session.recordedAt !== null]).toEqual([true, recorded]);
    const notes = loaded.issues.filter((i) => i.problem.includes('later download'));
    expect(notes.map((i) => [i.file.endsWith(`/${used}`), i.effect, i.rows])).toEqual([[true, 'note', 1]]);
    expect(loaded.issues.filter((i) => i.effect === 'row rejected')).toEqual([]);
  });

  const SAME_RECORD = [
    { entity: 'supervisors', header: 'WORKER_ID,SUPERVISOR_WORKER_ID,START_DATE,END_DATE', earlier: '201,101,01/01/2024,', later: '201,101,01/01/2024,30/09/2026', latest: '2026-09-30', than: '2024-01-01' },
    { entity: 'agreements', header: 'WORKER_ID,SUPERVISOR_WORKER_ID,SIGNED_DATE,REVIEWED_DATE', earlier: '201,101,01/01/2024,', later: '201,101,01/01/2024,01/09/2026', latest: '2026-09-01', than: '2024-01-01' },
    { entity: 'allocations', header: 'PERSON_ID,WORKER_ID,ALLOCATION_TYPE,START_DATE,END_DATE', earlier: '500001,201,ALLWKR,01/01/2025,', later: '500001,201,ALLWKR,01/01/2025,15/09/2026', latest: '2026-09-15', than: '2025-01-01' },
    { entity: 'plans', header: 'PERSON_ID,PLAN_TYPE,START_DATE,END_DATE,PERMANENCE_AGREED,PLACEMENT_STABLE,DISABILITY_ONLY,LONG_TERM_PLACEMENT', earlier: '500001,CP,01/01/2025,,N,N,N,N', later: '500001,CP,01/01/2025,15/09/2026,N,N,N,N', latest: '2026-09-15', than: '2025-01-01' },
  ] as const;

  it.each(SAME_RECORD)('$entity: a row with no id, one record in two downloads (same worker or case, same start), is the later download’s', async ({ entity, header, earlier, later, latest, than }) => {
    // The later download's name sorts first, so that the file order alone would not pick it.
    const loaded = await load({ 'workers.csv': WORKERS, 'b-september.csv': [header, earlier], 'a-october.csv': [header, later] });
    const dir = loaded.inputs[0]!.file.replace(/\/[^/]+$/, '');
    const rows = loaded.dataset[entity] as ReadonlyArray<{ file: string; line: number }>;
    expect(rows.map((r) => [r.file.slice(dir.length + 1), r.line])).toEqual([['a-october.csv', 2]]);
    expect(loaded.issues.map((i) => [i.file.slice(dir.length + 1), i.line, i.effect, i.rows, i.problem])).toEqual([
      ['a-october.csv', 2, 'note', 1, `a row of this file and of ${dir}/b-september.csv give one record different values (two downloads of one export?); this file is the later download (its latest date ${latest}, against ${than}), so its rows are used, the first on this line`],
    ]);
  });

  it.each(SAME_RECORD)('$entity: rows of two downloads that start on different days are two records, both used', async ({ entity, header, earlier, later }) => {
    const loaded = await load({ 'workers.csv': WORKERS, 'b-september.csv': [header, earlier], 'a-october.csv': [header, later.replace('/2024,', '/2023,').replace('/2025,', '/2023,')] });
    expect((loaded.dataset[entity] as unknown[]).length).toBe(2);
    expect(loaded.issues.filter((i) => i.problem.includes('later download'))).toEqual([]);
  });

  it('a leaver’s end date that only the later download holds ends the worker', async () => {
    const row = (end: string) => `201,Ann,Example,Social Worker,Team A,Social Work,01/01/2020,${end}`;
    const loaded = await load({ 'workers.csv': [WORKERS[0]!, row('15/10/2026'), WORKERS[2]!], 'workers (1).csv': [WORKERS[0]!, row('')] });
    expect(formatDay(loaded.dataset.workerById.get('201')!.end!)).toBe('2026-10-15');
  });
});

describe('a NUL in an id', () => {
  it('rejects the row rather than make a new worker', async () => {
    const loaded = await load({ 'workers.csv': [...WORKERS, '201\u0000,Ann,Example,Social Worker,Team A,Social Work,01/01/2020,'] });
    expect(loaded.dataset.workers.map((w) => w.id).sort()).toEqual(['101', '201']);
    expect(loaded.issues.map((i) => [i.line, i.field, i.effect])).toEqual([[4, 'WORKER_ID', 'row rejected']]);
  });
});

describe('a column that cannot be read', () => {
  const HEADER = `${STEPS},COMPLETED_ON,TOPICS`;
  /** A session held on an October day of 2026 (or the day after the audit date), completed as written, with its topics. */
  const session = (i: number, completed: string, { on = `${String((i % 28) + 1).padStart(2, '0')}/10/2026`, topics = 'CASEWORK' } = {}): string =>
    `S${i},Formal Supervision,201,101,COMPLETE,${on} 10:00,90,${completed},${topics}`;
  const readable = (i: number): string => `${String((i % 28) + 1).padStart(2, '0')}/10/2026 12:00`;
  const clock = (i: number): string => `2026.10.${String((i % 28) + 1).padStart(2, '0')} 12:00`;
  const completedOn = (loaded: Loaded) => loaded.columnReadings.get(loaded.inputs.find((i) => i.entity === 'sessions')!.file)!.find((c) => c.column === 'COMPLETED_ON')!;

  it('counts the non-blank values of rows that count: blanks, and rows after the audit date, never; an unknown topic kept is read', async () => {
    const rows = [session(1, readable(1)), session(2, ''), session(3, clock(3)), session(4, clock(4), { on: '01/11/2026' }), session(5, readable(5), { topics: 'CASEWORK;GOSSIP' })];
    const loaded = await load({ 'workers.csv': WORKERS, 'steps.csv': [HEADER, ...rows] });
    expect(completedOn(loaded)).toEqual({
      column: 'COMPLETED_ON',
      values: 3,
      unreadable: 1,
      commonest: { value: '2026.10.04 12:00', line: 4, problem: '"2026.10.04 12:00" is not a date in the form dd/mm/yyyy (31/01/2026)', count: 1 },
    });
    const topics = loaded.columnReadings.get(loaded.inputs.find((i) => i.entity === 'sessions')!.file)!.find((c) => c.column === 'TOPICS')!;
    expect([topics.values, topics.unreadable]).toEqual([5 - 1, 0]);
    // The value is only dropped: the row is kept, the value a data issue.
    expect(loaded.issues.filter((i) => i.field === 'COMPLETED_ON').map((i) => [i.line, i.effect])).toEqual([[4, 'value ignored']]);
  });

  it.each([
    { name: '12 of 50 (24%): the audit goes on, each a data issue', bad: 12, later: 0, limit: 25, stops: false },
    { name: '13 of 50 (26%): stopped', bad: 13, later: 0, limit: 25, stops: true },
    { name: '4 of 4: too few to judge a column by', bad: 4, later: 0, good: 0, limit: 25, stops: false },
    { name: '12 of 50, beside 30 unreadable in rows after the audit date, which do not count', bad: 12, later: 30, limit: 25, stops: false },
    { name: '13 of 50 under --max-rejected 100: audited', bad: 13, later: 0, limit: 100, stops: false },
  ])('$name', async ({ bad, later, good = 50 - bad, limit, stops }) => {
    const rows = [
      ...Array.from({ length: good }, (_, i) => session(i, readable(i))),
      ...Array.from({ length: bad }, (_, i) => session(good + i, clock(i))),
      ...Array.from({ length: later }, (_, i) => session(good + bad + i, clock(i), { on: '02/11/2026' })),
    ];
    const loaded = await load({ 'workers.csv': WORKERS, 'steps.csv': [HEADER, ...rows] });
    expect([completedOn(loaded).values, completedOn(loaded).unreadable]).toEqual([good + bad, bad]);
    const stop = (): void => checkColumnsRead(loaded, limit);
    if (!stops) {
      expect(stop).not.toThrow();
      expect(loaded.issues.filter((i) => i.field === 'COMPLETED_ON' && i.effect === 'value ignored')).toHaveLength(bad);
      return;
    }
    const file = loaded.inputs.find((i) => i.entity === 'sessions')!.file;
    expect(stop).toThrow(
      `${file}: 13 of the 50 values in its column COMPLETED_ON (26%) could not be read, more than --max-rejected 25% allows, so an audit would take them as blank. The commonest problem (13 values) is at line 39, COMPLETED_ON "2026.10.01 12:00": "2026.10.01 12:00" is not a date in the form dd/mm/yyyy (31/01/2026). Correct the export and run again, or run with --max-rejected 100 to audit what could be read.`,
    );
  });

  it("stops exactly when more than the limit's share of a column's values, and at least five, cannot be read", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 100 }), (values, unreadableOf, limit) => {
        const unreadable = Math.min(values, unreadableOf);
        const commonest = unreadable === 0 ? null : { value: 'x', line: 2, problem: 'unreadable', count: unreadable };
        const loaded = { inputs: [{ file: 'steps.csv' }] as Loaded['inputs'], columnReadings: new Map([['steps.csv', [{ column: 'COMPLETED_ON', values, unreadable, commonest }]]]) };
        const stops = unreadable >= 5 && unreadable / values > limit / 100;
        if (stops) expect(() => checkColumnsRead(loaded, limit)).toThrow(`steps.csv: ${unreadable.toLocaleString('en-GB')} of the ${values.toLocaleString('en-GB')} values in its column COMPLETED_ON`);
        else expect(() => checkColumnsRead(loaded, limit)).not.toThrow();
      }),
    );
  });
});

/**
 * Workers exports with several rows per worker, in each system's reference layout (Mosaic's
 * worker roles, AzeusCare's effective-dated staff table, Liquid Logic's worker history), read
 * as an audit reads them: the same periods whichever system; a boundary day repeated is no
 * data issue; two rows of one start that differ are; a row repeated exactly is read once.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapters/authority.js';
import { loadExports, type Loaded } from '../../src/adapters/load.js';
import type { SystemId } from '../../src/adapters/layout.js';
import { formatDay } from '../../src/time/calendar.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
let n = 0;

async function load(system: SystemId, files: Record<string, string[]>): Promise<Loaded> {
  const dir = `history-${++n}`;
  mkdirSync(`${tmp.dir}/${dir}`);
  for (const [name, lines] of Object.entries(files)) tmp.write(`${dir}/${name}`, `${lines.join('\r\n')}\r\n`);
  return loadExports([`${tmp.dir}/${dir}`], { adapters: [referenceAdapter(system)], adapterFile: 'adapter.yaml' });
}

/** One worker's history, as [start, end, title, team] rows, in each system's words and date format. */
type Period = [start: string, end: string, title: string, team: string];

const LAYOUTS: Record<SystemId, { name: string; header: string; row: (id: string, p: Period) => string; date: (iso: string) => string }> = {
  mosaic: {
    name: 'workers.csv',
    header: 'WORKER_ID,STAFF_NUMBER,FIRST_NAMES,LAST_NAMES,ROLE_DESCRIPTION,ORG_NAME,PROFESSION,START_DATE,END_DATE',
    row: (id, [start, end, title, team]) => `${id},E${id},Sam,Moved,${title},${team},Social Work,${start},${end}`,
    date: (iso) => (iso === '' ? '' : iso.split('-').reverse().join('/')),
  },
  azeus: {
    name: 'staff.csv',
    header: 'EMP_ID,STAFF_NO,EMP_NAME,DESIGNATION,TEAM_NAME,PROF_CD,EFFECT_DT_FR,EFFECT_DT_TO',
    row: (id, [start, end, title, team]) => `${id},E${id},"Moved, Sam",${title},${team},SW,${start},${end}`,
    date: (iso) => {
      if (iso === '') return '';
      const [y, m, d] = iso.split('-');
      return `${d}-${['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][Number(m) - 1]}-${y}`;
    },
  },
  liquidlogic: {
    name: 'workers.csv',
    header: 'DIM_WORKER_ID,STAFF_ID,FORENAME,SURNAME,JOB_TITLE,DEPARTMENT_NAME,PROFESSION,START_DTTM,END_DTTM',
    row: (id, [start, end, title, team]) => `${id},E${id},Sam,Moved,${title},${team},Social Work,${start},${end}`,
    date: (iso) => (iso === '' ? '' : `${iso} 00:00:00`),
  },
};

function workersFile(system: SystemId, rows: Array<[string, Period]>): Record<string, string[]> {
  const layout = LAYOUTS[system];
  return { [layout.name]: [layout.header, ...rows.map(([id, [start, end, title, team]]) => layout.row(id, [layout.date(start), layout.date(end), title, team]))] };
}

const periodsOf = (loaded: Loaded, id: string) =>
  loaded.dataset.workerById.get(id)!.periods.map((p) => [formatDay(p.start), p.end === null ? null : formatDay(p.end), p.role, p.team]);

describe.each(Object.keys(LAYOUTS) as SystemId[])('a %s workers export with a worker’s history', (system) => {
  it('a promotion, a move of team repeating the boundary day, and a return after a gap: every row a period, none rejected', async () => {
    const loaded = await load(
      system,
      workersFile(system, [
        ['201', ['2019-04-01', '2026-03-31', 'Social Worker', 'Team A']],
        ['201', ['2026-04-01', '2026-06-01', 'Senior Social Worker', 'Team A']],
        ['201', ['2026-06-01', '2026-07-31', 'Senior Social Worker', 'Team B']],
        ['201', ['2026-09-01', '', 'Team Manager', 'Team B']],
        ['202', ['2020-01-01', '', 'Social Worker', 'Team A']],
      ]),
    );
    expect(loaded.inputs.map(({ rowsRead, rowsUsed, rowsRejected }) => [rowsRead, rowsUsed, rowsRejected])).toEqual([[5, 5, 0]]);
    expect(loaded.issues.filter((i) => i.effect !== 'note')).toEqual([]);
    expect(periodsOf(loaded, '201')).toEqual([
      ['2019-04-01', '2026-03-31', 'practitioner', 'Team A'],
      ['2026-04-01', '2026-05-31', 'senior-practitioner', 'Team A'],
      ['2026-06-01', '2026-07-31', 'senior-practitioner', 'Team B'],
      ['2026-09-01', null, 'team-manager', 'Team B'],
    ]);
    expect(loaded.dataset.workers.map((w) => [w.id, w.staffNumber, w.periods.length])).toEqual([
      ['201', 'E201', 4],
      ['202', 'E202', 1],
    ]);
  });

  it('two rows of one worker with one start that differ: the second is rejected, naming the first', async () => {
    const loaded = await load(
      system,
      workersFile(system, [
        ['201', ['2019-04-01', '', 'Social Worker', 'Team A']],
        ['201', ['2019-04-01', '', 'Social Worker', 'Team B']],
      ]),
    );
    expect(loaded.inputs.map(({ rowsRead, rowsUsed, rowsRejected }) => [rowsRead, rowsUsed, rowsRejected])).toEqual([[2, 1, 1]]);
    const [issue] = loaded.issues;
    expect(issue).toMatchObject({ line: 3, value: '2019-04-01', effect: 'row rejected' });
    expect(issue!.problem).toBe(`worker 201 has another row starting on 2019-04-01, at ${loaded.inputs[0]!.file} line 2, with other values: two periods cannot start on one day; the first is used`);
    expect(periodsOf(loaded, '201')).toEqual([['2019-04-01', null, 'practitioner', 'Team A']]);
  });
});

describe('rows repeated exactly', () => {
  const header = 'WORKER_ID,SUPERVISOR_WORKER_ID,START_DATE,END_DATE';
  const workers = workersFile('mosaic', [
    ['201', ['2019-04-01', '', 'Social Worker', 'Team A']],
    ['101', ['2015-01-01', '', 'Team Manager', 'Team A']],
  ]);

  it('two overlapping downloads of one export: each row read once, one note for the pair of files', async () => {
    const rows = ['201,101,01/04/2019,31/12/2024', '201,101,01/01/2025,', '101,999,01/01/2015,'];
    const loaded = await load('mosaic', { ...workers, 'supervisors-1.csv': [header, ...rows], 'supervisors-2.csv': [header, ...rows.slice(1), '201,102,01/02/2026,'] });
    expect(loaded.dataset.supervisors.map((s) => `${s.workerId}>${s.supervisorId} ${s.file.split('/').pop()}:${s.line}`)).toEqual([
      '201>101 supervisors-1.csv:2',
      '201>101 supervisors-1.csv:3',
      '101>999 supervisors-1.csv:4',
      '201>102 supervisors-2.csv:4',
    ]);
    const second = loaded.inputs.find((i) => i.file.endsWith('supervisors-2.csv'))!;
    // Read once is not rejected: every row of both files is used.
    expect([second.rowsRead, second.rowsUsed, second.rowsRejected]).toEqual([3, 3, 0]);
    const notes = loaded.issues.filter((i) => i.problem.includes('repeat'));
    expect(notes).toEqual([
      {
        file: second.file,
        line: 2,
        field: '',
        value: '',
        problem: `2 rows of this file repeat rows of ${loaded.inputs.find((i) => i.file.endsWith('supervisors-1.csv'))!.file} exactly (overlapping downloads of one export?), the first on this line: each is read once`,
        effect: 'note',
        rows: 2,
      },
    ]);
  });

  it('a row twice in one file, and a session repeated with its id: read once, a note each file', async () => {
    const steps = 'WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,STEP_STATUS,EVENT_DATETIME';
    const loaded = await load('mosaic', {
      ...workers,
      'supervisors.csv': [header, '201,101,01/04/2019,', '201,101,01/04/2019,'],
      'supervision_steps.csv': [steps, 'S1,Formal Supervision,201,COMPLETE,05/03/2026 10:00', 'S1,Formal Supervision,201,COMPLETE,05/03/2026 10:00'],
    });
    expect(loaded.dataset.supervisors).toHaveLength(1);
    expect(loaded.dataset.sessions).toHaveLength(1);
    expect(loaded.issues.map((i) => [i.file.split('/').pop(), i.line, i.problem, i.effect])).toEqual([
      ['supervision_steps.csv', 3, 'a row of this file repeats an earlier row exactly, the first on this line: each is read once', 'note'],
      ['supervisors.csv', 3, 'a row of this file repeats an earlier row exactly, the first on this line: each is read once', 'note'],
    ]);
  });
});

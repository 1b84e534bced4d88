/**
 * The readings of "When an export cannot be trusted" and "Workers with no start date"
 * (REQUIREMENTS.md), as table cases on small Mosaic exports read as an audit reads them.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapters/authority.js';
import { loadExports, type Loaded } from '../../src/adapters/load.js';
import { parseIsoDay } from '../../src/time/calendar.js';
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
    if (outcome === 'planned') expect(loaded.dataset.sessions.map((s) => s.status)).toEqual(['planned']);
  });

  it('sessions recorded as held after the day the audit runs are one note for the file, counting them', async () => {
    const rows = ['28/11/2026', '01/01/2027', '05/03/2027'].map((on, i) => `900${i},Formal Supervision,201,101,COMPLETE,${on} 10:00,90`);
    const loaded = await load({ 'workers.csv': WORKERS, 'steps.csv': [STEPS, ...rows] });
    expect(loaded.issues.map((i) => [i.line, i.field, i.effect, i.rows, i.problem.endsWith('. 3 rows of the column are so, the first on line 2')])).toEqual([[2, 'EVENT_DATETIME', 'note', 3, true]]);
  });
});

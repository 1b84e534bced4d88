/**
 * Each system's quirks, read through the loader as an audit reads them: Liquid Logic forms
 * put back together from their answers, AzeusCare's supervisee responses and key worker
 * rows, case notes that are not discussions, and files recognised by their header.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapters/authority.js';
import { loadExports, type Loaded } from '../../src/adapters/load.js';
import type { SystemId } from '../../src/adapters/layout.js';
import { formatDay, londonDay } from '../../src/time/calendar.js';
import { InputError } from '../../src/ingest/table.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
let n = 0;

async function load(system: SystemId | 'any', name: string, lines: string[]): Promise<Loaded> {
  const path = tmp.write(`${++n}-${name}`, `${lines.join('\r\n')}\r\n`);
  const systems: SystemId[] = system === 'any' ? ['mosaic', 'azeus', 'liquidlogic'] : [system];
  return loadExports([path], { adapters: systems.map((s) => referenceAdapter(s)), adapterFile: 'adapter.yaml' });
}

const issuesOf = (loaded: Loaded) => loaded.issues.map(({ file: _file, ...rest }) => rest);
const counts = (loaded: Loaded) => {
  const { rowsRead, rowsUsed, rowsRejected, notRelevant } = loaded.inputs[0]!;
  return { rowsRead, rowsUsed, rowsRejected, notRelevant };
};

const FORM_HEADER = 'FACT_FORM_ID,DIM_LOOKUP_FORM_TYPE_ID_CODE,DIM_WORKER_ID,DIM_PERSON_ID,FORM_STATUS,ANSWER_NO,ANSWER,ANSWERED_DTTM,COMPLETED_DTTM';
const answer = (form: string, question: string, value: string, { type = 'SUPERVISION', worker = '201', status = 'COMPLETE', completed = '2026-03-05 16:00:00' } = {}) =>
  `${form},${type},${worker},,${status},${question},"${value}",${completed},${completed}`;

describe('Liquid Logic forms, one row per answer', () => {
  it('puts a form back together from answers in any order, even when forms are interleaved', async () => {
    const loaded = await load('liquidlogic', 'form_answers.csv', [
      FORM_HEADER,
      answer('F1', 'SupDate', '2026-03-05 10:00:00'),
      answer('F2', 'SignedDate', '2026-01-10', { type: 'SUPAGREE' }),
      answer('F1', 'SupType', 'Formal'),
      answer('F2', 'SupervisorId', '101', { type: 'SUPAGREE' }),
      answer('F1', 'DurationMins', '95'),
      answer('F1', 'SupervisorId', '101'),
      answer('F1', 'DiversityDiscussed', 'Yes'),
      answer('F1', 'Topics', 'CASEWORK;IMPACT'),
      answer('F1', 'Wellbeing', 'WELLBEING-MARKER spoke about home'),
      answer('F1', 'SuperviseeSignedDate', '2026-03-06'),
    ]);
    expect(counts(loaded)).toEqual({ rowsRead: 10, rowsUsed: 10, rowsRejected: 0, notRelevant: {} });
    expect(loaded.issues).toEqual([]);
    const [session] = loaded.dataset.sessions.toArray();
    expect(session).toMatchObject({
      id: 'F1',
      workerId: '201',
      supervisorId: '101',
      kind: 'planned',
      status: 'held',
      durationMinutes: 95,
      diversityDiscussed: true,
      topics: ['CASEWORK', 'IMPACT'],
      superviseeDisagreed: false,
      line: 2,
    });
    expect(formatDay(session!.date)).toBe('2026-03-05');
    expect(formatDay(londonDay(session!.recordedAt!))).toBe('2026-03-05');
    expect(loaded.dataset.agreements).toMatchObject([{ workerId: '201', supervisorId: '101', reviewed: null, line: 3 }]);
    expect(JSON.stringify(loaded)).not.toContain('WELLBEING-MARKER');
  });

  it.each([
    {
      name: 'a form with no answer to a required question is rejected, with all its rows',
      rows: [answer('F1', 'SupType', 'Formal'), answer('F1', 'DurationMins', '90')],
      counts: { rowsRead: 2, rowsUsed: 0, rowsRejected: 2, notRelevant: {} },
      issues: [{ line: 2, field: 'SupDate', value: '', problem: 'the supervision form F1 has no SupDate answer (its questions: SupType, DurationMins)', effect: 'row rejected' }],
      sessions: 0,
    },
    {
      name: 'a required question answered twice, differently, rejects the form rather than guess',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupType', 'Formal'), answer('F1', 'SupDate', '2026-03-12 10:00:00')],
      counts: { rowsRead: 3, rowsUsed: 0, rowsRejected: 3, notRelevant: {} },
      issues: [{ line: 2, field: 'SupDate', value: '2026-03-05 10:00:00', problem: 'SupDate is answered twice, differently, at lines 2 and 4', effect: 'row rejected' }],
      sessions: 0,
    },
    {
      name: 'an optional question answered twice, differently, is ignored and the form kept',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupType', 'Formal'), answer('F1', 'DurationMins', '90'), answer('F1', 'DurationMins', '45')],
      counts: { rowsRead: 4, rowsUsed: 4, rowsRejected: 0, notRelevant: {} },
      issues: [{ line: 4, field: 'DurationMins', value: '90', problem: 'DurationMins is answered twice, differently, at lines 4 and 5', effect: 'value ignored' }],
      sessions: 1,
    },
    {
      name: 'the same answer twice is the same answer',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupType', 'Formal'), answer('F1', 'SupType', 'Formal')],
      counts: { rowsRead: 3, rowsUsed: 3, rowsRejected: 0, notRelevant: {} },
      issues: [],
      sessions: 1,
    },
    {
      name: 'rows of one form that disagree on its status reject the form',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupType', 'Formal', { status: 'CANCELLED' })],
      counts: { rowsRead: 2, rowsUsed: 0, rowsRejected: 2, notRelevant: {} },
      issues: [{ line: 2, field: 'FORM_STATUS', value: 'COMPLETE', problem: 'the form\'s rows disagree: "COMPLETE" at line 2, "CANCELLED" at line 3', effect: 'row rejected' }],
      sessions: 0,
    },
    {
      name: 'rows that disagree on a value with characters past Latin-1 say so as written',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00', { status: 'COMPLETE ✓' }), answer('F1', 'SupType', 'Formal')],
      counts: { rowsRead: 2, rowsUsed: 0, rowsRejected: 2, notRelevant: {} },
      issues: [{ line: 2, field: 'FORM_STATUS', value: 'COMPLETE ✓', problem: 'the form\'s rows disagree: "COMPLETE ✓" at line 2, "COMPLETE" at line 3', effect: 'row rejected' }],
      sessions: 0,
    },
    {
      name: 'an answer with characters past Latin-1, given again with spaces around it, is the same answer',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupType', 'Formal'), answer('F1', 'SupervisorId', 'Łukasz W'), answer('F1', 'SupervisorId', ' Łukasz W ')],
      counts: { rowsRead: 4, rowsUsed: 4, rowsRejected: 0, notRelevant: {} },
      issues: [],
      sessions: 1,
    },
    {
      name: 'rows of one form may differ in the columns no form reads (the person, when each answer was given)',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00'), 'F1,SUPERVISION,201,500001,COMPLETE,SupType,"Formal",2026-03-09 09:00:00,2026-03-05 16:00:00'],
      counts: { rowsRead: 2, rowsUsed: 2, rowsRejected: 0, notRelevant: {} },
      issues: [],
      sessions: 1,
    },
    {
      name: 'a row with no form id belongs to no form and is rejected on its own',
      rows: [answer('', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupType', 'Formal')],
      counts: { rowsRead: 3, rowsUsed: 2, rowsRejected: 1, notRelevant: {} },
      issues: [{ line: 2, field: 'FACT_FORM_ID', value: '', problem: 'a required value is empty: the row belongs to no form', effect: 'row rejected' }],
      sessions: 1,
    },
    {
      name: 'other forms are not relevant, and a draft agreement is not a signed one',
      rows: [
        answer('F7', 'VisitDate', '2026-03-05', { type: 'CHILDVISIT' }),
        answer('F7', 'Outcome', 'Seen alone', { type: 'CHILDVISIT' }),
        answer('F8', 'SignedDate', '2026-03-05', { type: 'SUPAGREE', status: 'DRAFT' }),
        answer('F8', 'SupervisorId', '101', { type: 'SUPAGREE', status: 'DRAFT' }),
      ],
      counts: { rowsRead: 4, rowsUsed: 0, rowsRejected: 4, notRelevant: { 'not a supervision form (CHILDVISIT)': 2, 'an agreement form not completed (incomplete)': 2 } },
      issues: [],
      sessions: 0,
    },
    {
      name: 'an unknown supervision type names the code and where to map it',
      rows: [answer('F1', 'SupDate', '2026-03-05 10:00:00'), answer('F1', 'SupType', 'Peer')],
      counts: { rowsRead: 2, rowsUsed: 0, rowsRejected: 2, notRelevant: {} },
      issues: [{ line: 3, field: 'SupType', value: 'Peer', problem: 'unknown sessionKinds code "Peer": add it under codes.sessionKinds in adapter.yaml', effect: 'row rejected' }],
      sessions: 0,
    },
  ])('$name', async ({ rows, counts: expected, issues, sessions }) => {
    const loaded = await load('liquidlogic', 'form_answers.csv', [FORM_HEADER, ...rows]);
    expect(counts(loaded)).toEqual(expected);
    expect(issuesOf(loaded)).toEqual(issues);
    expect(loaded.dataset.sessions).toHaveLength(sessions);
  });

  it('counts case notes that are not discussions (visits, supervised contact) as not relevant', async () => {
    const loaded = await load('liquidlogic', 'case_notes.csv', [
      'FACT_CASENOTE_ID,DIM_PERSON_ID,DIM_LOOKUP_CASNT_TYPE_ID_CODE,EVENT_DTTM,DIM_WORKER_ID,NOTE_TEXT',
      'N1,P1,CSUP,2026-03-05 10:00:00,201,NOTE-MARKER',
      'N2,P1,SUPERCONT,2026-03-06 10:00:00,201,Supervised contact with mother',
      'N3,P1,VISIT,2026-03-07 10:00:00,201,Home visit',
      'N4,P1,DCLOSE,2026-03-08,201,',
    ]);
    expect(counts(loaded)).toEqual({ rowsRead: 4, rowsUsed: 2, rowsRejected: 2, notRelevant: { 'not a case discussion or decision': 2 } });
    expect(loaded.dataset.discussions.toArray()).toMatchObject([{ id: 'N1', kind: 'supervision', status: 'held' }]);
    expect(loaded.dataset.decisions).toMatchObject([{ id: 'N4', kind: 'closure' }]);
    expect(JSON.stringify(loaded)).not.toContain('NOTE-MARKER');
  });
});

describe('AzeusCare', () => {
  const HEADER = 'SUPV_ID,EMP_ID,SUPV_EMP_ID,SUPV_TYPE,STATUS,SUPV_DT,DURATION_MINS,CREATE_DT,SUPV_SIGN_DT,SUPVEE_RESP,SUPVEE_RESP_DT,TOPIC_CDS,REM';
  it.each([
    { response: 'AGREE', date: '06-MAR-2026 09:00', signed: '2026-03-06', disagreed: false, issues: [] },
    { response: 'DISAGREE', date: '06-MAR-2026 09:00', signed: null, disagreed: true, issues: [] },
    { response: '', date: '', signed: null, disagreed: false, issues: [] },
    {
      response: '',
      date: '06-MAR-2026',
      signed: null,
      disagreed: false,
      issues: [{ line: 2, field: 'SUPVEE_RESP_DT', value: '06-MAR-2026', problem: 'a response date with no response: not counted as the supervisee agreeing', effect: 'value ignored' }],
    },
    {
      response: 'AGREE',
      date: '',
      signed: null,
      disagreed: false,
      issues: [{ line: 2, field: 'SUPVEE_RESP', value: 'AGREE', problem: 'the supervisee agreed but the response has no date, so when they signed is not known', effect: 'kept' }],
    },
  ])('a supervisee response "$response" dated "$date"', async ({ response, date, signed, disagreed, issues }) => {
    const loaded = await load('azeus', 'supervision.csv', [
      HEADER,
      `S1,201,101,FORMAL,COMPLETED,05-MAR-2026 10:00,90,05-MAR-2026 16:00,05-MAR-2026 16:00,${response},${date},"CASEWORK,IMPACT",REM-MARKER`,
    ]);
    expect(issuesOf(loaded)).toEqual(issues);
    const [session] = loaded.dataset.sessions.toArray();
    expect(session!.superviseeDisagreed).toBe(disagreed);
    expect(session!.superviseeSignedAt === null ? null : formatDay(londonDay(session!.superviseeSignedAt))).toBe(signed);
    expect(session!.topics).toEqual(['CASEWORK', 'IMPACT']);
    expect(JSON.stringify(loaded)).not.toContain('REM-MARKER');
  });

  it('takes only the key worker as the allocated worker', async () => {
    const loaded = await load('azeus', 'caseworker.csv', [
      'CASE_ID,EMP_ID,EFFECTIVE_START_DT,EFFECTIVE_END_DT,KEY_WKR_IND',
      'C1,201,01-JAN-2026,,Y',
      'C1,202,01-JAN-2026,,N',
      'C1,203,01-JAN-2026,,',
    ]);
    expect(counts(loaded)).toEqual({ rowsRead: 3, rowsUsed: 1, rowsRejected: 2, notRelevant: { 'not the allocated worker': 2 } });
    expect(loaded.dataset.allocations).toMatchObject([{ caseId: 'C1', workerId: '201' }]);
  });

  it.each([
    ['azeus', 'caseworker.csv', 'CASE_ID,EMP_ID,EFFECTIVE_START_DT,EFFECTIVE_END_DT,KEY_WKR_IND', (flag: string, worker: string) => `C1,${worker},01-JAN-2026,,${flag}`],
    ['liquidlogic', 'involvements.csv', 'FACT_INVOLVEMENTS_ID,DIM_PERSON_ID,DIM_WORKER_ID,DIM_LOOKUP_INVOLVEMENT_TYPE_CODE,IS_ALLOCATED_CW_FLAG,START_DTTM,END_DTTM', (flag: string, worker: string) => `I${worker},C1,${worker},CW,${flag},2026-01-01,`],
  ] as const)('%s reads the allocated worker indicator as Excel, JSON, Access and report services write yes and no, and any other value as no with a data issue, counted as a value not read', async (system, file, header, row) => {
    const yes = ['Y', 'Yes', 'TRUE', 'true', '1', '1.0', 'T', '-1'];
    const no = ['N', 'No', 'FALSE', 'false', '0', ''];
    const loaded = await load(system, file, [header, ...yes.map((f, i) => row(f, String(201 + i))), ...no.map((f, i) => row(f, String(301 + i))), row('Key', '401')]);
    expect(loaded.dataset.allocations.map((a) => a.workerId)).toEqual(yes.map((_, i) => String(201 + i)));
    expect(counts(loaded).notRelevant).toEqual({ 'not the allocated worker': no.length + 1 });
    expect(issuesOf(loaded).map((i) => [i.line, i.value, i.effect, i.problem])).toEqual([
      [yes.length + no.length + 2, 'Key', 'kept', 'unknown allocationTypes code "Key": add it under codes.allocationTypes in adapter.yaml; kept as other'],
    ]);
    const column = system === 'azeus' ? 'KEY_WKR_IND' : 'IS_ALLOCATED_CW_FLAG';
    const reading = loaded.columnReadings.get(loaded.inputs[0]!.file)!.find((c) => c.column === column)!;
    expect(reading).toMatchObject({ unreadable: 1 });
  });

  it('rejects a case activity with an unknown code, naming the key to add', async () => {
    const loaded = await load('azeus', 'case_activities.csv', [
      'CASE_ACT_ID,CASE_ID,CASE_ACT_CD,CASE_ACT_DT,RESP_WKR,APPR_BY_USR,CASE_ACT_DET',
      'A1,C1,SUPV,05-MAR-2026 10:00,201,101,DET-MARKER',
      'A2,C1,HOME_VISIT,06-MAR-2026,201,,',
    ]);
    expect(issuesOf(loaded)).toEqual([
      { line: 3, field: 'CASE_ACT_CD', value: 'HOME_VISIT', problem: 'unknown caseStepTypes code "HOME_VISIT": add it under codes.caseStepTypes in adapter.yaml', effect: 'row rejected' },
    ]);
    expect(loaded.dataset.discussions.toArray()).toMatchObject([{ id: 'A1', status: 'held', supervisorId: '101' }]);
  });
});

describe('recognising a file from its header', () => {
  it('finds the system and entity among all three', async () => {
    const loaded = await load('any', 'staff.csv', ['emp_id , DESIGNATION,TEAM_NAME,EFFECT_DT_FR', '201,Social Worker,Team A,01-JAN-2020']);
    expect(loaded.inputs[0]).toMatchObject({ system: 'azeus', entity: 'workers', rowsUsed: 1 });
  });

  it('names the closest layouts when nothing fits', async () => {
    const error = await load('any', 'odd.csv', ['WORKER_ID,ROLE_DESCRIPTION,START_DATE', '201,Social Worker,01/01/2020']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/odd\.csv: the header matches no known export layout\. Closest: mosaic workers \(missing ORG_NAME\); /);
  });

  it('with one system forced, a file of another is an error, not a guess, naming the system and layout it is', async () => {
    const error = await load('mosaic', 'staff.csv', ['EMP_ID,DESIGNATION,TEAM_NAME,EFFECT_DT_FR', '201,Social Worker,Team A,01-JAN-2020']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /staff\.csv: the header is that of the azeus staff layout, but --system mosaic reads every file as mosaic: leave --system out to read each file as the system it comes from, or give --system azeus$/,
    );
  });
});

describe('duplicate ids', () => {
  it('compares ids as numbers: 123 and 0123 are one id, so a duplicate; A123 is text', async () => {
    const loaded = await load('mosaic', 'supervision_steps.csv', [
      'WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,STEP_STATUS,EVENT_DATETIME',
      '123,Formal Supervision,201,COMPLETE,05/03/2026 10:00',
      '0123,Formal Supervision,201,COMPLETE,06/03/2026 10:00',
      'A123,Formal Supervision,201,COMPLETE,07/03/2026 10:00',
      '123,Formal Supervision,201,COMPLETE,08/03/2026 10:00',
      'A123,Formal Supervision,201,COMPLETE,09/03/2026 10:00',
    ]);
    expect(loaded.dataset.sessions.toArray().map((s) => s.id)).toEqual(['123', 'A123']);
    expect(issuesOf(loaded).map((i) => [i.line, i.problem])).toEqual([
      [3, `session 123 is also at ${loaded.inputs[0]!.file} line 2 with other values; the first is used`],
      [5, `session 123 is also at ${loaded.inputs[0]!.file} line 2 with other values; the first is used`],
      [6, `session A123 is also at ${loaded.inputs[0]!.file} line 4 with other values; the first is used`],
    ]);
  });

  it('keeps the first of each id and rejects every repeat, for any ids: numbers, leading zeros, text', async () => {
    const id = fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.constantFrom('0', '07', '007', '7', '1-3', 'A7', '999999999999999', '9999999999999999', '10000000000000000'));
    await fc.assert(
      fc.asyncProperty(fc.array(id, { minLength: 1, maxLength: 30 }), async (ids) => {
        const loaded = await load('mosaic', 'supervision_steps.csv', [
          'WORKFLOW_STEP_ID,STEP_TYPE,WORKER_ID,STEP_STATUS,EVENT_DATETIME',
          // Each row of another day: a repeated id says something else, not the same again.
          ...ids.map((i, n) => `${i},Formal Supervision,201,COMPLETE,${String(n + 1).padStart(2, '0')}/03/2026 10:00`),
        ]);
        // Ids of digits are numbers: 07 and 007 are 7.
        const read = ids.map((i) => (/^\d+$/.test(i) ? i.replace(/^0+(?=\d)/, '') : i));
        const firsts = [...new Set(read)];
        expect(loaded.dataset.sessions.toArray().map((s) => s.id)).toEqual(firsts);
        expect(issuesOf(loaded).filter((i) => i.problem.includes('is also at')).map((i) => i.line)).toEqual(
          read.flatMap((i, n) => (read.indexOf(i) < n ? [n + 2] : [])),
        );
      }),
      { numRuns: 150 },
    );
  });
});

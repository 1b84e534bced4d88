/**
 * Hand-made situations added to a generated sample, whose findings are worked out by hand in
 * the end-to-end tests; and rows with the problems real exports have, which the audit must
 * report as data issues.
 */
import { formatDay, parseIsoDay } from '../time/calendar.js';
import type { GenDataset, GenSession, GenWorker } from './model.js';

function held(id: string, workerId: string, supervisorId: string, at: string, more: Partial<GenSession> = {}): GenSession {
  const [date] = at.split(' ');
  return {
    id,
    kind: 'planned',
    workerId,
    supervisorId,
    status: 'held',
    at,
    durationMinutes: 90,
    cancelReason: null,
    recorded: `${date} 16:00`,
    supervisorSigned: `${date} 16:00`,
    workerSigned: date!,
    diversity: true,
    topics: ['CASEWORK', 'DEVELOPMENT'],
    notes: 'Planned supervision.',
    wellbeing: '',
    ...more,
  };
}

const NO_FLAGS = { permanence: false, stablePlacement: false, disabilityOnly: false, longTermPlacement: false };

/** Held case supervision of a case on each date, recorded and signed the same day; ids from `id(i)`. */
function discussed(data: GenDataset, personId: string, workerId: string, supervisorId: string, dates: string[], id: (i: number) => string): void {
  dates.forEach((d, i) =>
    data.caseSteps.push({
      id: id(i), personId, kind: { discussion: 'supervision' }, workerId, supervisorId,
      status: 'held', at: `${d} 11:00`, recorded: `${d} 15:00`, supervisorSigned: `${d} 15:00`, workerSigned: d, sessionId: null, notes: 'Planted case discussion.',
    }),
  );
}

/** The team manager of a team on a date (the generated teams keep theirs for the whole period but one). */
function managerOf(data: GenDataset, team: string, on: string): string {
  const manager = data.workers.find((w) => w.team === team && w.role === 'team-manager' && w.start <= on && (w.end === null || w.end >= on));
  if (!manager) throw new Error(`no manager of ${team} on ${on}`);
  return manager.id;
}

/**
 * Adds a planted worker, supervised by `manager` for as long as they are in post, with an
 * agreement signed on the date given and reviewed on each of `reviews` (a row each, as the
 * exports hold them).
 */
function plantWorker(data: GenDataset, worker: GenWorker, manager: string, agreement: { signed: string; reviews: string[] }): void {
  data.workers.push(worker);
  data.assignments.push({ workerId: worker.id, supervisorId: manager, start: worker.start, end: worker.end });
  const { signed, reviews } = agreement;
  if (reviews.length === 0) data.agreements.push({ workerId: worker.id, supervisorId: manager, signed, reviewed: null });
  for (const reviewed of reviews) data.agreements.push({ workerId: worker.id, supervisorId: manager, signed, reviewed });
}

/** Held planned sessions of a worker every `step` days from `first` to `last` (ISO dates). */
function every(step: number, first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = parseIsoDay(first)!; d <= parseIsoDay(last)!; d += step) out.push(formatDay(d));
  return out;
}

export function plantChildrensScenarios(data: GenDataset): void {
  // 19001, a social worker: monthly supervision, once 9 days late (due 3 August 2026, held
  // 12 August); the session of 31 July was cancelled with no reason logged and rearranged
  // 12 days later, inside the 14 days. Holds case 599001.
  const northManager = managerOf(data, 'Assessment Team North', '2026-01-01');
  plantWorker(
    data,
    {
      id: '19001', firstNames: 'Sam', lastNames: 'Planted', title: 'Social Worker', role: 'practitioner', team: 'Assessment Team North',
      service: "Children's Social Care", profession: 'Social Work', start: '2023-03-01', end: null, asyeStart: null,
    },
    northManager,
    { signed: '2023-03-10', reviews: ['2024-03-01', '2025-02-20', '2026-02-01'] },
  );
  const dates = ['2025-10-20', '2025-11-19', '2025-12-18', '2026-01-16', '2026-02-13', '2026-03-13', '2026-04-10', '2026-05-08', '2026-06-05', '2026-07-03', '2026-08-12', '2026-09-11', '2026-10-09'];
  dates.forEach((d, i) => data.sessions.push(held(`9900${String(i + 10).padStart(2, '0')}`, '19001', northManager, `${d} 10:00`)));
  data.sessions.push({ ...held('990001', '19001', northManager, '2026-07-31 10:00'), status: 'cancelled', durationMinutes: null, recorded: null, supervisorSigned: null, workerSigned: null, diversity: null, topics: [], notes: '' });

  // 19002, newly qualified from 1 June 2026: weekly for three months, then fortnightly. The
  // session of 17 July was missed (next on 24 July, 7 days late); 3 July lasted 50 minutes,
  // under the hour the first three months need.
  const centralManager = managerOf(data, 'Safeguarding Team Central', '2026-06-01');
  plantWorker(
    data,
    {
      id: '19002', firstNames: 'Alex', lastNames: 'Planted', title: 'ASYE Social Worker', role: 'asye', team: 'Safeguarding Team Central',
      service: "Children's Social Care", profession: 'Social Work', start: '2026-06-01', end: null, asyeStart: '2026-06-01',
    },
    centralManager,
    { signed: '2026-06-10', reviews: [] },
  );
  const asye = ['2026-06-05', '2026-06-12', '2026-06-19', '2026-06-26', '2026-07-03', '2026-07-10', '2026-07-24', '2026-07-31', '2026-08-07', '2026-08-14', '2026-08-21', '2026-08-28', '2026-09-04', '2026-09-18', '2026-10-02', '2026-10-16', '2026-10-30'];
  asye.forEach((d, i) => data.sessions.push(held(`9901${String(i + 10).padStart(2, '0')}`, '19002', centralManager, `${d} 14:00`, d === '2026-07-03' ? { durationMinutes: 50 } : {})));

  // Case 599001: a child protection plan from 1 September 2025, held by 19001, discussed
  // monthly until 5 June 2026 and not since: due 5 July 2026, 118 days overdue on 31 October.
  data.plans.push({ personId: '599001', type: 'cp', start: '2025-09-01', end: null, flags: { ...NO_FLAGS } });
  data.allocations.push({ personId: '599001', workerId: '19001', start: '2025-09-01', end: null, allocated: true });
  const discussedMonthly = ['2025-09-25', '2025-10-24', '2025-11-21', '2025-12-19', '2026-01-16', '2026-02-13', '2026-03-13', '2026-04-10', '2026-05-08', '2026-06-05'];
  discussed(data, '599001', '19001', northManager, discussedMonthly, (i) => `9902${String(i + 10).padStart(2, '0')}`);

  // Case 599003: an assessment from 1 September 2026, allocated to 19001 on 2 September; the
  // 10th working day after allocation is 16 September; first discussed 25 September, 9 days late.
  data.plans.push({ personId: '599003', type: 'assessment', start: '2026-09-01', end: '2026-10-20', flags: { ...NO_FLAGS } });
  data.allocations.push({ personId: '599003', workerId: '19001', start: '2026-09-02', end: '2026-10-20', allocated: true });
  discussed(data, '599003', '19001', northManager, ['2026-09-25', '2026-10-15'], (i) => `99030${i}`);
}

/**
 * Rows with the problems real Mosaic exports have: an impossible date, a US month-first date,
 * a duplicated step id with other values, an unknown plan code and an unknown job title.
 */
export const MOSAIC_PROBLEM_ROWS: Record<string, string[]> = {
  'supervision_steps.csv': [
    '990901,Formal Supervision,19001,{north},COMPLETE,31/02/2026 10:00,90,,,31/02/2026 16:00,,,Y,,',
    '990902,Formal Supervision,19001,{north},COMPLETE,10/13/2026 10:00,90,,,13/10/2026 16:00,,,Y,,',
    '990010,Formal Supervision,19001,{north},COMPLETE,21/10/2025 10:00,90,,,21/10/2025 16:00,,,Y,,',
  ],
  'plans.csv': ['599002,CIN_DCT,01/05/2026,,N,N,N,N'],
  'workers.csv': ['19003,S19003,Jo,Planted,Principal Practitioner,Assessment Team North,Children\'s Social Care,Social Work,01/01/2024,,'],
};

/**
 * Newham's own situations, beside the children's ones: a transfer decision never discussed,
 * a child protection decision discussed the week before, and a supervisee who answered that
 * they do not agree with the record of their session.
 */
export function plantNewhamScenarios(data: GenDataset): void {
  // Case 599001 (child protection, held by 19001): a legal planning decision on 2 October 2026
  // with no case supervision since 5 June: missing once 9 October (5 working days) has passed.
  // Case 599003: a transfer decision on 8 October 2026, discussed on 15 October (5 working days after).
  data.caseSteps.push(
    decision('990401', '599001', 'legal-planning', '19001', '2026-10-02 12:00'),
    decision('990402', '599003', 'transfer', '19001', '2026-10-08 12:00'),
  );
  const session = data.sessions.find((s) => s.id === '990019')!;
  session.workerDisagreed = true;
}

function decision(id: string, personId: string, kind: 'legal-planning' | 'transfer' | 'closure' | 'child-protection', workerId: string, at: string): GenDataset['caseSteps'][number] {
  return { id, personId, kind: { decision: kind }, workerId, supervisorId: '', status: 'held', at, recorded: at, supervisorSigned: null, workerSigned: null, sessionId: null, notes: 'Planted decision.' };
}

/**
 * Haringey's situations: occupational therapist 19101, managed by a social worker and
 * supervised by them every four weeks, whose last
 * professional supervision was on 15 May 2026 (due 15 August, 77 days overdue on 31 October),
 * and whose agreement, reviewed on 1 April 2025, was next reviewed on 20 May 2026 (49 days
 * late); and adult 599101, on a care and support plan, discussed every three months until 10 May 2026
 * (due 10 August, 82 days overdue).
 */
export function plantAdultScenarios(data: GenDataset): void {
  const manager = managerOf(data, 'Occupational Therapy Team', '2026-01-01');
  plantWorker(
    data,
    {
      id: '19101', firstNames: 'Robin', lastNames: 'Planted', title: 'Occupational Therapist', role: 'occupational-therapist', team: 'Occupational Therapy Team',
      service: 'Adult Social Care', profession: 'Occupational Therapy', start: '2022-04-01', end: null, asyeStart: null,
    },
    manager,
    { signed: '2022-04-20', reviews: ['2023-04-11', '2024-04-02', '2025-04-01', '2026-05-20'] },
  );
  // Line management every four weeks, on time.
  const monthly = ['2025-10-14', '2025-11-11', '2025-12-09', '2026-01-06', '2026-02-03', '2026-03-03', '2026-03-31', '2026-04-28', '2026-05-26', '2026-06-23', '2026-07-21', '2026-08-18', '2026-09-15', '2026-10-13'];
  monthly.forEach((d, i) => data.sessions.push(held(`9911${String(i + 10).padStart(2, '0')}`, '19101', manager, `${d} 10:00`, { wellbeing: 'Robin spoke about caring for a parent.' })));
  ['2025-11-20', '2026-02-18', '2026-05-15'].forEach((d, i) =>
    data.sessions.push(held(`99120${i}`, '19101', '10000', `${d} 14:00`, { kind: 'professional', durationMinutes: 60, topics: [] })),
  );

  data.plans.push({ personId: '599101', type: 'adult-care', start: '2025-06-01', end: null, flags: { ...NO_FLAGS } });
  data.allocations.push({ personId: '599101', workerId: '19101', start: '2025-06-01', end: null, allocated: true });
  discussed(data, '599101', '19101', manager, ['2025-08-20', '2025-11-18', '2026-02-10', '2026-05-10'], (i) => `99130${i}`);
}

/**
 * Rows with the problems real AzeusCare exports have: an impossible date, a two-digit year,
 * an activity code the adapter does not know, and a job title it does not know.
 */
export const AZEUS_PROBLEM_ROWS: Record<string, string[]> = {
  'supervision.csv': [
    '990903,19001,{north},FORMAL,COMPLETED,31-FEB-2026 10:00,90,,31-FEB-2026 16:00,,,,Y,,',
    '990904,19001,{north},FORMAL,COMPLETED,12-MAR-26 10:00,90,,12-MAR-26 16:00,,,,Y,,',
  ],
  'case_activities.csv': ['990905,599001,HOME_VISIT,02-SEP-2026 15:00,19001,,,02-SEP-2026 17:00,COMPLETED,,Home visit'],
  'staff.csv': ['19004,S19004,"Planted, Kim",Principal Practitioner,Assessment Team North,Children\'s Social Care,SW,01-JAN-2024,,'],
};

/**
 * Rows with the problems real Liquid Logic form exports have: a supervision form answered
 * twice with different dates, and one with no date at all.
 */
export const LIQUIDLOGIC_PROBLEM_ROWS: Record<string, string[]> = {
  'form_answers.csv': [
    '991901,SUPERVISION,19101,,COMPLETE,SupDate,2026-09-22 10:00:00,2026-09-22 16:00:00,2026-09-22 16:00:00',
    '991901,SUPERVISION,19101,,COMPLETE,SupType,Formal,2026-09-22 16:00:00,2026-09-22 16:00:00',
    '991901,SUPERVISION,19101,,COMPLETE,SupDate,2026-09-29 10:00:00,2026-09-22 16:00:00,2026-09-22 16:00:00',
    '991902,SUPERVISION,19101,,COMPLETE,SupType,Formal,2026-09-30 16:00:00,2026-09-30 16:00:00',
    '991902,SUPERVISION,19101,,COMPLETE,DurationMins,90,2026-09-30 16:00:00,2026-09-30 16:00:00',
  ],
  'workers.csv': ['19102,S19102,Lee,Planted,Reablement Officer,Locality Team East,Other,2024-01-01 00:00:00,,'],
};

/**
 * Portsmouth's situation, beside the children's ones: case 599001 (child protection, held by
 * 19001) had its file audited on 20 September 2025 and not since: due 20 September 2026,
 * 41 days overdue on 31 October.
 */
export function plantPortsmouthScenarios(data: GenDataset): void {
  data.caseSteps.push({
    id: '990501', personId: '599001', kind: { audit: 'case-file' }, workerId: '19001', supervisorId: managerOf(data, 'Assessment Team North', '2025-09-20'),
    status: 'held', at: '2025-09-20 14:00', recorded: '2025-09-20 15:00', supervisorSigned: null, workerSigned: null, sessionId: null, notes: 'File audited.',
  });
}

/**
 * A student on placement from 3 August 2026, supervised every Monday: compliant with a weekly
 * rule, so that every sample's student rule has a subject in line as well as exceptions.
 */
export function plantStudent(data: GenDataset): void {
  const manager = managerOf(data, 'Assessment Team North', '2026-08-03');
  plantWorker(
    data,
    {
      id: '19005', firstNames: 'Pat', lastNames: 'Planted', title: 'Student Social Worker', role: 'student', team: 'Assessment Team North',
      service: "Children's Social Care", profession: 'Social Work', start: '2026-08-03', end: '2026-12-18', asyeStart: null,
    },
    manager,
    { signed: '2026-08-04', reviews: [] },
  );
  every(7, '2026-08-03', '2026-10-26').forEach((d, i) => data.sessions.push(held(`99160${String(i).padStart(2, '0')}`, '19005', manager, `${d} 09:30`)));
}

/**
 * A newly qualified worker from 1 April 2026, supervised weekly for six weeks, then every
 * fortnight: compliant with Portsmouth's rhythm for the newly qualified.
 */
export function plantNewlyQualified(data: GenDataset): void {
  const manager = managerOf(data, 'Assessment Team North', '2026-04-01');
  plantWorker(
    data,
    {
      id: '19006', firstNames: 'Lou', lastNames: 'Planted', title: 'ASYE Social Worker', role: 'asye', team: 'Assessment Team North',
      service: "Children's Social Care", profession: 'Social Work', start: '2026-04-01', end: null, asyeStart: '2026-04-01',
    },
    manager,
    { signed: '2026-04-02', reviews: [] },
  );
  const dates = [...every(7, '2026-04-01', '2026-05-06'), ...every(14, '2026-05-13', '2026-10-28')];
  dates.forEach((d, i) => data.sessions.push(held(`99170${String(i).padStart(2, '0')}`, '19006', manager, `${d} 09:30`, { topics: ['CASEWORK', 'IMPACT', 'RECORDS', 'RESEARCH', 'DEVELOPMENT', 'TRAINING', 'RELATIONSHIP'] })));
}

/**
 * Newham: 19001's team manager hands over to a new supervisor on 1 June 2026, and no new
 * agreement is signed with them: missing, due 1 July 2026.
 */
export function plantHandoverWithoutAgreement(data: GenDataset): void {
  const current = data.assignments.find((a) => a.workerId === '19001' && a.end === null)!;
  const next = managerOf(data, 'Safeguarding Team Central', '2026-06-01');
  current.end = '2026-05-31';
  data.assignments.push({ workerId: '19001', supervisorId: next, start: '2026-06-01', end: null });
}

/**
 * Workers whose role or team changed, a row for each period as workers exports hold them
 * (REQUIREMENTS.md, "Workers over time"), each supervised every 28 days but where said:
 * - 19011, a social worker promoted to senior social worker on 1 April 2026: supervised on
 *   16 March and not again until 27 April. A rule for both roles restarts nothing at the
 *   promotion: the session due on 16 April (monthly) was 11 days late.
 * - 19012, a social worker who moved from `teamA` to `teamB` on 1 June 2026 (AzeusCare's
 *   effective-dated table repeats the boundary day), supervised by each team's manager in
 *   turn; not supervised since 7 September, so overdue on the audit date, in `teamB`.
 * - 19013, a social worker who left on 31 January 2026 and came back on 1 May: nothing is due
 *   while away; the first session after the return, due 1 June (monthly), was held 8 June.
 */
export function plantWorkerHistories(data: GenDataset, teamA: string, teamB: string, service: string): void {
  const managerA = managerOf(data, teamA, '2026-01-01');
  const managerB = managerOf(data, teamB, '2026-06-01');
  const socialWorker = { firstNames: 'Kit', service, profession: 'Social Work' as const, asyeStart: null, title: 'Social Worker', role: 'practitioner' as const };
  // Every topic, so that Portsmouth's quarterly topics say nothing of these workers.
  const topics = ['CASEWORK', 'IMPACT', 'RECORDS', 'RESEARCH', 'DEVELOPMENT', 'TRAINING', 'RELATIONSHIP'];
  const sessions = (workerId: string, supervisorId: string, dates: string[], ids: number): void =>
    dates.forEach((d, i) => data.sessions.push(held(`99${ids + i}`, workerId, supervisorId, `${d} 11:00`, { topics })));
  // Reviewed every six months, as the strictest of the policies (Newham) asks.
  const reviews = ['2025-05-12', '2025-11-03', '2026-04-27', '2026-10-19'];

  plantWorker(
    data,
    {
      ...socialWorker, id: '19011', lastNames: 'Promoted', title: 'Senior Social Worker', role: 'senior-practitioner', team: teamA, start: '2022-04-04', end: null,
      periods: [
        { start: '2022-04-04', end: '2026-03-31', title: 'Social Worker', role: 'practitioner', team: teamA },
        { start: '2026-04-01', end: null, title: 'Senior Social Worker', role: 'senior-practitioner', team: teamA },
      ],
    },
    managerA,
    { signed: '2022-04-20', reviews },
  );
  sessions('19011', managerA, [...every(28, '2025-09-01', '2026-03-16'), ...every(28, '2026-04-27', '2026-10-31')], 5000);

  data.workers.push({
    ...socialWorker, id: '19012', lastNames: 'Moved', team: teamB, start: '2021-09-06', end: null,
    periods: [
      { start: '2021-09-06', end: '2026-05-31', title: 'Social Worker', role: 'practitioner', team: teamA },
      { start: '2026-06-01', end: null, title: 'Social Worker', role: 'practitioner', team: teamB },
    ],
  });
  data.assignments.push({ workerId: '19012', supervisorId: managerA, start: '2021-09-06', end: '2026-05-31' }, { workerId: '19012', supervisorId: managerB, start: '2026-06-01', end: null });
  data.agreements.push({ workerId: '19012', supervisorId: managerA, signed: '2021-09-20', reviewed: null }, { workerId: '19012', supervisorId: managerB, signed: '2026-06-10', reviewed: null });
  const moved = every(28, '2025-09-08', '2026-09-07');
  sessions('19012', managerA, moved.filter((d) => d < '2026-06-01'), 5100);
  sessions('19012', managerB, moved.filter((d) => d >= '2026-06-01'), 5150);

  data.workers.push({
    ...socialWorker, id: '19013', lastNames: 'Returned', team: teamA, start: '2020-01-06', end: null,
    periods: [
      { start: '2020-01-06', end: '2026-01-31', title: 'Social Worker', role: 'practitioner', team: teamA },
      { start: '2026-05-01', end: null, title: 'Social Worker', role: 'practitioner', team: teamA },
    ],
  });
  data.assignments.push({ workerId: '19013', supervisorId: managerA, start: '2020-01-06', end: '2026-01-31' }, { workerId: '19013', supervisorId: managerA, start: '2026-05-01', end: null });
  for (const reviewed of reviews) data.agreements.push({ workerId: '19013', supervisorId: managerA, signed: '2020-01-20', reviewed });
  sessions('19013', managerA, [...every(28, '2025-09-29', '2026-01-31'), ...every(28, '2026-06-08', '2026-10-31')], 5200);
}

/**
 * Histories for a share of a generated set's workers, as a big authority's workers export holds
 * them (the benchmark's sets): of every `every` workers in post from the start, one promoted
 * from social worker to senior halfway through, one moved to another team, one away for three
 * months and back. Sessions are left as they were: a session while away counts for nothing.
 */
export function addWorkerHistories(data: GenDataset, every = 10): void {
  const teams = [...new Set(data.workers.map((w) => w.team))];
  const middle = (w: GenWorker): number => Math.floor((parseIsoDay(w.start)! + parseIsoDay(data.asOf)!) / 2);
  let practitioners = 0;
  let changed = 0;
  for (const worker of data.workers) {
    if (worker.end !== null || worker.role !== 'practitioner' || practitioners++ % every !== 0) continue;
    const turn = middle(worker);
    const change = changed++ % 3;
    const upTo = formatDay(turn - 1);
    if (change === 0) {
      worker.periods = [
        { start: worker.start, end: upTo, title: worker.title, role: worker.role, team: worker.team },
        { start: formatDay(turn), end: null, title: 'Senior Social Worker', role: 'senior-practitioner', team: worker.team },
      ];
      Object.assign(worker, { title: 'Senior Social Worker', role: 'senior-practitioner' });
    } else if (change === 1) {
      const team = teams[(teams.indexOf(worker.team) + 1) % teams.length]!;
      worker.periods = [
        { start: worker.start, end: upTo, title: worker.title, role: worker.role, team: worker.team },
        { start: formatDay(turn), end: null, title: worker.title, role: worker.role, team },
      ];
      worker.team = team;
    } else {
      worker.periods = [
        { start: worker.start, end: upTo, title: worker.title, role: worker.role, team: worker.team },
        { start: formatDay(turn + 91), end: null, title: worker.title, role: worker.role, team: worker.team },
      ];
    }
  }
}

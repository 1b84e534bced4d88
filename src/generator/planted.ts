/**
 * Hand-made situations added to a generated sample, whose findings are worked out by hand in
 * the end-to-end tests; and rows with the problems real exports have, which the audit must
 * report as data issues.
 */
import type { GenDataset, GenSession } from './model.js';

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

/** The team manager of a team on a date (the generated teams keep theirs for the whole period but one). */
function managerOf(data: GenDataset, team: string, on: string): string {
  const manager = data.workers.find((w) => w.team === team && w.role === 'team-manager' && w.start <= on && (w.end === null || w.end >= on));
  if (!manager) throw new Error(`no manager of ${team} on ${on}`);
  return manager.id;
}

export function plantChildrensScenarios(data: GenDataset): void {
  // 19001, a social worker: monthly supervision, once 9 days late (due 3 August 2026, held
  // 12 August); the session of 31 July was cancelled with no reason logged and rearranged
  // 12 days later, inside the 14 days. Holds case 599001.
  const northManager = managerOf(data, 'Assessment Team North', '2026-01-01');
  data.workers.push({
    id: '19001', firstNames: 'Sam', lastNames: 'Planted', title: 'Social Worker', role: 'practitioner', team: 'Assessment Team North',
    service: "Children's Social Care", profession: 'Social Work', start: '2023-03-01', end: null, asyeStart: null,
  });
  data.assignments.push({ workerId: '19001', supervisorId: northManager, start: '2023-03-01', end: null });
  data.agreements.push({ workerId: '19001', supervisorId: northManager, signed: '2023-03-10', reviewed: '2026-02-01' });
  const dates = ['2025-10-20', '2025-11-19', '2025-12-18', '2026-01-16', '2026-02-13', '2026-03-13', '2026-04-10', '2026-05-08', '2026-06-05', '2026-07-03', '2026-08-12', '2026-09-11', '2026-10-09'];
  dates.forEach((d, i) => data.sessions.push(held(`9900${String(i + 10).padStart(2, '0')}`, '19001', northManager, `${d} 10:00`)));
  data.sessions.push({ ...held('990001', '19001', northManager, '2026-07-31 10:00'), status: 'cancelled', durationMinutes: null, recorded: null, supervisorSigned: null, workerSigned: null, diversity: null, topics: [], notes: '' });

  // 19002, newly qualified from 1 June 2026: weekly for three months, then fortnightly. The
  // session of 17 July was missed (next on 24 July, 7 days late); 3 July lasted 50 minutes,
  // under the hour the first three months need.
  const centralManager = managerOf(data, 'Safeguarding Team Central', '2026-06-01');
  data.workers.push({
    id: '19002', firstNames: 'Alex', lastNames: 'Planted', title: 'ASYE Social Worker', role: 'asye', team: 'Safeguarding Team Central',
    service: "Children's Social Care", profession: 'Social Work', start: '2026-06-01', end: null, asyeStart: '2026-06-01',
  });
  data.assignments.push({ workerId: '19002', supervisorId: centralManager, start: '2026-06-01', end: null });
  data.agreements.push({ workerId: '19002', supervisorId: centralManager, signed: '2026-06-10', reviewed: null });
  const asye = ['2026-06-05', '2026-06-12', '2026-06-19', '2026-06-26', '2026-07-03', '2026-07-10', '2026-07-24', '2026-07-31', '2026-08-07', '2026-08-14', '2026-08-21', '2026-08-28', '2026-09-04', '2026-09-18', '2026-10-02', '2026-10-16', '2026-10-30'];
  asye.forEach((d, i) => data.sessions.push(held(`9901${String(i + 10).padStart(2, '0')}`, '19002', centralManager, `${d} 14:00`, d === '2026-07-03' ? { durationMinutes: 50 } : {})));

  // Case 599001: a child protection plan from 1 September 2025, held by 19001, discussed
  // monthly until 5 June 2026 and not since: due 5 July 2026, 118 days overdue on 31 October.
  data.plans.push({ personId: '599001', type: 'cp', start: '2025-09-01', end: null, flags: { permanence: false, stablePlacement: false, disabilityOnly: false, longTermPlacement: false } });
  data.allocations.push({ personId: '599001', workerId: '19001', start: '2025-09-01', end: null, allocated: true });
  ['2025-09-25', '2025-10-24', '2025-11-21', '2025-12-19', '2026-01-16', '2026-02-13', '2026-03-13', '2026-04-10', '2026-05-08', '2026-06-05'].forEach((d, i) =>
    data.caseSteps.push({
      id: `9902${String(i + 10).padStart(2, '0')}`, personId: '599001', kind: { discussion: 'supervision' }, workerId: '19001', supervisorId: northManager,
      status: 'held', at: `${d} 11:00`, recorded: `${d} 15:00`, supervisorSigned: `${d} 15:00`, workerSigned: d, sessionId: null, notes: 'Planted case discussion.',
    }),
  );

  // Case 599003: an assessment from 1 September 2026, allocated to 19001 on 2 September; the
  // 10th working day after allocation is 16 September; first discussed 25 September, 9 days late.
  data.plans.push({ personId: '599003', type: 'assessment', start: '2026-09-01', end: '2026-10-20', flags: { permanence: false, stablePlacement: false, disabilityOnly: false, longTermPlacement: false } });
  data.allocations.push({ personId: '599003', workerId: '19001', start: '2026-09-02', end: '2026-10-20', allocated: true });
  ['2026-09-25', '2026-10-15'].forEach((d, i) =>
    data.caseSteps.push({
      id: `99030${i}`, personId: '599003', kind: { discussion: 'supervision' }, workerId: '19001', supervisorId: northManager,
      status: 'held', at: `${d} 11:00`, recorded: `${d} 15:00`, supervisorSigned: `${d} 15:00`, workerSigned: d, sessionId: null, notes: 'Planted case discussion.',
    }),
  );
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
  'workers.csv': ['19003,Jo,Planted,Principal Practitioner,Assessment Team North,Children\'s Social Care,Social Work,01/01/2024,,'],
};

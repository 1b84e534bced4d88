import { describe, expect, it } from 'vitest';
import { professionalSupervision } from '../../src/checks/professional-supervision.js';
import { assignment, dataset, run, session, worker } from '../helpers/records.js';
import { oneSupervisorPerStart } from '../../src/model/supervisor-rows.js';

const window = { from: '2026-01-01', asOf: '2026-10-31' };
const every3 = { every: '3 months' };

const ot = worker({ id: 'OT1', role: 'occupational-therapist', profession: 'occupational-therapy', team: 'OT Team' });
const swManager = worker({ id: 'M1', role: 'team-manager', profession: 'social-work' });
const otManager = worker({ id: 'M2', role: 'team-manager', profession: 'occupational-therapy' });

const professional = (on: string) => session({ worker: 'OT1', on, kind: 'professional' });

describe('professional-supervision', () => {
  it.each([
    { name: 'every 3 months, on the due day itself', dates: ['2025-12-15', '2026-03-15', '2026-06-15', '2026-09-15'], expected: [] },
    {
      name: 'a gap of more than 3 months',
      dates: ['2025-12-15', '2026-03-15', '2026-07-01', '2026-09-15'],
      expected: [
        { status: 'late', subject: 'OT1', dueDate: '2026-06-15', daysOverdue: 16, message: 'professional supervision on 2026-07-01, 16 days after it was due on 2026-06-15 (every 3 months since the last one on 2026-03-15; supervised by a social worker, M1)' },
      ],
    },
    {
      name: 'none in the window at all',
      dates: ['2025-09-30'],
      expected: [
        { status: 'overdue', subject: 'OT1', dueDate: '2025-12-30', daysOverdue: 305, message: 'no professional supervision since the last one on 2025-09-30: due 2025-12-30 (every 3 months; supervised by a social worker, M1), 305 days overdue' },
      ],
    },
    {
      name: '30 November + 3 months is 28 February (no 29th in 2026)',
      dates: ['2025-11-30', '2026-03-01', '2026-06-01', '2026-09-01'],
      expected: [
        { status: 'late', subject: 'OT1', dueDate: '2026-02-28', daysOverdue: 1, message: 'professional supervision on 2026-03-01, 1 day after it was due on 2026-02-28 (every 3 months since the last one on 2025-11-30; supervised by a social worker, M1)' },
      ],
    },
  ])('$name', ({ dates, expected }) => {
    const data = dataset({ workers: [ot, swManager], supervisors: [assignment('OT1', 'M1', '2020-01-01')], sessions: dates.map(professional) });
    expect(run(professionalSupervision, every3, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('a worker supervised by their own profession is not a subject', () => {
    const data = dataset({ workers: [ot, otManager], supervisors: [assignment('OT1', 'M2', '2020-01-01')], sessions: [] });
    expect(run(professionalSupervision, every3, data, window)).toEqual({ subjects: 0, findings: [] });
  });

  it('a start on which two supervisors were named names no one: no period of another profession runs from it', () => {
    const rejected: string[] = [];
    const supervisors = oneSupervisorPerStart(
      [assignment('OT1', 'M1', '2020-01-01', '2026-05-31'), assignment('OT1', 'M2', '2020-01-01', '2026-05-31'), assignment('OT1', 'M2', '2026-06-01')],
      (_row, _field, value) => rejected.push(value),
    );
    expect(rejected).toEqual(['M2']);
    const data = dataset({ workers: [ot, swManager, otManager], supervisors, sessions: [] });
    expect(run(professionalSupervision, every3, data, window)).toEqual({ subjects: 0, findings: [] });
  });

  it('the clock starts when a manager of another profession takes over', () => {
    const data = dataset({
      workers: [ot, swManager, otManager],
      supervisors: [assignment('OT1', 'M2', '2020-01-01', '2026-05-31'), assignment('OT1', 'M1', '2026-06-01')],
      sessions: [],
    });
    expect(run(professionalSupervision, every3, data, window).findings.map((f) => [f.status, f.dueDate, f.daysOverdue])).toEqual([['overdue', '2026-09-01', 60]]);
  });

  it('successive managers of another profession make one period; planned supervision does not count', () => {
    const other = worker({ id: 'M3', role: 'team-manager', profession: 'social-work' });
    const data = dataset({
      workers: [ot, swManager, other],
      supervisors: [assignment('OT1', 'M1', '2020-01-01', '2026-04-30'), assignment('OT1', 'M3', '2026-05-01')],
      sessions: [professional('2025-12-20'), session({ worker: 'OT1', on: '2026-05-10' })],
    });
    expect(run(professionalSupervision, every3, data, window).findings.map((f) => [f.status, f.dueDate])).toEqual([['overdue', '2026-03-20']]);
  });

  it('a cancelled professional session is not held; an unknown supervisor says nothing of profession', () => {
    const data = dataset({
      workers: [ot, swManager],
      supervisors: [assignment('OT1', 'M1', '2020-01-01')],
      sessions: [professional('2025-12-20'), session({ worker: 'OT1', on: '2026-03-10', kind: 'professional', status: 'cancelled' })],
    });
    expect(run(professionalSupervision, every3, data, window).findings.map((f) => f.dueDate)).toEqual(['2026-03-20']);
    const unknown = dataset({ workers: [ot], supervisors: [assignment('OT1', 'M9', '2020-01-01')], sessions: [] });
    expect(run(professionalSupervision, every3, unknown, window).subjects).toBe(0);
  });
});

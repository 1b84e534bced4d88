import { describe, expect, it } from 'vitest';
import { staffDuration } from '../../src/checks/staff-duration.js';
import { dataset, run, session, worker } from '../helpers/records.js';

const window = { from: '2026-02-01', asOf: '2026-02-28' };

describe('staff-duration', () => {
  const practitioners = { roles: ['practitioner'], minimum: '90 minutes' };

  it.each([
    { name: 'exactly the minimum is enough', minutes: 90, expected: [] },
    { name: 'longer is fine', minutes: 120, expected: [] },
    {
      name: 'one minute short',
      minutes: 89,
      expected: [{ status: 'short', subject: 'S', message: 'the session on 2026-02-10 lasted 89 minutes; the minimum is 90 minutes' }],
    },
    {
      name: 'no duration recorded',
      minutes: null,
      expected: [{ status: 'missing', subject: 'S', message: 'the session on 2026-02-10 has no duration recorded; the minimum is 90 minutes' }],
    },
  ])('$name', ({ minutes, expected }) => {
    const data = dataset({ workers: [worker({ id: 'W1' })], sessions: [session({ id: 'S', worker: 'W1', on: '2026-02-10', durationMinutes: minutes })] });
    expect(run(staffDuration, practitioners, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('reads the minimum in hours too', () => {
    const data = dataset({ workers: [worker({ id: 'W1' })], sessions: [session({ id: 'S', worker: 'W1', on: '2026-02-10', durationMinutes: 60 })] });
    expect(run(staffDuration, { roles: ['practitioner'], minimum: '1 hour' }, data, window).findings).toEqual([]);
    expect(run(staffDuration, { roles: ['practitioner'], minimum: '2 hours' }, data, window).findings).toHaveLength(1);
  });

  it('only held planned sessions dated in the window are subjects', () => {
    const sessions = [
      session({ worker: 'W1', on: '2026-01-31', durationMinutes: 10 }),
      session({ worker: 'W1', on: '2026-03-01', durationMinutes: 10 }),
      session({ worker: 'W1', on: '2026-02-10', durationMinutes: 10, status: 'cancelled' }),
      session({ worker: 'W1', on: '2026-02-11', durationMinutes: 10, kind: 'ad-hoc' }),
    ];
    expect(run(staffDuration, practitioners, dataset({ workers: [worker({ id: 'W1' })], sessions }), window)).toEqual({ subjects: 0, findings: [] });
  });

  it('ASYE: at least an hour in the first 3 months, none set from 3 to 6 months, 90 minutes after', () => {
    const asye = {
      roles: ['asye'],
      stages: [{ before: '3 months', minimum: '60 minutes' }, { before: '6 months' }, { minimum: '90 minutes' }],
    };
    const sessions = [
      session({ id: 'early', worker: 'A1', on: '2026-02-01', durationMinutes: 59 }),
      session({ id: 'middle', worker: 'A1', on: '2026-05-01', durationMinutes: 30 }),
      session({ id: 'late', worker: 'A1', on: '2026-08-01', durationMinutes: 60 }),
    ];
    const data = dataset({ workers: [worker({ id: 'A1', role: 'asye', start: '2026-01-05', asyeStart: '2026-01-05' })], sessions });
    expect(run(staffDuration, asye, data, { from: '2026-01-01', asOf: '2026-09-30' })).toEqual({
      subjects: 2,
      findings: [
        { status: 'short', subject: 'early', message: 'the session on 2026-02-01 lasted 59 minutes; the minimum is 60 minutes' },
        { status: 'short', subject: 'late', message: 'the session on 2026-08-01 lasted 60 minutes; the minimum is 90 minutes' },
      ],
    });
  });
});

describe('staff-duration, the total in every period', () => {
  const per4 = { roles: ['practitioner'], minimum: '90 minutes', per: '4 weeks' };
  const w = { from: '2026-09-01', asOf: '2026-10-31' };
  const sessionsOf = (...specs: Array<[string, number | null]>) =>
    dataset({ workers: [worker({ id: 'W1' })], sessions: specs.map(([on, minutes]) => session({ worker: 'W1', on, durationMinutes: minutes })) });

  it.each([
    { name: 'one 90-minute session in each period', specs: [['2026-09-10', 90], ['2026-10-08', 90]] as Array<[string, number | null]>, expected: [] },
    { name: 'two sessions that add up: 45 + 45', specs: [['2026-09-03', 45], ['2026-09-20', 45], ['2026-10-05', 120]] as Array<[string, number | null]>, expected: [] },
    {
      name: 'a period short of the minimum; the period still running on the audit date is not judged',
      specs: [['2026-09-03', 60], ['2026-10-05', 90], ['2026-10-30', 10]] as Array<[string, number | null]>,
      expected: [{ status: 'short', subject: 'W1', dueDate: '2026-09-28', message: 'supervision from 2026-09-01 to 2026-09-28 totalled 60 minutes; at least 90 minutes are due in every 4 weeks' }],
    },
    {
      name: 'a session on the last day of the period counts in it; one with no duration adds nothing, and is said',
      specs: [['2026-09-28', 90], ['2026-10-01', null]] as Array<[string, number | null]>,
      expected: [{ status: 'short', subject: 'W1', dueDate: '2026-10-26', message: 'supervision from 2026-09-29 to 2026-10-26 totalled 0 minutes, with 1 session of no recorded duration; at least 90 minutes are due in every 4 weeks' }],
    },
    {
      name: 'no session in a period: none to say',
      specs: [['2026-09-28', 90]] as Array<[string, number | null]>,
      expected: [{ status: 'short', subject: 'W1', dueDate: '2026-10-26', message: 'supervision from 2026-09-29 to 2026-10-26 totalled 0 minutes; at least 90 minutes are due in every 4 weeks' }],
    },
  ])('$name', ({ specs, expected }) => {
    expect(run(staffDuration, per4, sessionsOf(...specs), w)).toEqual({ subjects: 1, findings: expected });
  });

  it('periods start at the worker’s start when it is inside the window, and end with them', () => {
    const data = dataset({ workers: [worker({ id: 'W1', start: '2026-09-15', end: '2026-10-20' })], sessions: [] });
    expect(run(staffDuration, per4, data, w).findings.map((f) => f.dueDate)).toEqual(['2026-10-12']);
  });
});

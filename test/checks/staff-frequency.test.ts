import { describe, expect, it } from 'vitest';
import { staffFrequency } from '../../src/checks/staff-frequency.js';
import { evaluateToList } from '../../src/checks/check.js';
import { assignment, dataset, day, held, run, session, worker } from '../helpers/records.js';

const monthly = { roles: ['practitioner'], every: '1 month' };
const window = { from: '2026-02-01', asOf: '2026-03-31' };

describe('staff-frequency', () => {
  it.each([
    {
      name: 'compliant: monthly sessions in time',
      sessions: ['2026-01-15', '2026-02-14', '2026-03-13'],
      expected: [],
    },
    {
      name: 'due on the day itself is in time',
      sessions: ['2026-01-15', '2026-02-15', '2026-03-15'],
      expected: [],
    },
    {
      name: 'late by one day',
      sessions: ['2026-01-15', '2026-02-16', '2026-03-10'],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-02-15',
          daysOverdue: 1,
          message: 'supervised on 2026-02-16, 1 day after it was due on 2026-02-15 (every 1 month since the last session on 2026-01-15)',
        },
      ],
    },
    {
      name: 'overdue at the audit date',
      sessions: ['2026-01-15', '2026-02-14'],
      expected: [
        {
          status: 'overdue',
          subject: 'W1',
          dueDate: '2026-03-14',
          daysOverdue: 17,
          message: 'no planned supervision since the last session on 2026-02-14: due 2026-03-14 (every 1 month), 17 days overdue',
        },
      ],
    },
    {
      name: 'month end: 31 January + 1 month is due 28 February',
      sessions: ['2026-01-31', '2026-03-01', '2026-03-30'],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-02-28',
          daysOverdue: 1,
          message: 'supervised on 2026-03-01, 1 day after it was due on 2026-02-28 (every 1 month since the last session on 2026-01-31)',
        },
      ],
    },
    {
      name: 'sessions after the as-of date are ignored',
      sessions: ['2026-01-15', '2026-02-14', '2026-04-02'],
      expected: [
        {
          status: 'overdue',
          subject: 'W1',
          dueDate: '2026-03-14',
          daysOverdue: 17,
          message: 'no planned supervision since the last session on 2026-02-14: due 2026-03-14 (every 1 month), 17 days overdue',
        },
      ],
    },
  ])('$name', ({ sessions, expected }) => {
    const data = dataset({ workers: [worker({ id: 'W1' })], sessions: held('W1', ...sessions) });
    expect(run(staffFrequency, monthly, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('leap day: 29 February 2024 + 1 month is due 29 March', () => {
    const data = dataset({ workers: [worker({ id: 'W1' })], sessions: held('W1', '2024-01-29', '2024-02-29', '2024-03-29', '2024-04-30') });
    expect(run(staffFrequency, monthly, data, { from: '2024-02-01', asOf: '2024-04-30' }).findings).toEqual([
      {
        status: 'late',
        subject: 'W1',
        dueDate: '2024-04-29',
        daysOverdue: 1,
        message: 'supervised on 2024-04-30, 1 day after it was due on 2024-04-29 (every 1 month since the last session on 2024-03-29)',
      },
    ]);
  });

  it('cancelled, postponed, not attended and incomplete sessions never count as held', () => {
    const sessions = [
      ...held('W1', '2026-01-15'),
      session({ worker: 'W1', on: '2026-02-10', status: 'cancelled' }),
      session({ worker: 'W1', on: '2026-02-11', status: 'postponed' }),
      session({ worker: 'W1', on: '2026-02-12', status: 'did-not-attend' }),
      session({ worker: 'W1', on: '2026-02-13', status: 'incomplete' }),
    ];
    const data = dataset({ workers: [worker({ id: 'W1' })], sessions });
    expect(run(staffFrequency, monthly, data, window).findings.map((f) => [f.status, f.dueDate, f.daysOverdue])).toEqual([['overdue', '2026-02-15', 44]]);
  });

  it('group supervision does not replace one-to-one unless the rule counts it', () => {
    const sessions = [...held('W1', '2026-01-15'), session({ worker: 'W1', on: '2026-02-10', kind: 'group' }), session({ worker: 'W1', on: '2026-03-08', kind: 'group' })];
    const data = dataset({ workers: [worker({ id: 'W1' })], sessions });
    expect(run(staffFrequency, monthly, data, window).findings).toHaveLength(1);
    expect(run(staffFrequency, { ...monthly, counts: ['planned', 'group'] }, data, window).findings).toEqual([]);
  });

  it('a worker who starts inside the window is due a month after starting', () => {
    const data = dataset({ workers: [worker({ id: 'W1', start: '2026-02-20' })], sessions: held('W1', '2026-03-25') });
    expect(run(staffFrequency, monthly, data, window).findings).toEqual([
      {
        status: 'late',
        subject: 'W1',
        dueDate: '2026-03-20',
        daysOverdue: 5,
        message: 'supervised on 2026-03-25, 5 days after it was due on 2026-03-20 (every 1 month since the start on 2026-02-20)',
      },
    ]);
  });

  it('a worker who leaves inside the window is checked up to leaving only', () => {
    const data = dataset({ workers: [worker({ id: 'W1', end: '2026-03-01' })], sessions: held('W1', '2026-01-20') });
    expect(run(staffFrequency, monthly, data, window).findings).toEqual([
      {
        status: 'overdue',
        subject: 'W1',
        dueDate: '2026-02-20',
        daysOverdue: 9,
        message: 'no planned supervision since the last session on 2026-01-20: due 2026-02-20 (every 1 month), 9 days overdue when it ended on 2026-03-01',
      },
    ]);
  });

  it('workers of other roles, leavers before the window and starters after it are not subjects', () => {
    const workers = [
      worker({ id: 'M1', role: 'team-manager' }),
      worker({ id: 'L1', end: '2026-01-31' }),
      worker({ id: 'N1', start: '2026-04-01' }),
    ];
    expect(run(staffFrequency, monthly, dataset({ workers }), window)).toEqual({ subjects: 0, findings: [] });
  });

  it('with no session at all the chain runs from the window start', () => {
    const data = dataset({ workers: [worker({ id: 'W1' })] });
    expect(run(staffFrequency, monthly, data, window).findings).toEqual([
      {
        status: 'overdue',
        subject: 'W1',
        dueDate: '2026-03-01',
        daysOverdue: 30,
        message: 'no planned supervision in the audit window (from 2026-02-01): due 2026-03-01 (every 1 month), 30 days overdue',
      },
    ]);
  });

  describe('ASYE stages by time since the ASYE start (Barnsley 6.1)', () => {
    const asye = {
      roles: ['asye'],
      stages: [
        { before: '3 months', every: '1 week' },
        { before: '6 months', every: '2 weeks' },
        { every: '1 month' },
      ],
    };
    const asyeWorker = worker({ id: 'A1', role: 'asye', start: '2026-01-05', asyeStart: '2026-01-05' });

    it('weekly in the first 3 months, fortnightly to 6 months, then monthly', () => {
      const weekly = ['2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'];
      // From 2026-04-05 (3 months) fortnightly; from 2026-07-05 (6 months) monthly.
      const fortnightly = ['2026-04-06', '2026-04-20', '2026-05-04', '2026-05-18', '2026-06-01', '2026-06-15', '2026-06-29', '2026-07-13'];
      const data = dataset({ workers: [asyeWorker], sessions: held('A1', ...weekly, ...fortnightly, '2026-08-13', '2026-09-12') });
      expect(run(staffFrequency, asye, data, { from: '2026-01-01', asOf: '2026-09-30' })).toEqual({ subjects: 1, findings: [] });
    });

    it('the interval in force on the anchor date: a session in week 11 is followed weekly', () => {
      const data = dataset({ workers: [asyeWorker], sessions: held('A1', '2026-03-30', '2026-04-13') });
      // 30 March is before 5 April (3 months), so the next is due a week later.
      expect(run(staffFrequency, asye, data, { from: '2026-03-30', asOf: '2026-04-14' }).findings).toEqual([
        {
          status: 'late',
          subject: 'A1',
          dueDate: '2026-04-06',
          daysOverdue: 7,
          message: 'supervised on 2026-04-13, 7 days after it was due on 2026-04-06 (every 1 week since the last session on 2026-03-30)',
        },
      ]);
    });

    it('without an ASYE start date the stages run from the start in post', () => {
      const data = dataset({ workers: [worker({ id: 'A2', role: 'asye', start: '2026-01-05' })], sessions: held('A2', '2026-01-12') });
      expect(run(staffFrequency, asye, data, { from: '2026-01-05', asOf: '2026-01-31' }).findings[0]).toMatchObject({ status: 'overdue', dueDate: '2026-01-19' });
    });
  });

  it('names the supervisor on the due date', () => {
    const data = dataset({
      workers: [worker({ id: 'W1' })],
      sessions: held('W1', '2026-01-15'),
      supervisors: [assignment('W1', 'M1', '2025-01-01', '2026-02-01'), assignment('W1', 'M2', '2026-02-02')],
    });
    const parsed = staffFrequency.params.parse(monthly);
    const [finding] = evaluateToList(staffFrequency, data, parsed, {
      window: { from: day('2026-01-01'), asOf: day('2026-03-15') },
      scope: { worker: () => true, case: () => true },
    }).findings;
    expect(finding).toMatchObject({ status: 'overdue', dueDate: day('2026-02-15'), supervisorId: 'M2' });
  });

  it('refuses both every and stages', () => {
    expect(staffFrequency.params.safeParse({ roles: ['asye'], every: '1 month', stages: [{ every: '1 week' }] }).success).toBe(false);
    expect(staffFrequency.params.safeParse({ roles: ['asye'], stages: [{ before: '3 months', every: '1 week' }] }).success).toBe(false);
    expect(staffFrequency.params.safeParse({ roles: ['asye'], every: '1 fortnight' }).success).toBe(false);
  });
});

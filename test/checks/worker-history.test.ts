/**
 * Workers over time (REQUIREMENTS.md, "Workers over time: several rows for one worker"): a
 * worker with several rows, one per period in a role or team, judged stretch by stretch. Each
 * case states the exact findings; the rows are those a workers export would hold.
 */
import { describe, expect, it } from 'vitest';
import { namedSupervisor } from '../../src/checks/named-supervisor.js';
import { registrationCurrent } from '../../src/checks/registration-current.js';
import { staffDuration } from '../../src/checks/staff-duration.js';
import { staffFrequency } from '../../src/checks/staff-frequency.js';
import { staffRecord } from '../../src/checks/staff-record.js';
import { supervisorQualified } from '../../src/checks/supervisor-qualified.js';
import { EVERYONE } from '../../src/audit/scope.js';
import { inPostOn, periodOn, teamOn } from '../../src/model/workers.js';
import { evaluateToList, type Check } from '../../src/checks/check.js';
import type { Dataset } from '../../src/model/dataset.js';
import { assignment, dataset, day, held, registration, run, session, staffRecord as record, worker } from '../helpers/records.js';

const window = { from: '2025-11-01', asOf: '2026-10-31' };
const frontline = { roles: ['practitioner', 'senior-practitioner'], every: '1 month' };
const managers = { roles: ['team-manager'], every: '1 month' };

/** Findings with their team and the rows they cite, for the cases where those matter. */
function evaluate(check: Check, params: unknown, data: Dataset) {
  const result = evaluateToList(check, data, check.params.parse(params), { window: { from: day(window.from), asOf: day(window.asOf) }, scope: EVERYONE });
  return result.findings.map((f) => ({ status: f.status, team: f.team, lines: f.source.map((s) => s.line) }));
}

describe('a worker’s periods', () => {
  const rows = [
    worker({ id: 'W1', role: 'practitioner', team: 'Team A', start: '2020-01-01', end: '2026-04-01', name: 'Sam Old' }),
    // Effective-dated tables repeat the boundary day: the later row holds from its start.
    worker({ id: 'W1', role: 'senior-practitioner', team: 'Team B', start: '2026-04-01', end: '2026-06-30', name: null }),
    worker({ id: 'W1', role: 'senior-practitioner', team: 'Team C', start: '2026-09-01', name: 'Sam New' }),
  ];
  const [w] = dataset({ workers: rows }).workers;

  it('are taken in order, the earlier ending the day before a later one starts', () => {
    expect(w!.periods.map((p) => [p.start, p.end, p.team])).toEqual([
      [day('2020-01-01'), day('2026-03-31'), 'Team A'],
      [day('2026-04-01'), day('2026-06-30'), 'Team B'],
      [day('2026-09-01'), null, 'Team C'],
    ]);
    // The worker: from the first start, the latest name given, the latest period's role and team.
    expect([w!.start, w!.end, w!.name, w!.role, w!.team]).toEqual([day('2020-01-01'), null, 'Sam New', 'senior-practitioner', 'Team C']);
  });

  it.each([
    ['2026-03-31', true, 'Team A'],
    ['2026-04-01', true, 'Team B'],
    // Between two periods: not in post; the team is that of the last day in post.
    ['2026-07-15', false, 'Team B'],
    ['2026-09-01', true, 'Team C'],
    // Before the first period: the first one's.
    ['2019-06-01', false, 'Team A'],
  ])('on %s: in post %s, team %s', (on, inPost, team) => {
    expect(inPostOn(w!, day(on))).toBe(inPost);
    expect(teamOn(w!, day(on))).toBe(team);
    expect(periodOn(w!, day(on)).team).toBe(team);
  });
});

describe('staff-frequency over a worker’s history', () => {
  it.each([
    {
      name: 'a promotion within the rule’s roles restarts nothing: a late session across it is late',
      rule: frontline,
      workers: [
        worker({ id: 'W1', role: 'practitioner', start: '2020-01-01', end: '2026-03-31' }),
        worker({ id: 'W1', role: 'senior-practitioner', start: '2026-04-01' }),
      ],
      sessions: ['2025-10-20', '2025-11-19', '2025-12-18', '2026-01-16', '2026-02-13', '2026-03-10', '2026-04-20', '2026-05-19', '2026-06-18', '2026-07-17', '2026-08-14', '2026-09-11', '2026-10-09'],
      expected: [
        { status: 'late', subject: 'W1', dueDate: '2026-04-10', daysOverdue: 10, message: 'supervised on 2026-04-20, 10 days after it was due on 2026-04-10 (every 1 month since the last session on 2026-03-10)' },
      ],
    },
    {
      name: 'promoted out of the rule’s roles: nothing falls due after the last day as a practitioner',
      rule: frontline,
      workers: [
        worker({ id: 'W1', role: 'practitioner', start: '2020-01-01', end: '2026-03-31' }),
        worker({ id: 'W1', role: 'team-manager', start: '2026-04-01' }),
      ],
      sessions: ['2025-10-20', '2025-11-19', '2025-12-18', '2026-01-16', '2026-02-13', '2026-03-10'],
      expected: [],
    },
    {
      name: 'promoted into the managers’ rule: its chain starts on the first day as a manager',
      rule: managers,
      workers: [
        worker({ id: 'W1', role: 'practitioner', start: '2020-01-01', end: '2026-03-31' }),
        worker({ id: 'W1', role: 'team-manager', start: '2026-04-01' }),
      ],
      sessions: ['2026-03-10', '2026-05-15', '2026-06-12', '2026-07-10', '2026-08-07', '2026-09-04', '2026-10-02', '2026-10-30'],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-05-01',
          daysOverdue: 14,
          message: 'supervised on 2026-05-15, 14 days after it was due on 2026-05-01 (every 1 month since the start on 2026-04-01)',
        },
      ],
    },
    {
      name: 'a return after a gap starts afresh: nothing is due while not in post',
      rule: frontline,
      workers: [
        worker({ id: 'W1', role: 'practitioner', start: '2020-01-01', end: '2026-01-31' }),
        worker({ id: 'W1', role: 'practitioner', start: '2026-06-01' }),
      ],
      sessions: ['2025-10-20', '2025-11-19', '2025-12-18', '2026-01-16', '2026-06-25', '2026-07-30', '2026-08-28', '2026-09-25', '2026-10-23'],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-07-25',
          daysOverdue: 5,
          message: 'supervised on 2026-07-30, 5 days after it was due on 2026-07-25 (every 1 month since the last session on 2026-06-25)',
        },
      ],
    },
    {
      name: 'a returner never supervised since coming back is overdue from a month after the return',
      rule: frontline,
      workers: [
        worker({ id: 'W1', role: 'practitioner', start: '2020-01-01', end: '2026-01-31' }),
        worker({ id: 'W1', role: 'practitioner', start: '2026-09-01' }),
      ],
      sessions: ['2025-10-20', '2025-11-19', '2025-12-18', '2026-01-16'],
      expected: [
        {
          status: 'overdue',
          subject: 'W1',
          dueDate: '2026-10-01',
          daysOverdue: 30,
          message: 'no planned supervision since the start on 2026-09-01: due 2026-10-01 (every 1 month), 30 days overdue',
        },
      ],
    },
    {
      name: 'an ASYE who qualifies into a social worker post: the practitioners’ chain starts on qualifying',
      rule: frontline,
      workers: [
        worker({ id: 'W1', role: 'asye', start: '2025-09-01', end: '2026-08-31', asyeStart: '2025-09-01' }),
        worker({ id: 'W1', role: 'practitioner', start: '2026-09-01' }),
      ],
      sessions: ['2026-08-25', '2026-10-05'],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-10-01',
          daysOverdue: 4,
          message: 'supervised on 2026-10-05, 4 days after it was due on 2026-10-01 (every 1 month since the start on 2026-09-01)',
        },
      ],
    },
  ])('$name', ({ rule, workers, sessions, expected }) => {
    const result = run(staffFrequency, rule, dataset({ workers, sessions: held('W1', ...sessions) }), window);
    expect(result.findings).toEqual(expected);
    expect(result.subjects).toBe(1);
  });

  it('the ASYE stages count from the ASYE start, and the weekly stage applies in week 11', () => {
    const asye = { roles: ['asye'], stages: [{ before: '3 months', every: '1 week' }, { before: '6 months', every: '2 weeks' }, { every: '1 month' }] };
    const workers = [
      worker({ id: 'W1', role: 'student', start: '2025-01-06', end: '2026-07-31' }),
      // No ASYE start in the rows: the first day of the first ASYE period.
      worker({ id: 'W1', role: 'asye', start: '2026-08-01' }),
    ];
    const weekly = ['2026-08-07', '2026-08-14', '2026-08-21', '2026-08-28', '2026-09-04', '2026-09-11', '2026-09-18', '2026-09-25', '2026-10-02', '2026-10-09', '2026-10-23', '2026-10-30'];
    const result = run(staffFrequency, asye, dataset({ workers, sessions: held('W1', ...weekly) }), window);
    expect(result.findings).toEqual([
      { status: 'late', subject: 'W1', dueDate: '2026-10-16', daysOverdue: 7, message: 'supervised on 2026-10-23, 7 days after it was due on 2026-10-16 (every 1 week since the last session on 2026-10-09)' },
    ]);
  });

  it('a finding’s team is the worker’s on the audit date, and it cites the row of the period due then', () => {
    const workers = [
      worker({ id: 'W1', role: 'practitioner', team: 'Team A', start: '2020-01-01', end: '2026-05-31' }),
      worker({ id: 'W1', role: 'practitioner', team: 'Team B', start: '2026-06-01' }),
    ];
    const data = dataset({ workers, sessions: held('W1', '2025-10-20', '2025-11-19', '2025-12-18', '2026-01-16', '2026-02-13', '2026-03-10') });
    const [teamA, teamB] = data.workers[0]!.periods;
    // Due on 10 April, when the worker was in Team A: that row is cited; the team is Team B's, where they are now.
    expect(evaluate(staffFrequency, frontline, data)).toEqual([{ status: 'overdue', team: 'Team B', lines: [data.sessions.lineOf(5), teamA!.line] }]);
    expect(teamB!.team).toBe('Team B');
  });
});

describe('per-session checks take the role and team on the session’s date', () => {
  it('staff-duration: the minimum of the role held that day, and the team of that day', () => {
    const workers = [
      worker({ id: 'W1', role: 'support-worker', team: 'Team A', start: '2020-01-01', end: '2026-03-31' }),
      worker({ id: 'W1', role: 'practitioner', team: 'Team B', start: '2026-04-01' }),
    ];
    const sessions = [session({ worker: 'W1', on: '2026-03-10', durationMinutes: 30 }), session({ worker: 'W1', on: '2026-04-10', durationMinutes: 45 })];
    const data = dataset({ workers, sessions });
    // Only practitioners are held to 90 minutes: the session as a support worker is not a subject.
    expect(run(staffDuration, { roles: ['practitioner'], minimum: '90 minutes' }, data, window)).toEqual({
      subjects: 1,
      findings: [{ status: 'short', subject: sessions[1]!.id, message: 'the session on 2026-04-10 lasted 45 minutes; the minimum is 90 minutes' }],
    });
    expect(evaluate(staffDuration, { roles: ['support-worker'], minimum: '60 minutes' }, data)).toEqual([{ status: 'short', team: 'Team A', lines: [sessions[0]!.line] }]);
  });

  it('supervisor-qualified: the supervisor’s role on the session date, from the supervisor’s own rows', () => {
    const workers = [
      worker({ id: 'W1', role: 'practitioner', start: '2020-01-01' }),
      worker({ id: 'M1', role: 'practitioner', start: '2018-01-01', end: '2026-03-31' }),
      worker({ id: 'M1', role: 'senior-practitioner', start: '2026-04-01' }),
    ];
    const sessions = [session({ worker: 'W1', on: '2026-03-15', supervisorId: 'M1' }), session({ worker: 'W1', on: '2026-04-15', supervisorId: 'M1' })];
    const staffRecords = [registration('M1', 'SWE_REGISTRATION', '2025-01-01', '2027-12-31'), record('M1', 'TRAINING', '2025-06-01', 'SUPERVISION_SKILLS')];
    const params = { roles: ['practitioner'], seniorRoles: ['senior-practitioner', 'team-manager'], registrations: ['SWE_REGISTRATION'], courses: ['SUPERVISION_SKILLS'] };
    expect(run(supervisorQualified, params, dataset({ workers, sessions, staffRecords }), window)).toEqual({
      subjects: 2,
      findings: [{ status: 'unqualified', subject: sessions[0]!.id, message: 'supervised on 2026-03-15 by M1, who is not in a senior role (practitioner)' }],
    });
  });
});

describe('staff records over a worker’s history', () => {
  const training = { roles: ['team-manager'], types: ['TRAINING'], courses: ['SUPERVISION_SKILLS'], first: '6 months' };
  const dbs = { roles: ['practitioner', 'team-manager'], types: ['DBS_CHECK'], first: '0 days', every: '36 months' };
  const appraisal = { roles: ['practitioner'], types: ['APPRAISAL'], first: '12 months', every: '12 months' };
  const returner = [worker({ id: 'W1', role: 'practitioner', start: '2015-01-01', end: '2025-12-31' }), worker({ id: 'W1', role: 'practitioner', start: '2026-03-01' })];

  it.each([
    {
      name: 'a new manager’s supervision training is due six months after becoming a manager',
      rule: training,
      workers: [worker({ id: 'W1', role: 'practitioner', start: '2018-01-01', end: '2026-03-31' }), worker({ id: 'W1', role: 'team-manager', start: '2026-04-01' })],
      records: [],
      expected: [
        {
          status: 'overdue',
          subject: 'W1',
          dueDate: '2026-10-01',
          daysOverdue: 30,
          message: 'no training (SUPERVISION_SKILLS) on record; one was due by 2026-10-01 (first due 6 months after starting, once), 30 days overdue',
        },
      ],
    },
    {
      name: 'a returner whose DBS check is two years old owes the next one when it runs out',
      rule: dbs,
      workers: returner,
      records: [record('W1', 'DBS_CHECK', '2024-06-01')],
      expected: [],
    },
    {
      name: 'a returner whose DBS check runs out while away owes one on the day they return',
      rule: dbs,
      workers: returner,
      records: [record('W1', 'DBS_CHECK', '2023-01-10')],
      expected: [
        {
          status: 'overdue',
          subject: 'W1',
          dueDate: '2026-03-01',
          daysOverdue: 244,
          message: 'no DBS check since 2023-01-10; one was due by 2026-03-01 (due on starting, then every 36 months), 244 days overdue',
        },
      ],
    },
    {
      name: 'an appraisal from before a gap never makes a returner overdue on arrival',
      rule: appraisal,
      workers: returner,
      records: [record('W1', 'APPRAISAL', '2025-06-01')],
      expected: [],
    },
  ])('$name', ({ rule, workers, records, expected }) => {
    expect(run(staffRecord, rule, dataset({ workers, staffRecords: records }), window).findings).toEqual(expected);
  });

  it('registration-current: days in a role without registration, and days out of post, need none', () => {
    const workers = [
      worker({ id: 'W1', role: 'practitioner', start: '2020-01-01', end: '2026-03-31' }),
      worker({ id: 'W1', role: 'support-worker', profession: 'other', start: '2026-04-01', end: '2026-05-31' }),
      worker({ id: 'W1', role: 'practitioner', start: '2026-08-01' }),
    ];
    const staffRecords = [registration('W1', 'SWE_REGISTRATION', '2024-01-01', '2026-04-30'), registration('W1', 'SWE_REGISTRATION', '2026-08-15', '2028-08-14')];
    const rule = { roles: ['practitioner'], registrations: { 'social-work': ['SWE_REGISTRATION'] } };
    expect(run(registrationCurrent, rule, dataset({ workers, staffRecords }), window).findings).toEqual([
      { status: 'lapsed', subject: 'W1', dueDate: '2026-08-01', daysOverdue: 14, message: 'Social Work England registration lapsed from 2026-08-01 to 2026-08-14 (14 days); renewed on 2026-08-15' },
    ]);
  });
});

describe('checks of the audit date', () => {
  it('named-supervisor: a worker between two periods on the audit date is not in post', () => {
    const workers = [worker({ id: 'W1', start: '2020-01-01', end: '2026-09-30' }), worker({ id: 'W1', start: '2026-11-15' }), worker({ id: 'W2', start: '2020-01-01' })];
    const result = run(namedSupervisor, {}, dataset({ workers, supervisors: [assignment('W2', 'W9', '2020-01-01')] }), window);
    expect(result).toEqual({ subjects: 1, findings: [{ status: 'unknown-supervisor', subject: 'W2', message: 'the named supervisor W9 is not in the workers export' }] });
  });
});

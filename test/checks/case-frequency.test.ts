import { describe, expect, it } from 'vitest';
import { caseFrequency } from '../../src/checks/case-frequency.js';
import { allocation, assignment, dataset, day, discussion, plan, run, worker } from '../helpers/records.js';
import { EVERYONE } from '../../src/audit/scope.js';
import { formatDay } from '../../src/time/calendar.js';
import { needsOf } from '../../src/checks/registry.js';
import { evaluateToList, type Check } from '../../src/checks/check.js';

const window = { from: '2026-06-01', asOf: '2026-09-30' };
const cic = { plans: ['cic', 'care-leaver'], every: '1 month', when: [{ flags: { permanence: true, stablePlacement: true }, every: '2 months' }] };

describe('case-frequency', () => {
  it.each([
    {
      name: 'monthly discussions in time',
      episode: plan('C1', 'cic', '2025-01-01'),
      dates: ['2026-05-20', '2026-06-19', '2026-07-18', '2026-08-17', '2026-09-16'],
      expected: [],
    },
    {
      name: 'permanence and a stable placement: every two months',
      episode: plan('C1', 'cic', '2025-01-01', undefined, { permanence: true, stablePlacement: true }),
      dates: ['2026-05-20', '2026-07-20', '2026-09-20'],
      expected: [],
    },
    {
      name: 'permanence alone is not enough for two-monthly',
      episode: plan('C1', 'cic', '2025-01-01', undefined, { permanence: true }),
      dates: ['2026-05-20', '2026-07-20', '2026-09-20'],
      expected: [
        { status: 'late', subject: 'C1', dueDate: '2026-06-20', daysOverdue: 30, message: 'cic case discussed on 2026-07-20, 30 days after it was due on 2026-06-20 (every 1 month since the last discussion on 2026-05-20)' },
        { status: 'late', subject: 'C1', dueDate: '2026-08-20', daysOverdue: 31, message: 'cic case discussed on 2026-09-20, 31 days after it was due on 2026-08-20 (every 1 month since the last discussion on 2026-07-20)' },
      ],
    },
    {
      name: 'a plan starting in the window is due a month after its start',
      episode: plan('C1', 'care-leaver', '2026-07-10'),
      dates: [],
      expected: [{ status: 'overdue', subject: 'C1', dueDate: '2026-08-10', daysOverdue: 51, message: 'care-leaver case not discussed since the start on 2026-07-10: due 2026-08-10 (every 1 month), 51 days overdue' }],
    },
    {
      name: 'a plan ending in the window: nothing falls due after its end',
      episode: plan('C1', 'cic', '2025-01-01', '2026-07-15'),
      dates: ['2026-06-10'],
      expected: [{ status: 'overdue', subject: 'C1', dueDate: '2026-07-10', daysOverdue: 5, message: 'cic case not discussed since the last discussion on 2026-06-10: due 2026-07-10 (every 1 month), 5 days overdue when it ended on 2026-07-15' }],
    },
  ])('$name', ({ episode, dates, expected }) => {
    const data = dataset({ plans: [episode], discussions: dates.map((d) => discussion('C1', d)) });
    expect(run(caseFrequency, cic, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('Barnsley CIN: 12-weekly for disability-only with a stable plan', () => {
    const cin = { plans: ['cin'], every: '1 month', when: [{ flags: { disabilityOnly: true, stablePlacement: true }, every: '12 weeks' }] };
    const episode = plan('C1', 'cin', '2025-01-01', undefined, { disabilityOnly: true, stablePlacement: true });
    // 2026-05-01 + 84 days = 2026-07-24.
    const data = dataset({ plans: [episode], discussions: [discussion('C1', '2026-05-01'), discussion('C1', '2026-07-24')] });
    expect(run(caseFrequency, cin, data, { from: '2026-06-01', asOf: '2026-08-31' }).findings).toEqual([]);
  });

  it('Barnsley other plans: a variant chosen by plan type, and by plan type and flags', () => {
    const other = {
      plans: ['adoption-support', 'foster-carer', 'adopter'],
      every: '1 month',
      when: [
        { plans: ['adoption-support'], every: '2 months' },
        { plans: ['foster-carer'], flags: { permanence: true, stablePlacement: true }, every: '2 months' },
      ],
    };
    const data = dataset({
      plans: [
        plan('AS', 'adoption-support', '2025-01-01'),
        plan('FC', 'foster-carer', '2025-01-01', undefined, { permanence: true, stablePlacement: true }),
        plan('AD', 'adopter', '2025-01-01', undefined, { permanence: true, stablePlacement: true }),
      ],
      discussions: ['AS', 'FC', 'AD'].flatMap((c) => [discussion(c, '2026-05-31'), discussion(c, '2026-07-31'), discussion(c, '2026-09-30')]),
    });
    expect(run(caseFrequency, other, data, window).findings.map((f) => [f.subject, f.status, f.dueDate])).toEqual([
      ['AD', 'late', '2026-06-30'],
      ['AD', 'late', '2026-08-31'],
    ]);
  });

  it('plans of other types are not subjects', () => {
    const data = dataset({ plans: [plan('C1', 'cp', '2025-01-01')] });
    expect(run(caseFrequency, cic, data, window)).toEqual({ subjects: 0, findings: [] });
  });

  it('names the worker allocated, and their supervisor, on the due date', () => {
    const data = dataset({
      workers: [worker({ id: 'W1', team: 'North' }), worker({ id: 'W2', team: 'South' })],
      supervisors: [assignment('W2', 'M9', '2025-01-01')],
      plans: [plan('C1', 'cic', '2025-01-01')],
      allocations: [allocation('C1', 'W1', '2025-01-01', '2026-06-30'), allocation('C1', 'W2', '2026-07-01')],
      discussions: [discussion('C1', '2026-06-10')],
    });
    const params = caseFrequency.params.parse(cic);
    const [finding] = evaluateToList(caseFrequency, data, params, { window: { from: day('2026-06-01'), asOf: day('2026-09-30') }, scope: EVERYONE }).findings;
    expect(finding).toMatchObject({ status: 'overdue', workerId: 'W2', supervisorId: 'M9', team: 'South' });
  });

  it('a case closed before the plan ended is checked up to its closure', () => {
    const data = dataset({ plans: [plan('C1', 'cic', '2025-01-01')], discussions: [discussion('C1', '2026-06-10')], cases: [{ id: 'C1', service: 'children', closed: day('2026-07-01') }] });
    expect(run(caseFrequency, cic, data, window).findings).toEqual([]);
  });
});

describe('case-frequency: a case is judged over each unbroken stretch of plans of the rule’s types', () => {
  // Cases on assessment, child in need and child protection plans every 6 weeks; child protection every 2 weeks.
  const cases = { plans: ['assessment', 'cin', 'cp'], every: '6 weeks', when: [{ plans: ['cp'], every: '2 weeks' }] };
  const cin = { plans: ['cin'], every: '1 month' };
  const cp = { plans: ['cp'], every: '1 month' };
  const closedOn = (iso: string) => [{ id: 'C1', service: 'children' as const, closed: day(iso) }];

  it.each([
    {
      name: 'a change of plan the day after an episode ends is one stretch: the gap across it is late',
      rule: cases,
      plans: [plan('C1', 'assessment', '2026-01-01', '2026-06-30'), plan('C1', 'cin', '2026-07-01')],
      dates: ['2026-05-25', '2026-08-10', '2026-09-15'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-07-06', daysOverdue: 35, message: 'assessment case discussed on 2026-08-10, 35 days after it was due on 2026-07-06 (every 6 weeks since the last discussion on 2026-05-25)' }],
    },
    {
      name: 'a day with no plan between two episodes makes two stretches: the second starts its own clock',
      rule: cases,
      plans: [plan('C1', 'assessment', '2026-01-01', '2026-06-29'), plan('C1', 'cin', '2026-07-01')],
      dates: ['2026-05-25', '2026-08-10', '2026-09-15'],
      expected: [],
    },
    {
      name: 'overlapping episodes are one stretch, the interval that of the plan in force on the anchor date',
      rule: cases,
      plans: [plan('C1', 'assessment', '2026-01-01', '2026-07-15'), plan('C1', 'cin', '2026-07-01')],
      dates: ['2026-05-25', '2026-08-10', '2026-09-15'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-07-06', daysOverdue: 35, message: 'assessment case discussed on 2026-08-10, 35 days after it was due on 2026-07-06 (every 6 weeks since the last discussion on 2026-05-25)' }],
    },
    {
      name: 'a change to a plan with a shorter interval: anchored before the change the longer one holds, after it the shorter',
      rule: cases,
      plans: [plan('C1', 'assessment', '2026-01-01', '2026-07-04'), plan('C1', 'cp', '2026-07-05')],
      // 06-20 (assessment) + 6 weeks = 08-01: 07-30 is in time; 07-30 (cp) + 2 weeks = 08-13: 08-20 is late.
      dates: ['2026-06-20', '2026-07-30', '2026-08-20', '2026-09-01', '2026-09-14', '2026-09-28'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-08-13', daysOverdue: 7, message: 'cp case discussed on 2026-08-20, 7 days after it was due on 2026-08-13 (every 2 weeks since the last discussion on 2026-07-30)' }],
    },
    {
      name: 'a change between the plan types of two rules: the child in need rule’s stretch ends with its plan',
      rule: cin,
      plans: [plan('C1', 'cin', '2026-01-01', '2026-07-10'), plan('C1', 'cp', '2026-07-11')],
      dates: ['2026-06-20', '2026-08-05', '2026-09-04'],
      expected: [],
    },
    {
      name: 'a change between the plan types of two rules: the child protection rule’s stretch starts with its plan',
      rule: cp,
      plans: [plan('C1', 'cin', '2026-01-01', '2026-07-10'), plan('C1', 'cp', '2026-07-11')],
      dates: ['2026-06-20', '2026-08-05', '2026-09-04'],
      expected: [],
    },
    {
      name: 'the same change under one rule for both plan types is one stretch',
      rule: { plans: ['cin', 'cp'], every: '1 month' },
      plans: [plan('C1', 'cin', '2026-01-01', '2026-07-10'), plan('C1', 'cp', '2026-07-11')],
      dates: ['2026-06-20', '2026-08-05', '2026-09-04'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-07-20', daysOverdue: 16, message: 'cin case discussed on 2026-08-05, 16 days after it was due on 2026-07-20 (every 1 month since the last discussion on 2026-06-20)' }],
    },
    {
      name: 'a case closed and reopened: two stretches, the second due from its start',
      rule: cin,
      plans: [plan('C1', 'cin', '2026-01-01', '2026-06-30'), plan('C1', 'cin', '2026-08-01')],
      dates: ['2026-06-10', '2026-09-10'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-09-01', daysOverdue: 9, message: 'cin case discussed on 2026-09-10, 9 days after it was due on 2026-09-01 (every 1 month since the start on 2026-08-01)' }],
    },
    {
      name: 'a case closed and reopened, its closure in the cases export: the closure ends the first stretch only',
      rule: cin,
      plans: [plan('C1', 'cin', '2026-01-01'), plan('C1', 'cin', '2026-08-01')],
      cases: closedOn('2026-06-30'),
      dates: ['2026-06-10', '2026-09-10'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-09-01', daysOverdue: 9, message: 'cin case discussed on 2026-09-10, 9 days after it was due on 2026-09-01 (every 1 month since the start on 2026-08-01)' }],
    },
  ])('$name', ({ rule, plans, dates, cases, expected }) => {
    const data = dataset({ plans, discussions: dates.map((d) => discussion('C1', d)), ...(cases ? { cases } : {}) });
    expect(run(caseFrequency, rule, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('cites the plan in force on the anchor date, then the one in force on the due date', () => {
    const before = plan('C1', 'assessment', '2026-01-01', '2026-06-30');
    const after = plan('C1', 'cin', '2026-07-01');
    const late = discussion('C1', '2026-08-10');
    const anchor = discussion('C1', '2026-05-25');
    const data = dataset({ plans: [before, after], discussions: [anchor, late, discussion('C1', '2026-09-15')] });
    const [finding] = evaluateToList(caseFrequency, data, caseFrequency.params.parse(cases), { window: { from: day('2026-06-01'), asOf: day('2026-09-30') }, scope: EVERYONE }).findings;
    // The discussions are cited by where they were read (they are held as columns), the plans as rows.
    const readAt = ({ file, line }: { file: string; line: number }) => ({ file, line });
    expect(finding!.source).toEqual([readAt(late), readAt(anchor), before, after]);
  });

  it('the look-ahead anchors the open item on the last discussion before the change', () => {
    const data = dataset({ plans: [plan('C1', 'assessment', '2026-01-01', '2026-09-14'), plan('C1', 'cp', '2026-09-15')], discussions: [discussion('C1', '2026-09-01')] });
    const items: Array<{ dueDate: number; lastDate: number | null; what: string }> = [];
    evaluateToList(caseFrequency, data, caseFrequency.params.parse(cases), { window: { from: day('2026-06-01'), asOf: day('2026-09-30') }, scope: EVERYONE, open: (item) => items.push(item) });
    // Anchored on 09-01, on an assessment plan: 6 weeks, not 2 weeks from the child protection plan's start.
    expect(items).toMatchObject([{ dueDate: day('2026-10-13'), lastDate: day('2026-09-01'), what: expect.stringContaining('case discussion for case C1') }]);
  });
});

describe('case-frequency with allocated: a case is judged only on the days it is allocated', () => {
  const plans = [plan('C1', 'cin', '2025-01-01')];
  const workers = [worker({ id: 'W1' }), worker({ id: 'W2', role: 'team-manager' })];
  // Allocated to W1 to the end of June, to no one in July, to W2 from August.
  const allocations = [allocation('C1', 'W1', '2025-01-01', '2026-06-30'), allocation('C1', 'W2', '2026-08-01')];
  const discussions = [discussion('C1', '2026-06-10'), discussion('C1', '2026-08-20')];
  const judge = (params: object) => {
    const data = dataset({ workers, plans, allocations, discussions });
    const result = evaluateToList(caseFrequency, data, caseFrequency.params.parse(params), { window: { from: day('2026-06-01'), asOf: day('2026-09-30') }, scope: EVERYONE });
    return { subjects: result.subjects, findings: result.findings.map((f) => [f.status, formatDay(f.dueDate!), f.daysOverdue, f.workerId]) };
  };

  it.each([
    {
      name: 'without it, the unallocated month is judged and the gap is reported against no one',
      params: { plans: ['cin'], every: '1 month' },
      expected: { subjects: 1, findings: [['late', '2026-07-10', 41, null], ['overdue', '2026-09-20', 10, 'W2']] },
    },
    {
      name: 'with it, the case is no subject in July: its clock starts again on allocation',
      params: { plans: ['cin'], every: '1 month', allocated: true },
      expected: { subjects: 1, findings: [['overdue', '2026-09-20', 10, 'W2']] },
    },
    {
      name: 'with roles, only the days it is allocated to a worker in one of them',
      params: { plans: ['cin'], every: '1 month', allocated: { roles: ['practitioner', 'senior-practitioner'] } },
      expected: { subjects: 1, findings: [] },
    },
    {
      name: 'with roles no allocated worker had, the case is no subject',
      params: { plans: ['cin'], every: '1 month', allocated: { roles: ['asye'] } },
      expected: { subjects: 0, findings: [] },
    },
  ])('$name', ({ params, expected }) => {
    expect(judge(params)).toEqual(expected);
  });

  it('a worker’s role on each day decides, as the workers export gives it over time', () => {
    // W3 is a practitioner to the end of July, a team manager from August: the case counts only to then.
    const promoted = [worker({ id: 'W3', end: '2026-07-31' }), worker({ id: 'W3', role: 'team-manager', start: '2026-08-01' })];
    const data = dataset({ workers: promoted, plans, allocations: [allocation('C1', 'W3', '2025-01-01')], discussions: [discussion('C1', '2026-06-10')] });
    const result = evaluateToList(caseFrequency, data, caseFrequency.params.parse({ plans: ['cin'], every: '1 month', allocated: { roles: ['practitioner'] } }), { window: { from: day('2026-06-01'), asOf: day('2026-09-30') }, scope: EVERYONE });
    expect(result.findings.map((f) => [f.status, formatDay(f.dueDate!), f.daysOverdue])).toEqual([['overdue', '2026-07-10', 21]]);
  });

  it('needs the allocations (and, with roles, the workers) export: without it the rule is not run, never compliant', () => {
    const needs = (params: object) => needsOf(caseFrequency as unknown as Check, caseFrequency.params.parse(params));
    expect(needs({ plans: ['cin'], every: '1 month' })).toEqual(['plans', 'case-discussions']);
    expect(needs({ plans: ['cin'], every: '1 month', allocated: true })).toEqual(['plans', 'case-discussions', 'allocations']);
    expect(needs({ plans: ['cin'], every: '1 month', allocated: { roles: ['practitioner'] } })).toEqual(['plans', 'case-discussions', 'allocations', 'workers']);
  });

  it('refuses roles that are not roles', () => {
    expect(() => caseFrequency.params.parse({ plans: ['cin'], every: '1 month', allocated: { roles: ['social-worker'] } })).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { caseFrequency } from '../../src/checks/case-frequency.js';
import { allocation, assignment, dataset, day, discussion, plan, run, worker } from '../helpers/records.js';
import { EVERYONE } from '../../src/audit/scope.js';

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
    const [finding] = caseFrequency.evaluate(data, params, { window: { from: day('2026-06-01'), asOf: day('2026-09-30') }, scope: EVERYONE }).findings;
    expect(finding).toMatchObject({ status: 'overdue', workerId: 'W2', supervisorId: 'M9', team: 'South' });
  });

  it('a case closed before the plan ended is checked up to its closure', () => {
    const data = dataset({ plans: [plan('C1', 'cic', '2025-01-01')], discussions: [discussion('C1', '2026-06-10')], cases: [{ id: 'C1', service: 'children', closed: day('2026-07-01') }] });
    expect(run(caseFrequency, cic, data, window).findings).toEqual([]);
  });
});

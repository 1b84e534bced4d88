import { describe, expect, it } from 'vitest';
import { caseInitial } from '../../src/checks/case-initial.js';
import { allocation, dataset, discussion, plan, run, worker } from '../helpers/records.js';

const params = { plans: ['assessment'], within: '10 working days' };
const window = { from: '2026-04-01', asOf: '2026-04-30' };
const workers = [worker({ id: 'W1' })];

describe('case-initial', () => {
  it.each([
    {
      name: 'discussed within 10 working days',
      allocations: [allocation('C1', 'W1', '2026-04-01')],
      discussions: [discussion('C1', '2026-04-10')],
      expected: [],
    },
    {
      // Allocated Wednesday 1 April 2026: Good Friday 3 April and Easter Monday 6 April are
      // not working days, so the 10th working day is 17 April.
      name: 'due on the 10th working day, skipping Easter',
      allocations: [allocation('C1', 'W1', '2026-04-01')],
      discussions: [discussion('C1', '2026-04-17')],
      expected: [],
    },
    {
      name: 'discussed a day after the 10th working day',
      allocations: [allocation('C1', 'W1', '2026-04-01')],
      discussions: [discussion('C1', '2026-04-18')],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-04-17', daysOverdue: 1, message: 'assessment allocated on 2026-04-01 first discussed on 2026-04-18, 1 day after it was due on 2026-04-17 (within 10 working days)' }],
    },
    {
      name: 'not discussed at all',
      allocations: [allocation('C1', 'W1', '2026-04-01')],
      discussions: [],
      expected: [{ status: 'overdue', subject: 'C1', dueDate: '2026-04-17', daysOverdue: 13, message: 'assessment allocated on 2026-04-01 not yet discussed: due 2026-04-17 (within 10 working days), 13 days overdue' }],
    },
    {
      name: 'the clock starts at allocation when the case was allocated after the plan began',
      allocations: [allocation('C1', 'W1', '2026-04-08')],
      discussions: [discussion('C1', '2026-04-21')],
      expected: [],
    },
    {
      name: 'a management oversight note does not count unless the rule says so',
      allocations: [allocation('C1', 'W1', '2026-04-01')],
      discussions: [discussion('C1', '2026-04-02', { kind: 'management-oversight' })],
      expected: [{ status: 'overdue', subject: 'C1', dueDate: '2026-04-17', daysOverdue: 13, message: 'assessment allocated on 2026-04-01 not yet discussed: due 2026-04-17 (within 10 working days), 13 days overdue' }],
    },
  ])('$name', ({ allocations, discussions, expected }) => {
    const data = dataset({ workers, plans: [plan('C1', 'assessment', '2026-04-01')], allocations, discussions });
    expect(run(caseInitial, params, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('an assessment that ended before its due date has nothing due', () => {
    const data = dataset({ workers, plans: [plan('C1', 'assessment', '2026-04-01', '2026-04-09')], allocations: [allocation('C1', 'W1', '2026-04-01')] });
    expect(run(caseInitial, params, data, window).findings).toEqual([]);
  });

  it('an unallocated case has no clock', () => {
    const data = dataset({ workers, plans: [plan('C1', 'assessment', '2026-04-01')] });
    expect(run(caseInitial, params, data, window)).toEqual({ subjects: 0, findings: [] });
  });
});

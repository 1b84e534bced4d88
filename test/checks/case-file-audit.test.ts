import { describe, expect, it } from 'vitest';
import { caseFileAudit } from '../../src/checks/case-file-audit.js';
import { allocation, dataset, fileAudit, plan, run, worker } from '../helpers/records.js';

const window = { from: '2025-11-01', asOf: '2026-10-31' };
const yearly = { plans: ['cin', 'cp'], every: '12 months' };

describe('case-file-audit', () => {
  it.each([
    { name: 'audited yearly, on the due day itself', audits: ['2024-12-01', '2025-12-01'], expected: [] },
    {
      name: 'audited late',
      audits: ['2024-12-01', '2026-01-15'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2025-12-01', daysOverdue: 45, message: 'case file audited on 2026-01-15, 45 days after it was due on 2025-12-01 (every 12 months since the last audit on 2024-12-01)' }],
    },
    {
      name: 'not audited for over a year',
      audits: ['2025-06-30'],
      expected: [{ status: 'overdue', subject: 'C1', dueDate: '2026-06-30', daysOverdue: 123, message: 'case file not audited since the last audit on 2025-06-30: due 2026-06-30 (every 12 months), 123 days overdue' }],
    },
    {
      name: '28 February 2025 + 12 months is 28 February 2026',
      audits: ['2025-02-28', '2026-03-01'],
      expected: [{ status: 'late', subject: 'C1', dueDate: '2026-02-28', daysOverdue: 1, message: 'case file audited on 2026-03-01, 1 day after it was due on 2026-02-28 (every 12 months since the last audit on 2025-02-28)' }],
    },
  ])('$name', ({ audits, expected }) => {
    const data = dataset({
      workers: [worker({ id: 'W1' })],
      plans: [plan('C1', 'cin', '2023-01-01')],
      allocations: [allocation('C1', 'W1', '2023-01-01')],
      fileAudits: audits.map((on) => fileAudit('C1', on)),
    });
    expect(run(caseFileAudit, yearly, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('with no audit on or before the window start, the first is due 12 months after the later of the case opening and the window start', () => {
    const opened = dataset({ plans: [plan('C1', 'cp', '2025-10-01')], fileAudits: [] });
    expect(run(caseFileAudit, yearly, opened, { from: '2025-10-15', asOf: '2026-10-31' }).findings.map((f) => [f.dueDate, f.daysOverdue])).toEqual([['2026-10-15', 16]]);
    expect(run(caseFileAudit, yearly, opened, { from: '2025-09-01', asOf: '2026-10-31' }).findings.map((f) => [f.dueDate, f.daysOverdue])).toEqual([['2026-10-01', 30]]);
  });

  it('successive plans are one open period; a closed case is due nothing after it closed', () => {
    const data = dataset({
      plans: [plan('C1', 'cin', '2024-01-01', '2025-05-31'), plan('C1', 'cp', '2025-06-01', '2026-03-31')],
      fileAudits: [fileAudit('C1', '2024-12-01')],
    });
    expect(run(caseFileAudit, yearly, data, window).findings.map((f) => [f.status, f.dueDate, f.daysOverdue])).toEqual([['overdue', '2025-12-01', 120]]);
  });

  it.each([
    { name: 'overlapping plans are one stretch', plans: [plan('C1', 'cin', '2024-01-01', '2025-07-31'), plan('C1', 'cp', '2025-06-01')], expected: [['overdue', '2025-12-01', 334]] },
    // The second stretch starts on 2025-06-02, in the window: its first audit is due a year on (the one before it does not count).
    { name: 'a day with no plan makes two stretches', plans: [plan('C1', 'cin', '2024-01-01', '2025-05-31'), plan('C1', 'cp', '2025-06-02')], expected: [['overdue', '2026-06-02', 151]] },
    { name: 'a plan of another rule between two of its own: two stretches', plans: [plan('C1', 'cin', '2024-01-01', '2025-05-31'), plan('C1', 'cic', '2025-06-01', '2025-06-30'), plan('C1', 'cp', '2025-07-01')], expected: [['overdue', '2026-07-01', 122]] },
  ])('$name', ({ plans, expected }) => {
    const data = dataset({ plans, fileAudits: [fileAudit('C1', '2024-12-01')] });
    expect(run(caseFileAudit, yearly, data, { from: '2025-05-01', asOf: '2026-10-31' }).findings.map((f) => [f.status, f.dueDate, f.daysOverdue])).toEqual(expected);
  });

  it('only the rule’s plan types make a case a subject', () => {
    const data = dataset({ plans: [plan('C1', 'foster-carer', '2020-01-01')], fileAudits: [] });
    expect(run(caseFileAudit, yearly, data, window)).toEqual({ subjects: 0, findings: [] });
  });
});

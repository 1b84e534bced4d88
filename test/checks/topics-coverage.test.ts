import { describe, expect, it } from 'vitest';
import { topicsCoverage } from '../../src/checks/topics-coverage.js';
import { dataset, run, session, worker } from '../helpers/records.js';

const window = { from: '2026-01-01', asOf: '2026-10-31' };
const params = { roles: ['practitioner'], topics: { CASEWORK: 'review of case work', IMPACT: 'impact of the work' }, every: '3 months' };

function sessionsWith(...specs: Array<[string, string[], Partial<Parameters<typeof session>[0]>?]>) {
  return dataset({ workers: [worker({ id: 'W1' })], sessions: specs.map(([on, topics, more]) => session({ worker: 'W1', on, topics, ...more })) });
}

describe('topics-coverage', () => {
  it.each([
    {
      name: 'both topics every three months, on the due day itself',
      sessions: sessionsWith(['2025-12-15', ['CASEWORK', 'IMPACT']], ['2026-03-15', ['CASEWORK', 'IMPACT']], ['2026-06-15', ['CASEWORK', 'IMPACT']], ['2026-09-15', ['CASEWORK', 'IMPACT']]),
      expected: [],
    },
    {
      name: 'one topic missed for a quarter, each judged on its own',
      sessions: sessionsWith(['2025-12-15', ['CASEWORK', 'IMPACT']], ['2026-03-15', ['CASEWORK', 'IMPACT']], ['2026-06-15', ['CASEWORK']], ['2026-09-15', ['CASEWORK', 'IMPACT']]),
      expected: [
        { status: 'late', subject: 'W1', dueDate: '2026-06-15', daysOverdue: 92, message: 'impact of the work covered on 2026-09-15, 92 days after it was due on 2026-06-15 (every 3 months since the last time on 2026-03-15)' },
      ],
    },
    {
      name: 'a topic never covered: overdue from the window start',
      sessions: sessionsWith(['2025-12-15', ['CASEWORK']], ['2026-03-15', ['CASEWORK']], ['2026-06-15', ['CASEWORK']], ['2026-09-15', ['CASEWORK']]),
      expected: [{ status: 'overdue', subject: 'W1', dueDate: '2026-04-01', daysOverdue: 213, message: 'impact of the work not covered in the audit window (from 2026-01-01): due 2026-04-01 (every 3 months), 213 days overdue' }],
    },
    {
      name: 'a cancelled session, or an ad hoc one, covers nothing',
      sessions: sessionsWith(
        ['2025-12-15', ['CASEWORK', 'IMPACT']],
        ['2026-03-10', ['CASEWORK', 'IMPACT'], { status: 'cancelled' }],
        ['2026-03-11', ['CASEWORK', 'IMPACT'], { kind: 'ad-hoc' }],
        ['2026-03-20', ['CASEWORK', 'IMPACT']],
        ['2026-06-15', ['CASEWORK', 'IMPACT']],
        ['2026-09-15', ['CASEWORK', 'IMPACT']],
      ),
      expected: [
        { status: 'late', subject: 'W1', dueDate: '2026-03-15', daysOverdue: 5, message: 'review of case work covered on 2026-03-20, 5 days after it was due on 2026-03-15 (every 3 months since the last time on 2025-12-15)' },
        { status: 'late', subject: 'W1', dueDate: '2026-03-15', daysOverdue: 5, message: 'impact of the work covered on 2026-03-20, 5 days after it was due on 2026-03-15 (every 3 months since the last time on 2025-12-15)' },
      ],
    },
  ])('$name', ({ sessions, expected }) => {
    expect(run(topicsCoverage, params, sessions, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('30 November + 3 months is 28 February', () => {
    const data = sessionsWith(['2025-11-30', ['CASEWORK', 'IMPACT']], ['2026-03-01', ['CASEWORK', 'IMPACT']], ['2026-06-01', ['CASEWORK', 'IMPACT']], ['2026-09-01', ['CASEWORK', 'IMPACT']]);
    expect(run(topicsCoverage, params, data, window).findings.map((f) => [f.dueDate, f.daysOverdue])).toEqual([
      ['2026-02-28', 1],
      ['2026-02-28', 1],
    ]);
  });
});

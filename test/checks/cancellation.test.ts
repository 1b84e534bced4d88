import { describe, expect, it } from 'vitest';
import { cancellation } from '../../src/checks/cancellation.js';
import { dataset, run, session, worker } from '../helpers/records.js';

const params = { rearrangeWithin: '14 days' };
const window = { from: '2026-10-01', asOf: '2026-10-31' };

function withSessions(...sessions: ReturnType<typeof session>[]) {
  return dataset({ workers: [worker({ id: 'W1' })], sessions });
}

describe('cancellation', () => {
  it.each([
    {
      name: 'reason logged and rearranged within 14 days',
      sessions: [session({ id: 'C', worker: 'W1', on: '2026-10-01', status: 'cancelled', cancelReasonGiven: true }), session({ worker: 'W1', on: '2026-10-15' })],
      expected: [],
    },
    {
      name: 'no reason logged',
      sessions: [session({ id: 'C', worker: 'W1', on: '2026-10-01', status: 'postponed' }), session({ worker: 'W1', on: '2026-10-08' })],
      expected: [{ status: 'missing', subject: 'C', message: 'the postponed session of 2026-10-01 has no reason logged' }],
    },
    {
      name: 'rearranged on day 15',
      sessions: [session({ id: 'C', worker: 'W1', on: '2026-10-01', status: 'cancelled', cancelReasonGiven: true }), session({ worker: 'W1', on: '2026-10-16' })],
      expected: [{ status: 'not-rearranged', subject: 'C', dueDate: '2026-10-15', daysOverdue: 1, message: 'the cancelled session of 2026-10-01 was not rearranged within 14 days: next held on 2026-10-16' }],
    },
    {
      name: 'never rearranged',
      sessions: [session({ id: 'C', worker: 'W1', on: '2026-10-01', status: 'cancelled', cancelReasonGiven: true })],
      expected: [{ status: 'not-rearranged', subject: 'C', dueDate: '2026-10-15', daysOverdue: 16, message: 'the cancelled session of 2026-10-01 was not rearranged within 14 days: none held since' }],
    },
    {
      name: 'the 14 days have not yet passed on the audit date',
      sessions: [session({ id: 'C', worker: 'W1', on: '2026-10-17', status: 'cancelled', cancelReasonGiven: true })],
      expected: [],
    },
    {
      name: 'another cancelled session is not a rearrangement',
      sessions: [
        session({ id: 'C', worker: 'W1', on: '2026-10-01', status: 'cancelled', cancelReasonGiven: true }),
        session({ id: 'C2', worker: 'W1', on: '2026-10-20', status: 'cancelled', cancelReasonGiven: true }),
      ],
      expected: [{ status: 'not-rearranged', subject: 'C', dueDate: '2026-10-15', daysOverdue: 16, message: 'the cancelled session of 2026-10-01 was not rearranged within 14 days: none held since' }],
      subjects: 2,
    },
  ])('$name', ({ sessions, expected, subjects }) => {
    expect(run(cancellation, params, withSessions(...sessions), window)).toEqual({ subjects: subjects ?? 1, findings: expected });
  });

  it('a reason missing and not rearranged gives two findings', () => {
    const data = withSessions(session({ id: 'C', worker: 'W1', on: '2026-10-01', status: 'cancelled' }));
    expect(run(cancellation, params, data, window).findings.map((f) => f.status)).toEqual(['missing', 'not-rearranged']);
  });
});

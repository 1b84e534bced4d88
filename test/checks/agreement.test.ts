import { describe, expect, it } from 'vitest';
import { agreement as agreementCheck } from '../../src/checks/agreement.js';
import { agreement, assignment, dataset, run, worker } from '../helpers/records.js';

const params = { newRelationshipWithin: '1 month', reviewEvery: '12 months' };
const window = { from: '2025-11-01', asOf: '2026-10-31' };
const workers = [worker({ id: 'W1' })];

describe('agreement', () => {
  it.each([
    {
      name: 'signed in time and reviewed within the year',
      supervisors: [assignment('W1', 'M1', '2025-01-01')],
      agreements: [agreement('W1', 'M1', '2025-01-20', '2026-01-10')],
      expected: [],
    },
    {
      name: 'no agreement with the current supervisor',
      supervisors: [assignment('W1', 'M1', '2026-08-01')],
      agreements: [],
      expected: [
        {
          status: 'missing',
          subject: 'W1',
          dueDate: '2026-09-01',
          daysOverdue: 60,
          message: 'no supervision agreement with M1, named supervisor since 2026-08-01: due 2026-09-01, 60 days overdue',
        },
      ],
    },
    {
      name: 'a new supervisor within the period: nothing due yet',
      supervisors: [assignment('W1', 'M1', '2025-01-01', '2026-10-09'), assignment('W1', 'M2', '2026-10-10')],
      agreements: [agreement('W1', 'M1', '2025-01-10', '2025-12-01')],
      expected: [],
    },
    {
      name: 'an agreement with the previous supervisor does not count for the new one',
      supervisors: [assignment('W1', 'M1', '2025-01-01', '2026-08-31'), assignment('W1', 'M2', '2026-09-01')],
      agreements: [agreement('W1', 'M1', '2025-01-10', '2025-12-01')],
      expected: [
        {
          status: 'missing',
          subject: 'W1',
          dueDate: '2026-10-01',
          daysOverdue: 30,
          message: 'no supervision agreement with M2, named supervisor since 2026-09-01: due 2026-10-01, 30 days overdue',
        },
      ],
    },
    {
      name: 'signed after the new-relationship period',
      supervisors: [assignment('W1', 'M1', '2026-01-01')],
      agreements: [agreement('W1', 'M1', '2026-02-05')],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-02-01',
          daysOverdue: 4,
          message: 'the agreement with M1 was signed on 2026-02-05, 4 days after it was due on 2026-02-01',
        },
      ],
    },
    {
      name: 'review overdue',
      supervisors: [assignment('W1', 'M1', '2024-01-01')],
      agreements: [agreement('W1', 'M1', '2024-01-10', '2025-01-31')],
      expected: [
        {
          status: 'overdue',
          subject: 'W1',
          dueDate: '2026-01-31',
          daysOverdue: 273,
          message: 'the agreement with M1 has not been reviewed since the last signing or review on 2025-01-31: due 2026-01-31 (every 12 months), 273 days overdue',
        },
      ],
    },
    {
      name: 'a review on its due date is in time',
      supervisors: [assignment('W1', 'M1', '2024-01-01')],
      agreements: [agreement('W1', 'M1', '2025-01-31', '2026-01-31')],
      expected: [],
    },
    {
      name: 'an agreement signed a few days before the assignment starts counts',
      supervisors: [assignment('W1', 'M0', '2024-01-01', '2026-05-31'), assignment('W1', 'M1', '2026-06-01')],
      agreements: [agreement('W1', 'M1', '2026-05-28')],
      expected: [],
    },
    {
      name: 'an agreement from an earlier spell with the same supervisor does not count',
      supervisors: [assignment('W1', 'M1', '2024-01-01', '2024-12-31'), assignment('W1', 'M2', '2025-01-01', '2026-05-31'), assignment('W1', 'M1', '2026-06-01')],
      agreements: [agreement('W1', 'M1', '2024-01-05', '2024-11-01'), agreement('W1', 'M2', '2025-01-05', '2026-01-02')],
      expected: [
        {
          status: 'missing',
          subject: 'W1',
          dueDate: '2026-07-01',
          daysOverdue: 122,
          message: 'no supervision agreement with M1, named supervisor since 2026-06-01: due 2026-07-01, 122 days overdue',
        },
      ],
    },
    {
      // The export holds only the latest review: the years between may have had reviews.
      name: 'a long gap before the latest review is not reported late',
      supervisors: [assignment('W1', 'M1', '2022-01-01')],
      agreements: [agreement('W1', 'M1', '2022-01-10', '2026-01-15')],
      expected: [],
    },
    {
      name: 'a re-signed agreement restarts the review clock',
      supervisors: [assignment('W1', 'M1', '2022-01-01')],
      agreements: [agreement('W1', 'M1', '2022-01-10', '2023-01-05'), agreement('W1', 'M1', '2025-12-01')],
      expected: [],
    },
  ])('$name', ({ supervisors, agreements, expected }) => {
    expect(run(agreementCheck, params, dataset({ workers, supervisors, agreements }), window)).toEqual({ subjects: 1, findings: expected });
  });

  it('a worker with no named supervisor is not a subject (named-supervisor reports them)', () => {
    expect(run(agreementCheck, params, dataset({ workers }), window)).toEqual({ subjects: 0, findings: [] });
  });
});

describe('agreement, split between a first relationship and a new supervisor', () => {
  const workers = [worker({ id: 'W1', start: '2020-01-01' })];
  const window = { from: '2025-11-01', asOf: '2026-10-31' };
  const handover = [assignment('W1', 'M1', '2020-01-01', '2026-05-31'), assignment('W1', 'M2', '2026-06-01')];
  const firstOnly = [assignment('W1', 'M1', '2020-01-01')];
  const none: ReturnType<typeof agreement>[] = [];

  it.each([
    { name: 'new-supervisor judges a handover with no new agreement', relationships: 'new-supervisor', supervisors: handover, expected: ['missing 2026-07-01'], subjects: 1 },
    { name: 'first does not judge a handover, and without reviews the worker is not its subject', relationships: 'first', supervisors: handover, expected: [], subjects: 0 },
    { name: 'first judges a first relationship', relationships: 'first', supervisors: firstOnly, expected: ['missing 2020-02-01'], subjects: 1 },
    { name: 'new-supervisor does not judge a first relationship', relationships: 'new-supervisor', supervisors: firstOnly, expected: [], subjects: 0 },
  ])('$name', ({ relationships, supervisors, expected, subjects }) => {
    const result = run(agreementCheck, { newRelationshipWithin: '1 month', relationships }, dataset({ workers, supervisors, agreements: none }), window);
    expect(result.subjects).toBe(subjects);
    expect(result.findings.map((f) => `${f.status} ${f.dueDate}`)).toEqual(expected);
  });

  it('reviews are judged whatever the relationship, when the rule sets them', () => {
    const agreements = [agreement('W1', 'M2', '2026-06-10')];
    const result = run(agreementCheck, { newRelationshipWithin: '1 month', relationships: 'first', reviewEvery: '3 months' }, dataset({ workers, supervisors: handover, agreements }), window);
    expect(result.findings.map((f) => `${f.status} ${f.dueDate}`)).toEqual(['overdue 2026-09-10']);
  });
});

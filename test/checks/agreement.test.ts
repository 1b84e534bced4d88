import { describe, expect, it } from 'vitest';
import { agreement as agreementCheck } from '../../src/checks/agreement.js';
import { evaluateToList } from '../../src/checks/check.js';
import { EVERYONE } from '../../src/audit/scope.js';
import { agreement, assignment, dataset, day, run, worker } from '../helpers/records.js';
import { oneSupervisorPerStart } from '../../src/model/supervisor-rows.js';

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
      // Each row of an agreements export is a signing or a review: the years between had none.
      name: 'a long gap before a review is a late review',
      supervisors: [assignment('W1', 'M1', '2022-01-01')],
      agreements: [agreement('W1', 'M1', '2022-01-10', '2026-01-15')],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2023-01-10',
          daysOverdue: 1101,
          message: 'the agreement with M1 was reviewed on 2026-01-15, 1101 days after the review was due on 2023-01-10 (every 12 months since the last signing or review on 2022-01-10)',
        },
      ],
    },
    {
      name: 'a re-signed agreement is a review: late when it came after the review was due',
      supervisors: [assignment('W1', 'M1', '2022-01-01')],
      agreements: [agreement('W1', 'M1', '2022-01-10', '2023-01-05'), agreement('W1', 'M1', '2025-12-01')],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2024-01-05',
          daysOverdue: 696,
          message: 'the agreement with M1 was reviewed on 2025-12-01, 696 days after the review was due on 2024-01-05 (every 12 months since the last signing or review on 2023-01-05)',
        },
      ],
    },
    {
      name: 'signed in July 2024, reviewed in July 2025 and next in August 2026: the review due in July 2026 was 49 days late',
      supervisors: [assignment('W1', 'M1', '2024-07-01')],
      agreements: [agreement('W1', 'M1', '2024-07-24', '2025-07-06'), agreement('W1', 'M1', '2024-07-24', '2026-08-24')],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-07-06',
          daysOverdue: 49,
          message: 'the agreement with M1 was reviewed on 2026-08-24, 49 days after the review was due on 2026-07-06 (every 12 months since the last signing or review on 2025-07-06)',
        },
      ],
    },
    {
      name: 'one row with a late review',
      supervisors: [assignment('W1', 'M1', '2025-01-01')],
      agreements: [agreement('W1', 'M1', '2025-01-10', '2026-03-01')],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-01-10',
          daysOverdue: 50,
          message: 'the agreement with M1 was reviewed on 2026-03-01, 50 days after the review was due on 2026-01-10 (every 12 months since the last signing or review on 2025-01-10)',
        },
      ],
    },
    {
      name: 'three reviews, one late',
      supervisors: [assignment('W1', 'M1', '2023-01-01')],
      agreements: [
        agreement('W1', 'M1', '2023-01-10', '2024-01-05'),
        agreement('W1', 'M1', '2023-01-10', '2025-01-03'),
        agreement('W1', 'M1', '2023-01-10', '2026-02-10'),
      ],
      expected: [
        {
          status: 'late',
          subject: 'W1',
          dueDate: '2026-01-03',
          daysOverdue: 38,
          message: 'the agreement with M1 was reviewed on 2026-02-10, 38 days after the review was due on 2026-01-03 (every 12 months since the last signing or review on 2025-01-03)',
        },
      ],
    },
    {
      name: 'a late review whose gap ended before the window is not reported',
      supervisors: [assignment('W1', 'M1', '2023-01-01')],
      agreements: [agreement('W1', 'M1', '2023-01-10', '2024-03-01'), agreement('W1', 'M1', '2023-01-10', '2025-02-20'), agreement('W1', 'M1', '2023-01-10', '2026-02-15')],
      expected: [],
    },
    {
      name: 'reviews of an earlier spell with the same supervisor do not count for the new one',
      supervisors: [assignment('W1', 'M1', '2022-01-01', '2024-06-30'), assignment('W1', 'M2', '2024-07-01', '2025-12-31'), assignment('W1', 'M1', '2026-01-01')],
      agreements: [agreement('W1', 'M1', '2022-01-10', '2024-01-05'), agreement('W1', 'M2', '2024-07-10', '2025-07-01'), agreement('W1', 'M1', '2026-01-20')],
      expected: [],
    },
    {
      name: 'a review dated after the audit date is ignored',
      supervisors: [assignment('W1', 'M1', '2024-01-01')],
      agreements: [agreement('W1', 'M1', '2024-01-10', '2025-01-08'), agreement('W1', 'M1', '2024-01-10', '2026-11-20')],
      expected: [
        {
          status: 'overdue',
          subject: 'W1',
          dueDate: '2026-01-08',
          daysOverdue: 296,
          message: 'the agreement with M1 has not been reviewed since the last signing or review on 2025-01-08: due 2026-01-08 (every 12 months), 296 days overdue',
        },
      ],
    },
  ])('$name', ({ supervisors, agreements, expected }) => {
    expect(run(agreementCheck, params, dataset({ workers, supervisors, agreements }), window)).toEqual({ subjects: 1, findings: expected });
  });

  // An agreement counts from the new-relationship period (1 month) before the relationship began, and no earlier.
  it.each([
    { name: 'signed one day inside the period before the relationship: counts, its review due a year after signing', signed: '2026-02-01', expected: [] },
    { name: 'signed one day outside the period before the relationship: does not count', signed: '2026-01-31', expected: ['missing 2026-04-01 213'] },
    { name: 'signed years before the relationship (an earlier spell): does not count, and no review is due before the relationship', signed: '2024-06-01', expected: ['missing 2026-04-01 213'] },
  ])('$name', ({ signed, expected }) => {
    const supervisors = [assignment('W1', 'M0', '2020-01-01', '2026-02-28'), assignment('W1', 'M1', '2026-03-01')];
    const result = run(agreementCheck, params, dataset({ workers, supervisors, agreements: [agreement('W1', 'M1', signed)] }), window);
    expect(result.findings.map((f) => `${f.status} ${f.dueDate} ${f.daysOverdue}`)).toEqual(expected);
  });

  it('a review is never due before the relationship began, whatever the review interval', () => {
    const supervisors = [assignment('W1', 'M0', '2020-01-01', '2026-02-28'), assignment('W1', 'M1', '2026-03-01')];
    const result = run(agreementCheck, { newRelationshipWithin: '2 months', reviewEvery: '1 month' }, dataset({ workers, supervisors, agreements: [agreement('W1', 'M1', '2026-01-10')] }), window);
    expect(result.findings.map((f) => `${f.status} ${f.dueDate}`)).toEqual(['overdue 2026-03-01']);
  });

  it('a late review rests on both rows: the late review first, then the review it was due after', () => {
    const rows = [agreement('W1', 'M1', '2024-07-24', '2025-07-06'), agreement('W1', 'M1', '2024-07-24', '2026-08-24')];
    const data = dataset({ workers, supervisors: [assignment('W1', 'M1', '2024-07-01')], agreements: rows });
    const result = evaluateToList(agreementCheck, data, agreementCheck.params.parse(params), { window: { from: day(window.from), asOf: day(window.asOf) }, scope: EVERYONE });
    expect(result.findings.map((f) => f.source.map((r) => r.line))).toEqual([[rows[1]!.line, rows[0]!.line]]);
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

  it('a start on which two supervisors were named ends the relationship: the next row is a new supervisor taking over', () => {
    const rejected: string[] = [];
    const supervisors = oneSupervisorPerStart(
      [assignment('W1', 'M1', '2020-01-01', '2026-05-31'), assignment('W1', 'M2', '2020-01-01', '2026-05-31'), assignment('W1', 'M1', '2026-06-01')],
      (_row, _field, value) => rejected.push(value),
    );
    expect(rejected).toEqual(['M2']);
    const judged = (relationships: string) =>
      run(agreementCheck, { newRelationshipWithin: '1 month', relationships }, dataset({ workers, supervisors, agreements: none }), window).findings.map((f) => `${f.status} ${f.dueDate}`);
    expect(judged('new-supervisor')).toEqual(['missing 2026-07-01']);
    expect(judged('first')).toEqual([]);
  });

  it('reviews are judged whatever the relationship, when the rule sets them', () => {
    const agreements = [agreement('W1', 'M2', '2026-06-10')];
    const result = run(agreementCheck, { newRelationshipWithin: '1 month', relationships: 'first', reviewEvery: '3 months' }, dataset({ workers, supervisors: handover, agreements }), window);
    expect(result.findings.map((f) => `${f.status} ${f.dueDate}`)).toEqual(['overdue 2026-09-10']);
  });
});

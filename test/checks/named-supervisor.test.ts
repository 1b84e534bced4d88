import { describe, expect, it } from 'vitest';
import { namedSupervisor } from '../../src/checks/named-supervisor.js';
import { oneSupervisorPerStart } from '../../src/model/supervisor-rows.js';
import { assignment, dataset, run, worker } from '../helpers/records.js';

const window = { from: '2026-02-01', asOf: '2026-02-28' };
const workers = [worker({ id: 'W1' }), worker({ id: 'M1', role: 'team-manager' })];

describe('named-supervisor', () => {
  it.each([
    { name: 'an open assignment covers the audit date', supervisors: [assignment('W1', 'M1', '2025-01-01'), assignment('M1', 'W1', '2025-01-01')], expected: [] },
    { name: 'an assignment ending on the audit date still covers it', supervisors: [assignment('W1', 'M1', '2025-01-01', '2026-02-28'), assignment('M1', 'W1', '2025-01-01')], expected: [] },
    {
      name: 'an assignment that ended before the audit date',
      supervisors: [assignment('W1', 'M1', '2025-01-01', '2026-02-27'), assignment('M1', 'W1', '2025-01-01')],
      expected: [{ status: 'missing', subject: 'W1', message: 'no named supervisor on 2026-02-28' }],
    },
    {
      name: 'a supervisor who is not a known worker',
      supervisors: [assignment('W1', 'X9', '2025-01-01'), assignment('M1', 'W1', '2025-01-01')],
      expected: [{ status: 'unknown-supervisor', subject: 'W1', message: 'the named supervisor X9 is not in the workers export' }],
    },
  ])('$name', ({ supervisors, expected }) => {
    expect(run(namedSupervisor, {}, dataset({ workers, supervisors }), window)).toEqual({ subjects: 2, findings: expected });
  });

  it('leavers and future starters are not subjects', () => {
    const data = dataset({ workers: [worker({ id: 'L', end: '2026-02-27' }), worker({ id: 'N', start: '2026-03-01' })] });
    expect(run(namedSupervisor, {}, data, window)).toEqual({ subjects: 0, findings: [] });
  });

  const manager = (end?: string) => worker({ id: 'M1', role: 'team-manager', ...(end ? { end } : {}) });
  it.each([
    { name: 'a supervisor whose last day is the audit date is still one', supervisorEnd: '2026-02-28', expected: [] },
    {
      name: 'a supervisor who left the day before the audit date is no supervisor',
      supervisorEnd: '2026-02-27',
      expected: [{ status: 'missing', subject: 'W1', message: 'no named supervisor on 2026-02-28: the named supervisor M1 left on 2026-02-27' }],
    },
  ])('$name', ({ supervisorEnd, expected }) => {
    const data = dataset({ workers: [worker({ id: 'W1' }), manager(supervisorEnd)], supervisors: [assignment('W1', 'M1', '2025-01-01')] });
    expect(run(namedSupervisor, {}, data, window).findings.filter((f) => f.subject === 'W1')).toEqual(expected);
  });

  it.each([
    { name: 'two rows of one start naming two supervisors name none', rows: [['M1', '2025-01-01'], ['M2', '2025-01-01']], expected: 'missing', rejected: ['M2'] },
    { name: 'the same, the other way round', rows: [['M2', '2025-01-01'], ['M1', '2025-01-01']], expected: 'missing', rejected: ['M1'] },
    { name: 'the same supervisor twice is one row, and a supervisor', rows: [['M1', '2025-01-01'], ['M1', '2025-01-01']], expected: null, rejected: [] },
    { name: 'a later row starts afresh', rows: [['M1', '2025-01-01'], ['M2', '2025-01-01'], ['M1', '2026-01-01']], expected: null, rejected: ['M2'] },
  ])('$name', ({ rows, expected, rejected: rejectedExpected }) => {
    const rejected: string[] = [];
    const supervisors = oneSupervisorPerStart(
      rows.map(([supervisor, from]) => assignment('W1', supervisor!, from!)),
      (_row, _field, value) => rejected.push(value),
    );
    const data = dataset({ workers: [worker({ id: 'W1' }), worker({ id: 'M1', role: 'team-manager' }), worker({ id: 'M2', role: 'team-manager' })], supervisors });
    const found = run(namedSupervisor, {}, data, window).findings.filter((f) => f.subject === 'W1');
    expect(found.map((f) => f.status)).toEqual(expected === null ? [] : [expected]);
    expect(rejected).toEqual(rejectedExpected);
  });
});

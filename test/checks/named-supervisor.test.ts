import { describe, expect, it } from 'vitest';
import { namedSupervisor } from '../../src/checks/named-supervisor.js';
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
});

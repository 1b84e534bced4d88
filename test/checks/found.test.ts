import { describe, expect, it } from 'vitest';
import { found, type CheckContext, type CheckFinding, type FindingParts } from '../../src/checks/check.js';

const context = { window: { from: 0, asOf: 10 }, scope: { worker: () => true, case: () => true }, findings: [] } satisfies CheckContext;
const parts: FindingParts = { workerId: '1', supervisorId: null, team: 'A', dueDate: 3, lastDate: 1, daysOverdue: 7, details: {}, source: [] };
const subject = { kind: 'worker', id: '1' } as const;

describe('found', () => {
  it('describes a finding from its parts only where the run keeps findings whole', () => {
    let described = 0;
    const describe = (): FindingParts => (described++, parts);
    expect(found({ ...context, keep: 'figures' }, 'overdue', subject, describe)).toMatchObject({ status: 'overdue', subject, source: [] });
    expect(described).toBe(0);
    expect(found(context, 'overdue', subject, describe)).toEqual({ ...parts, status: 'overdue', subject });
    expect(described).toBe(1);
  });

  it('refuses parts that name another status or subject, rather than overwrite them', () => {
    const whole = (status: string, id: string): (() => FindingParts) => () => ({ ...parts, status, subject: { kind: 'worker', id } }) as CheckFinding;
    expect(found(context, 'late', subject, whole('late', '1')).status).toBe('late');
    expect(() => found(context, 'late', subject, whole('overdue', '1'))).toThrow("a finding's parts say overdue worker 1, its check late worker 1");
    expect(() => found(context, 'late', subject, whole('late', '2'))).toThrow("a finding's parts say late worker 2, its check late worker 1");
  });
});

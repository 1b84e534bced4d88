import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findingSchema, plainlyFits } from '../../src/audit/report-schema.js';

const FIELDS = ['requirement', 'check', 'status', 'subject', 'workerId', 'supervisorId', 'team', 'workerName', 'supervisorName', 'part', 'dueDate', 'lastDate', 'daysOverdue', 'message', 'clause', 'source'];

const anyValue = fc.oneof(
  fc.constantFrom(null, undefined, '', 'x', '2026-10-31', 0, -1, 3.5, true, [], {}),
  fc.constantFrom({ kind: 'worker', id: '1' }, { kind: 1, id: '1' }, { kind: 'case' }, [{ file: 'a.csv', line: 2 }], [{ file: 'a.csv' }], [null], [{ file: 1, line: 2 }]),
);

const fitting = {
  requirement: 'R', check: 'c', status: 'late', subject: { kind: 'worker', id: '1' }, workerId: '1', supervisorId: null, team: null,
  workerName: 'A', supervisorName: null, dueDate: '2026-10-01', lastDate: null, daysOverdue: 3, message: 'm', clause: 'C', source: [{ file: 'a.csv', line: 2 }],
};

describe('the fast check of a finding', () => {
  it('passes a finding as the report writes it', () => {
    expect(plainlyFits(fitting)).toBe(true);
    expect(findingSchema.safeParse(fitting).success).toBe(true);
  });

  it('never lets through a finding the schema refuses', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 6 }), (changes) => {
        const finding: Record<string, unknown> = { ...fitting, ...changes };
        for (const [key, value] of Object.entries(changes)) if (value === undefined) delete finding[key];
        if (plainlyFits(finding)) expect(findingSchema.safeParse(finding).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

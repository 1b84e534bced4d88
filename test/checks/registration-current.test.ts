import { describe, expect, it } from 'vitest';
import { registrationCurrent } from '../../src/checks/registration-current.js';
import { dataset, registration, run, worker } from '../helpers/records.js';

const window = { from: '2025-11-01', asOf: '2026-10-31' };
const params = { roles: ['practitioner', 'team-manager'], registrations: { 'social-work': ['SWE_REGISTRATION'], 'occupational-therapy': ['HCPC_REGISTRATION'] } };
const W1 = worker({ id: 'W1' });

describe('registration-current', () => {
  it.each([
    { name: 'one registration covering every day of the window', staff: [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2026-11-30')], expected: [] },
    {
      name: 'renewed a day late: a lapse of one day',
      staff: [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2025-11-30'), registration('W1', 'SWE_REGISTRATION', '2025-12-02', '2026-11-30')],
      expected: [{ status: 'lapsed', subject: 'W1', dueDate: '2025-12-01', daysOverdue: 1, message: 'Social Work England registration lapsed from 2025-12-01 to 2025-12-01 (1 day); renewed on 2025-12-02' }],
    },
    {
      name: 'renewed on the day it lapsed: no lapse',
      staff: [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2025-11-30'), registration('W1', 'SWE_REGISTRATION', '2025-11-30', '2026-11-29')],
      expected: [],
    },
    {
      name: 'renewed the day after the last valid day: no lapse',
      staff: [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2025-11-30'), registration('W1', 'SWE_REGISTRATION', '2025-12-01', '2026-11-30')],
      expected: [],
    },
    {
      name: 'two overlapping registrations cover the days between them',
      staff: [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2026-03-31'), registration('W1', 'SWE_REGISTRATION', '2025-12-01', '2026-11-30')],
      expected: [],
    },
    {
      name: 'a lapse of 45 days in the middle of the window',
      staff: [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2025-11-30'), registration('W1', 'SWE_REGISTRATION', '2026-01-15', '2027-01-14')],
      expected: [{ status: 'lapsed', subject: 'W1', dueDate: '2025-12-01', daysOverdue: 45, message: 'Social Work England registration lapsed from 2025-12-01 to 2026-01-14 (45 days); renewed on 2026-01-15' }],
    },
    {
      name: 'lapsed and not renewed by the audit date: up to the audit date itself',
      staff: [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2026-09-30')],
      expected: [{ status: 'lapsed', subject: 'W1', dueDate: '2026-10-01', daysOverdue: 31, message: 'Social Work England registration lapsed from 2026-10-01 to 2026-10-31 (31 days)' }],
    },
    {
      name: 'a lapse that began before the window is cut to it',
      staff: [registration('W1', 'SWE_REGISTRATION', '2024-01-01', '2025-09-30'), registration('W1', 'SWE_REGISTRATION', '2025-11-10', '2026-11-09')],
      expected: [{ status: 'lapsed', subject: 'W1', dueDate: '2025-11-01', daysOverdue: 9, message: 'Social Work England registration lapsed from 2025-11-01 to 2025-11-09 (9 days); renewed on 2025-11-10' }],
    },
    {
      name: 'no registration covering any day in post',
      staff: [registration('W1', 'SWE_REGISTRATION', '2022-01-01', '2024-12-31')],
      expected: [{ status: 'missing', subject: 'W1', message: 'no Social Work England registration on record for any day in post from 2025-11-01 to 2026-10-31' }],
    },
    {
      name: 'the other profession’s registration does not count',
      staff: [registration('W1', 'HCPC_REGISTRATION', '2024-12-01', '2026-11-30')],
      expected: [{ status: 'missing', subject: 'W1', message: 'no Social Work England registration on record for any day in post from 2025-11-01 to 2026-10-31' }],
    },
  ])('$name', ({ staff, expected }) => {
    expect(run(registrationCurrent, params, dataset({ workers: [W1], staffRecords: staff }), window)).toEqual({ subjects: 1, findings: expected });
  });

  it('a worker who left during a lapse: up to their last day, which is a day in post', () => {
    const leaver = worker({ id: 'W1', end: '2026-01-10' });
    const staff = [registration('W1', 'SWE_REGISTRATION', '2024-12-01', '2025-12-31')];
    expect(run(registrationCurrent, params, dataset({ workers: [leaver], staffRecords: staff }), window)).toEqual({
      subjects: 1,
      findings: [{ status: 'lapsed', subject: 'W1', dueDate: '2026-01-01', daysOverdue: 10, message: 'Social Work England registration lapsed from 2026-01-01 to 2026-01-10 (10 days)' }],
    });
  });

  it('a starter is checked from their first day', () => {
    const starter = worker({ id: 'W1', start: '2026-06-01' });
    const staff = [registration('W1', 'SWE_REGISTRATION', '2026-06-03', '2027-06-02')];
    expect(run(registrationCurrent, params, dataset({ workers: [starter], staffRecords: staff }), window).findings).toEqual([
      { status: 'lapsed', subject: 'W1', dueDate: '2026-06-01', daysOverdue: 2, message: 'Social Work England registration lapsed from 2026-06-01 to 2026-06-02 (2 days); renewed on 2026-06-03' },
    ]);
  });

  it('occupational therapists by their own register; roles and professions the rule does not name are not subjects', () => {
    const workers = [worker({ id: 'OT', role: 'team-manager', profession: 'occupational-therapy' }), worker({ id: 'SW', role: 'support-worker' }), worker({ id: 'X', profession: 'other' })];
    const staff = [registration('OT', 'HCPC_REGISTRATION', '2024-12-01', '2026-11-30')];
    expect(run(registrationCurrent, params, dataset({ workers, staffRecords: staff }), window)).toEqual({ subjects: 1, findings: [] });
  });
});

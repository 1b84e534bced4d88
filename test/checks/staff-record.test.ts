import { describe, expect, it } from 'vitest';
import { staffRecord } from '../../src/checks/staff-record.js';
import { assignment, dataset, run, staffRecord as record, worker } from '../helpers/records.js';
import { oneSupervisorPerStart } from '../../src/model/supervisor-rows.js';

const window = { from: '2025-11-01', asOf: '2026-10-31' };
const appraisal = { roles: ['practitioner'], types: ['APPRAISAL'], first: '12 months', every: '12 months' };
const dbs = { roles: ['practitioner'], types: ['DBS_CHECK'], first: '0 days', every: '36 months' };
const trained = { roles: ['supervisors'], types: ['TRAINING'], courses: ['SUPERVISION_SKILLS'], first: '6 months' };

describe('staff-record', () => {
  it.each([
    { name: 'appraisals every year, each on its due day', params: appraisal, staff: [record('W1', 'APPRAISAL', '2025-02-03'), record('W1', 'APPRAISAL', '2026-02-03')], expected: [] },
    {
      name: 'an appraisal a day late',
      params: appraisal,
      staff: [record('W1', 'APPRAISAL', '2025-02-03'), record('W1', 'APPRAISAL', '2026-02-04')],
      expected: [{ status: 'late', subject: 'W1', dueDate: '2026-02-03', daysOverdue: 1, message: 'appraisal on 2026-02-04, 1 day after it was due on 2026-02-03 (first due 12 months after starting, then every 12 months)' }],
    },
    {
      name: 'no appraisal since the last one',
      params: appraisal,
      staff: [record('W1', 'APPRAISAL', '2025-02-03')],
      expected: [{ status: 'overdue', subject: 'W1', dueDate: '2026-02-03', daysOverdue: 270, message: 'no appraisal since 2025-02-03; one was due by 2026-02-03 (first due 12 months after starting, then every 12 months), 270 days overdue' }],
    },
    {
      name: 'a late appraisal whose gap ended before the window is not reported',
      params: appraisal,
      staff: [record('W1', 'APPRAISAL', '2023-01-10'), record('W1', 'APPRAISAL', '2024-03-01'), record('W1', 'APPRAISAL', '2025-03-01'), record('W1', 'APPRAISAL', '2026-03-01')],
      expected: [],
    },
    {
      name: 'a DBS check before starting counts for the first, due on the first day',
      params: dbs,
      staff: [record('W1', 'DBS_CHECK', '2019-12-15'), record('W1', 'DBS_CHECK', '2022-12-15'), record('W1', 'DBS_CHECK', '2025-12-15')],
      expected: [],
    },
    {
      name: 'no DBS check on record at all',
      params: dbs,
      staff: [],
      expected: [{ status: 'overdue', subject: 'W1', dueDate: '2020-01-01', daysOverdue: 2495, message: 'no DBS check on record; one was due by 2020-01-01 (due on starting, then every 36 months), 2495 days overdue' }],
    },
  ])('$name', ({ params, staff, expected }) => {
    expect(run(staffRecord, params, dataset({ workers: [worker({ id: 'W1' })], staffRecords: staff }), window)).toEqual({ subjects: 1, findings: expected });
  });

  const manager = worker({ id: 'M1', role: 'team-manager', start: '2015-01-01' });
  it.each([
    { name: 'trained before beginning to supervise', staff: [record('M1', 'TRAINING', '2025-09-01', 'SUPERVISION_SKILLS')], expected: [] },
    { name: 'trained on the day it was due', staff: [record('M1', 'TRAINING', '2026-07-01', 'SUPERVISION_SKILLS')], expected: [] },
    {
      name: 'trained a day after it was due',
      staff: [record('M1', 'TRAINING', '2026-07-02', 'SUPERVISION_SKILLS')],
      expected: [{ status: 'late', subject: 'M1', dueDate: '2026-07-01', daysOverdue: 1, message: 'training (SUPERVISION_SKILLS) on 2026-07-02, 1 day after it was due on 2026-07-01 (first due 6 months after starting, once)' }],
    },
    {
      name: 'another course does not count',
      staff: [record('M1', 'TRAINING', '2025-09-01', 'SAFEGUARDING_L3')],
      expected: [{ status: 'overdue', subject: 'M1', dueDate: '2026-07-01', daysOverdue: 122, message: 'no training (SUPERVISION_SKILLS) on record; one was due by 2026-07-01 (first due 6 months after starting, once), 122 days overdue' }],
    },
  ])('a supervisor who began supervising in the window: $name', ({ staff, expected }) => {
    // M1 is named as W1's supervisor from 1 January 2026: six months from then is 1 July.
    const data = dataset({ workers: [worker({ id: 'W1' }), manager], supervisors: [assignment('W1', 'M1', '2026-01-01')], staffRecords: staff });
    expect(run(staffRecord, trained, data, window)).toEqual({ subjects: 1, findings: expected });
  });

  it('a supervisor who supervised nobody in the window is not a subject', () => {
    const data = dataset({ workers: [worker({ id: 'W1' }), manager], supervisors: [assignment('W1', 'M1', '2020-01-01', '2025-10-31')] });
    expect(run(staffRecord, trained, data, window)).toEqual({ subjects: 0, findings: [] });
  });

  it('a supervisor named only on a start on which rows named two supervisors is not a subject: neither is used, whatever the file order', () => {
    const other = worker({ id: 'M2', role: 'team-manager' });
    for (const order of [['M1', 'M2'], ['M2', 'M1']]) {
      const supervisors = oneSupervisorPerStart(order.map((id) => assignment('W1', id, '2026-01-01')), () => undefined);
      expect(run(staffRecord, trained, dataset({ workers: [worker({ id: 'W1' }), manager, other], supervisors }), window)).toEqual({ subjects: 0, findings: [] });
    }
  });

  it('a worker who left before a record fell due owes none', () => {
    const data = dataset({ workers: [worker({ id: 'W1', start: '2025-03-01', end: '2026-02-28' })] });
    expect(run(staffRecord, appraisal, data, window)).toEqual({ subjects: 1, findings: [] });
  });
});

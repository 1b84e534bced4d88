import { describe, expect, it } from 'vitest';
import { supervisorQualified } from '../../src/checks/supervisor-qualified.js';
import { assignment, dataset, registration, run, session, staffRecord, worker } from '../helpers/records.js';

const window = { from: '2026-10-01', asOf: '2026-10-31' };
const params = {
  roles: ['asye', 'practitioner', 'senior-practitioner'],
  professions: ['social-work'],
  seniorRoles: ['senior-practitioner', 'team-manager', 'service-manager', 'head-of-service'],
  registrations: ['SWE_REGISTRATION'],
  courses: ['SUPERVISION_SKILLS'],
};
const W1 = worker({ id: 'W1' });
const M1 = worker({ id: 'M1', role: 'team-manager' });
const registered = registration('M1', 'SWE_REGISTRATION', '2025-12-01', '2026-11-30');
const trained = staffRecord('M1', 'TRAINING', '2024-05-01', 'SUPERVISION_SKILLS');

describe('supervisor-qualified', () => {
  it.each([
    { name: 'a registered, trained team manager', supervisor: M1, staff: [registered, trained], expected: [] },
    { name: 'trained on the day of the session', supervisor: M1, staff: [registered, staffRecord('M1', 'TRAINING', '2026-10-15', 'SUPERVISION_SKILLS')], expected: [] },
    {
      name: 'trained the day after the session',
      supervisor: M1,
      staff: [registered, staffRecord('M1', 'TRAINING', '2026-10-16', 'SUPERVISION_SKILLS')],
      expected: [{ status: 'unqualified', subject: 'S', message: 'supervised on 2026-10-15 by M1, who has no training (SUPERVISION_SKILLS) on record on or before that day' }],
    },
    { name: 'a registration whose last valid day is the session’s', supervisor: M1, staff: [registration('M1', 'SWE_REGISTRATION', '2025-10-16', '2026-10-15'), trained], expected: [] },
    {
      name: 'a registration that lapsed the day before',
      supervisor: M1,
      staff: [registration('M1', 'SWE_REGISTRATION', '2025-10-15', '2026-10-14'), trained],
      expected: [{ status: 'unqualified', subject: 'S', message: 'supervised on 2026-10-15 by M1, who holds no current Social Work England registration' }],
    },
    {
      name: 'a practitioner supervising, untrained and unregistered: each part named',
      supervisor: worker({ id: 'M1', role: 'practitioner' }),
      staff: [],
      expected: [{ status: 'unqualified', subject: 'S', message: 'supervised on 2026-10-15 by M1, who is not in a senior role (practitioner), holds no current Social Work England registration and has no training (SUPERVISION_SKILLS) on record on or before that day' }],
    },
  ])('$name', ({ supervisor, staff, expected }) => {
    const s = { ...session({ worker: 'W1', on: '2026-10-15 10:00', supervisorId: 'M1' }), id: 'S' };
    expect(run(supervisorQualified, params, dataset({ workers: [W1, supervisor], sessions: [s], staffRecords: staff }), window)).toEqual({ subjects: 1, findings: expected });
  });

  it('takes the supervisor assigned on the day when the session names none', () => {
    const s = { ...session({ worker: 'W1', on: '2026-10-15 10:00', supervisorId: null }), id: 'S' };
    const data = dataset({ workers: [W1, M1], sessions: [s], supervisors: [assignment('W1', 'M1', '2026-01-01')], staffRecords: [registered] });
    expect(run(supervisorQualified, params, data, window).findings).toEqual([
      { status: 'unqualified', subject: 'S', message: 'supervised on 2026-10-15 by M1, who has no training (SUPERVISION_SKILLS) on record on or before that day' },
    ]);
  });

  it('counts only held planned sessions of social work supervisees of the roles', () => {
    const ot = worker({ id: 'OT', profession: 'occupational-therapy' });
    const sessions = [
      { ...session({ worker: 'W1', on: '2026-10-15 10:00', status: 'cancelled' }), id: 'C' },
      { ...session({ worker: 'W1', on: '2026-10-16 10:00', kind: 'group' }), id: 'G' },
      { ...session({ worker: 'OT', on: '2026-10-17 10:00' }), id: 'O' },
    ];
    expect(run(supervisorQualified, params, dataset({ workers: [W1, ot, M1], sessions }), window)).toEqual({ subjects: 0, findings: [] });
  });
});

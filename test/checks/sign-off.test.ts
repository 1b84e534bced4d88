import { describe, expect, it } from 'vitest';
import { signOff } from '../../src/checks/sign-off.js';
import { at, dataset, discussion, run, session, worker } from '../helpers/records.js';

const window = { from: '2026-10-01', asOf: '2026-10-31' };
const both = { parties: ['supervisor', 'supervisee'], within: '14 days' };

function one(on: string, signed: { supervisor?: string; supervisee?: string; disagreed?: boolean }, extra: Partial<Parameters<typeof session>[0]> = {}) {
  return dataset({
    workers: [worker({ id: 'W1' })],
    sessions: [
      session({
        id: 'S',
        worker: 'W1',
        on,
        supervisorSignedAt: signed.supervisor ? at(signed.supervisor) : null,
        superviseeSignedAt: signed.supervisee ? at(signed.supervisee) : null,
        superviseeDisagreed: signed.disagreed ?? false,
        ...extra,
      }),
    ],
  });
}

describe('sign-off', () => {
  it.each([
    { name: 'both signed the same day', on: '2026-10-05', signed: { supervisor: '2026-10-05', supervisee: '2026-10-06' }, expected: [] },
    { name: 'signed on the 14th day itself', on: '2026-10-05', signed: { supervisor: '2026-10-19 17:00', supervisee: '2026-10-19' }, expected: [] },
    {
      name: 'the supervisee signed a day late',
      on: '2026-10-05',
      signed: { supervisor: '2026-10-05', supervisee: '2026-10-20 09:00' },
      expected: [{ status: 'late', subject: 'S', dueDate: '2026-10-19', daysOverdue: 1, message: 'the planned supervision on 2026-10-05 was signed by the supervisee 1 day after the deadline of 2026-10-19 (within 14 days)' }],
    },
    {
      name: 'neither signed, deadline passed',
      on: '2026-10-05',
      signed: {},
      expected: [
        { status: 'unsigned', subject: 'S', dueDate: '2026-10-19', daysOverdue: 12, message: 'the planned supervision on 2026-10-05 is not signed by the supervisor: due by 2026-10-19 (within 14 days), 12 days overdue' },
        { status: 'unsigned', subject: 'S', dueDate: '2026-10-19', daysOverdue: 12, message: 'the planned supervision on 2026-10-05 is not signed by the supervisee: due by 2026-10-19 (within 14 days), 12 days overdue' },
      ],
    },
    { name: 'unsigned, deadline on the audit date: not yet late', on: '2026-10-17', signed: {}, expected: [] },
    {
      name: 'signed after the audit date is unsigned on it',
      on: '2026-10-05',
      signed: { supervisor: '2026-10-05', supervisee: '2026-11-03' },
      expected: [{ status: 'unsigned', subject: 'S', dueDate: '2026-10-19', daysOverdue: 12, message: 'the planned supervision on 2026-10-05 is not signed by the supervisee: due by 2026-10-19 (within 14 days), 12 days overdue' }],
    },
    {
      name: 'a supervisee who answered that they disagree',
      on: '2026-10-05',
      signed: { supervisor: '2026-10-05', disagreed: true },
      expected: [{ status: 'disagreed', subject: 'S', message: 'the supervisee recorded that they do not agree with the record of the planned supervision on 2026-10-05' }],
    },
    {
      name: 'deadline across the month end: 25 January + 14 days is 8 February',
      on: '2026-01-25',
      signed: { supervisor: '2026-02-09', supervisee: '2026-02-08' },
      window: { from: '2026-01-01', asOf: '2026-02-28' },
      expected: [{ status: 'late', subject: 'S', dueDate: '2026-02-08', daysOverdue: 1, message: 'the planned supervision on 2026-01-25 was signed by the supervisor 1 day after the deadline of 2026-02-08 (within 14 days)' }],
    },
  ])('$name', ({ on, signed, expected, window: w }) => {
    expect(run(signOff, both, one(on, signed), w ?? window)).toEqual({ subjects: 1, findings: expected });
  });

  it('counts only the parties the rule names', () => {
    expect(run(signOff, { parties: ['supervisee'], within: '14 days' }, one('2026-10-05', { supervisee: '2026-10-06' }), window).findings).toEqual([]);
  });

  it('working days skip weekends and bank holidays: 5 working days after Fri 28 Aug 2026 (Mon 31 Aug a holiday) is Mon 7 Sep', () => {
    const data = one('2026-08-28', { supervisor: '2026-09-07', supervisee: '2026-09-08' });
    const result = run(signOff, { parties: ['supervisor', 'supervisee'], within: '5 working days' }, data, { from: '2026-08-01', asOf: '2026-09-30' });
    expect(result.findings.map((f) => [f.status, f.dueDate, f.daysOverdue])).toEqual([['late', '2026-09-07', 1]]);
  });

  it('cancelled, incomplete and out-of-window sessions are not subjects', () => {
    const data = dataset({
      workers: [worker({ id: 'W1' })],
      sessions: [
        session({ worker: 'W1', on: '2026-10-05', status: 'cancelled' }),
        session({ worker: 'W1', on: '2026-10-06', status: 'incomplete' }),
        session({ worker: 'W1', on: '2026-09-30' }),
        session({ worker: 'W1', on: '2026-11-01' }),
      ],
    });
    expect(run(signOff, both, data, window)).toEqual({ subjects: 0, findings: [] });
  });

  it('signs case discussions when the rule says so', () => {
    const data = dataset({
      workers: [worker({ id: 'W1' })],
      discussions: [discussion('C1', '2026-10-05 10:00', { id: 'D', supervisorSignedAt: at('2026-10-05'), superviseeSignedAt: null })],
    });
    const result = run(signOff, { records: ['case-discussions'], ...both }, data, window);
    expect(result).toEqual({
      subjects: 1,
      findings: [{ status: 'unsigned', subject: 'D', dueDate: '2026-10-19', daysOverdue: 12, message: 'the case supervision of C1 on 2026-10-05 is not signed by the supervisee: due by 2026-10-19 (within 14 days), 12 days overdue' }],
    });
  });
});

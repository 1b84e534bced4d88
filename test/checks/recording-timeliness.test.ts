import { describe, expect, it } from 'vitest';
import { recordingTimeliness } from '../../src/checks/recording-timeliness.js';
import { dataset, discussion, run, session, worker } from '../helpers/records.js';

const window = { from: '2026-10-01', asOf: '2026-10-31' };
const within72 = { within: '72 hours' };

function one(on: string, recorded: string | undefined, extra: Partial<Parameters<typeof session>[0]> = {}) {
  return dataset({ workers: [worker({ id: 'W1' })], sessions: [session({ id: 'S', worker: 'W1', on, ...(recorded ? { recorded } : {}), ...extra })] });
}

describe('recording-timeliness', () => {
  it.each([
    { name: 'recorded the same day', on: '2026-10-05 10:00', recorded: '2026-10-05 16:00', expected: [] },
    { name: 'recorded exactly at 72 hours', on: '2026-10-05 10:00', recorded: '2026-10-08 10:00', expected: [] },
    {
      name: 'recorded a minute after 72 hours',
      on: '2026-10-05 10:00',
      recorded: '2026-10-08 10:01',
      expected: [{ status: 'recorded-late', subject: 'S', dueDate: '2026-10-08', daysOverdue: 0, message: 'the planned supervision on 2026-10-05 was recorded 1 hour after the 72 hours deadline' }],
    },
    {
      name: 'across the October clock change, 72 hours end at 09:00 on the wall clock',
      on: '2026-10-23 10:00',
      recorded: '2026-10-26 09:30',
      expected: [{ status: 'recorded-late', subject: 'S', dueDate: '2026-10-26', daysOverdue: 0, message: 'the planned supervision on 2026-10-23 was recorded 1 hour after the 72 hours deadline' }],
    },
    { name: 'a date with no time is the end of that day', on: '2026-10-05', recorded: '2026-10-08', expected: [] },
    {
      name: 'recorded days late',
      on: '2026-10-05 10:00',
      recorded: '2026-10-20 09:00',
      expected: [{ status: 'recorded-late', subject: 'S', dueDate: '2026-10-08', daysOverdue: 12, message: 'the planned supervision on 2026-10-05 was recorded 12 days after the 72 hours deadline' }],
    },
    {
      name: 'not recorded and past the deadline',
      on: '2026-10-05 10:00',
      recorded: undefined,
      expected: [{ status: 'unrecorded', subject: 'S', dueDate: '2026-10-08', daysOverdue: 23, message: 'the planned supervision on 2026-10-05 is not recorded: due by 2026-10-08 (within 72 hours), 23 days overdue' }],
    },
    { name: 'not recorded, deadline on the audit date: not yet late', on: '2026-10-28 10:00', recorded: undefined, expected: [] },
    { name: 'recorded after the audit date, deadline after it too: nothing known yet', on: '2026-10-30 10:00', recorded: '2026-11-10 09:00', expected: [] },
    {
      name: 'recorded after the audit date, deadline before it: unrecorded on the audit date',
      on: '2026-10-20 10:00',
      recorded: '2026-11-10 09:00',
      expected: [{ status: 'unrecorded', subject: 'S', dueDate: '2026-10-23', daysOverdue: 8, message: 'the planned supervision on 2026-10-20 is not recorded: due by 2026-10-23 (within 72 hours), 8 days overdue' }],
    },
  ])('$name', ({ on, recorded, expected }) => {
    expect(run(recordingTimeliness, within72, one(on, recorded), window)).toEqual({ subjects: 1, findings: expected });
  });

  it.each([
    {
      name: 'a deadline in working days: lateness in working days, however few hours',
      within: '5 working days',
      on: '2026-10-05 10:00',
      recorded: '2026-10-13 09:00',
      expected: { dueDate: '2026-10-12', daysOverdue: 1, message: 'the planned supervision on 2026-10-05 was recorded 1 working day after the 5 working days deadline' },
    },
    {
      name: 'a deadline in working days, recorded the Saturday after: the working days between',
      within: '5 working days',
      on: '2026-10-05 10:00',
      recorded: '2026-10-17 11:00',
      expected: { dueDate: '2026-10-12', daysOverdue: 5, message: 'the planned supervision on 2026-10-05 was recorded 4 working days after the 5 working days deadline' },
    },
    {
      name: 'a deadline in working days on a Friday, recorded on the Saturday: a day, no working day',
      within: '5 working days',
      on: '2026-10-09 10:00',
      recorded: '2026-10-17 11:00',
      expected: { dueDate: '2026-10-16', daysOverdue: 1, message: 'the planned supervision on 2026-10-09 was recorded 1 day after the 5 working days deadline' },
    },
    {
      name: 'a deadline in days: lateness in days, never hours',
      within: '5 days',
      on: '2026-10-05 10:00',
      recorded: '2026-10-11 02:00',
      expected: { dueDate: '2026-10-10', daysOverdue: 1, message: 'the planned supervision on 2026-10-05 was recorded 1 day after the 5 days deadline' },
    },
  ])('$name', ({ within, on, recorded, expected }) => {
    expect(run(recordingTimeliness, { within }, one(on, recorded), window)).toEqual({ subjects: 1, findings: [{ status: 'recorded-late', subject: 'S', ...expected }] });
  });

  it('an incomplete record past its deadline is unrecorded', () => {
    const data = one('2026-10-05 10:00', undefined, { status: 'incomplete' });
    expect(run(recordingTimeliness, within72, data, window).findings.map((f) => f.status)).toEqual(['unrecorded']);
  });

  it('only the rule’s kinds count: ad hoc sessions for an ad hoc rule', () => {
    const data = one('2026-10-05 10:00', undefined, { kind: 'ad-hoc' });
    expect(run(recordingTimeliness, within72, data, window).subjects).toBe(0);
    expect(run(recordingTimeliness, { ...within72, sessionKinds: ['ad-hoc'] }, data, window).findings).toHaveLength(1);
  });

  it('covers case discussions when the rule says so', () => {
    const data = dataset({
      workers: [worker({ id: 'W1' })],
      discussions: [discussion('C1', '2026-10-05 10:00', { id: 'D', recordedAt: null })],
    });
    expect(run(recordingTimeliness, { records: ['case-discussions'], within: '24 hours' }, data, window).findings).toEqual([
      { status: 'unrecorded', subject: 'D', dueDate: '2026-10-06', daysOverdue: 25, message: 'the case supervision of C1 on 2026-10-05 is not recorded: due by 2026-10-06 (within 24 hours), 25 days overdue' },
    ]);
  });

  it('reads working days, skipping a bank holiday', () => {
    // Friday 28 August 2026 + 2 working days skips the weekend and Monday 31 August.
    const data = one('2026-08-28 10:00', '2026-09-02 12:00');
    expect(run(recordingTimeliness, { within: '2 working days' }, data, { from: '2026-08-01', asOf: '2026-09-30' }).findings).toEqual([]);
  });
});

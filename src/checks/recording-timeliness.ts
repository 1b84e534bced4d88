/**
 * recording-timeliness: a supervision (or case discussion) is recorded within the time the
 * policy sets after it took place.
 *
 * Subject: a held or incomplete session (or case discussion) of the rule's kinds dated in the
 * window. The deadline is its start plus N hours (a start with no time is the end of its day),
 * or the end of the day N days or working days after it. `recorded-late` when recorded after
 * the deadline; `unrecorded` when there is no record and the deadline had passed before the
 * audit date. A recording after the audit date is not known on it, like any later event.
 */
import { z } from 'zod';
import { teamOfWorkerOn } from '../model/dataset.js';
import { days } from './wording.js';
import { defineCheck, found, tallyOf } from './check.js';
import { discussionKinds, recordChoice, forEachRecordOfRule, recordWords, sessionKinds, type RecordRows } from './params.js';
import { endOfLondonDay, formatDay, londonDay, type Instant } from '../time/calendar.js';
import { isWorkingDay } from '../time/bank-holidays.js';
import { addInterval, describeInterval, intervalSchema, type Interval } from '../time/interval.js';

const params = z
  .object({
    /** Which records the rule covers. */
    records: recordChoice,
    sessionKinds: sessionKinds.default(['planned']),
    discussionKinds: discussionKinds.default(['supervision']),
    within: intervalSchema('hours', 'days', 'working-days'),
  })
  .strict();

function deadlineOf(startAt: Instant, date: number, within: Interval): Instant {
  return within.unit === 'hours' ? startAt + within.n * 3600 : endOfLondonDay(addInterval(date, within));
}

/**
 * How late a recording was, in the unit of its deadline, so that a sentence speaks one unit:
 * hours for a deadline in hours (days once two days have passed), working days for one in
 * working days, else days.
 */
function lateness(recordedAt: Instant, deadline: Instant, within: Interval): string {
  const late = londonDay(recordedAt) - londonDay(deadline);
  if (within.unit === 'hours') {
    const hours = Math.ceil((recordedAt - deadline) / 3600);
    return hours < 48 ? `${hours} hour${hours === 1 ? '' : 's'}` : days(late);
  }
  if (within.unit !== 'working-days') return days(late);
  let working = 0;
  for (let day = londonDay(deadline) + 1; day <= londonDay(recordedAt); day++) if (isWorkingDay(day)) working += 1;
  // Recorded over the weekend after the deadline's day: late by days that were none of them working days.
  return working === 0 ? days(late) : `${working} working day${working === 1 ? '' : 's'}`;
}

export const recordingTimeliness = defineCheck({
  id: 'recording-timeliness',
  description: 'Each supervision is recorded within the time the policy sets.',
  needs: (p) => p.records,
  needsFields: (p) => p.records.map((kind) => [kind, 'recordedAt'] as const),
  subject: 'session',
  params,
  messages: {
    'recorded-late': (f) => `the ${f.details['what']} on ${f.details['date']} was recorded ${f.details['late']} after the ${f.details['within']} deadline`,
    unrecorded: (f) => `the ${f.details['what']} on ${f.details['date']} is not recorded: due by ${f.dueDate} (within ${f.details['within']}), ${days(f.daysOverdue)} overdue`,
  },
  evaluate(dataset, p, context) {
    const { window } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const endOfAuditDate = endOfLondonDay(window.asOf);
    const within = describeInterval(p.within);
    const inspect = (records: RecordRows, row: number, subjectKind: 'session' | 'case-discussion'): void => {
      const date = records.dateOf(row);
      const workerId = records.workerIdOf(row);
      const id = records.idOf(row);
      subjects.one(subjectKind, id, workerId, date);
      const deadline = deadlineOf(records.startOf(row), date, p.within);
      const dueDay = londonDay(deadline);
      // Most records are recorded in time: a finding's parts are made only for one.
      const report = (status: string, daysOverdue: number, late?: () => string): void => {
        findings.push(
          found(context, status, { kind: subjectKind, id }, () => ({
            workerId,
            supervisorId: records.supervisorIdOf(row),
            team: teamOfWorkerOn(dataset, workerId, date),
            dueDate: dueDay,
            lastDate: date,
            daysOverdue,
            details: { what: recordWords(records, row), date: formatDay(date), within, ...(late === undefined ? {} : { late: late() }) },
            source: [records.sourceOf(row)],
          })),
        );
      };
      const recorded = records.recordedAtOf(row);
      const recordedAt = recorded !== null && recorded <= endOfAuditDate ? recorded : null;
      if (recordedAt !== null) {
        if (recordedAt <= deadline) return;
        report('recorded-late', londonDay(recordedAt) - dueDay, () => lateness(recordedAt, deadline, p.within));
      } else if (dueDay < window.asOf) {
        report('unrecorded', window.asOf - dueDay);
      }
    };
    forEachRecordOfRule(dataset, p, ['held', 'incomplete'], context, inspect);
    return { subjects: subjects.size };
  },
});

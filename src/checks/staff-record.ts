/**
 * staff-record: every worker of the rule's roles has a staff record of its types (a DBS check,
 * an appraisal, a development plan, a course) when it is first due, and, with `every`, again
 * each time after.
 *
 * Subject: a worker of the rule's roles in post at some time in the window; for the pseudo-role
 * `supervisors`, a worker who supervises someone in the window. The first record is due the
 * rule's `first` period after the worker's start in post (or the day they began supervising);
 * a record dated before it counts (a DBS check done before starting). With `every`, each next
 * is due that long after the last; without it, one is enough. A gap is reported when the worker
 * was without a record that was due on some day of the window. Findings: `late`, `overdue`.
 */
import { z } from 'zod';
import { workerChainFinding, workerOpenItem } from './chain-finding.js';
import { defineCheck, found, offer, tallyOf } from './check.js';
import type { Gap, OpenDue } from './chain.js';
import { calendarInterval } from './params.js';
import { courses, recordTypes, recordWords, staffRecordsOf, staffRoles, staffSubjects } from './staff-records.js';
import { days } from './wording.js';
import { supervisorOn } from '../model/dataset.js';
import { START_UNKNOWN } from '../model/workers.js';
import { addInterval, describeInterval, type Interval } from '../time/interval.js';
import type { AuditWindow } from '../time/window.js';
import type { Day } from '../time/calendar.js';

const params = z
  .object({
    roles: staffRoles,
    types: recordTypes,
    /** For training: the course codes that count. */
    courses: courses.optional(),
    /** How long after the start the first record is due ("0 days": before starting). */
    first: intervalOrNone(),
    every: calendarInterval.optional(),
  })
  .strict();

/** An interval, where "0 days" (due on the first day) is allowed as well. */
function intervalOrNone() {
  return z.union([z.literal('0 days').transform(() => null), calendarInterval]);
}

/**
 * The chain of a staff record: the first due `first` after the start, each next `every` after
 * the last (none without it). Records dated before the start count: the latest of them is the
 * anchor, the next due `every` after it but never before the first due date, so that a returner
 * owes a DBS check only when their old one runs out, and never an appraisal on the day they come
 * back (REQUIREMENTS.md, "Workers over time"). Gaps of which some day falls in the window, as in
 * every chain (REQUIREMENTS.md, "Timing semantics").
 */
export function recordGaps(
  start: Day,
  end: Day | null,
  dates: readonly Day[],
  first: Interval | null,
  every: Interval | undefined,
  window: AuditWindow,
  open?: (due: OpenDue) => void,
): Gap[] {
  // A worker whose start was never recorded owes a record they have never had from the window's start.
  if (start === START_UNKNOWN) [start, first] = [window.from, null];
  const last = end === null ? window.asOf : Math.min(end, window.asOf);
  const gaps: Gap[] = [];
  const firstDue = first === null ? start : addInterval(start, first);
  let due = firstDue;
  let anchor = start;
  let anchorKind: Gap['anchorKind'] = 'subject-start';
  let anchorIndex: number | null = null;
  let i = 0;
  if (every !== undefined) {
    for (; i < dates.length && dates[i]! <= start; i++) {
      anchor = dates[i]!;
      anchorKind = 'event';
      anchorIndex = i;
      due = Math.max(addInterval(anchor, every), firstDue);
    }
  }
  for (;;) {
    const next = i < dates.length && dates[i]! <= last ? dates[i]! : null;
    if (next === null) {
      if (last > due) gaps.push({ status: 'overdue', lastDate: anchor, anchorKind, anchorIndex, dueDate: due, eventDate: null, eventIndex: null, daysOverdue: last - due });
      open?.({ dueDate: due, lastDate: anchor, anchorKind, anchorIndex });
      break;
    }
    if (next > due && next > window.from) {
      gaps.push({ status: 'late', lastDate: anchor, anchorKind, anchorIndex, dueDate: due, eventDate: next, eventIndex: i, daysOverdue: next - due });
    }
    if (every === undefined) break;
    anchor = next;
    anchorKind = 'event';
    anchorIndex = i;
    due = addInterval(next, every);
    while (i < dates.length && dates[i]! <= anchor) i++;
  }
  return gaps;
}

export const staffRecord = defineCheck({
  id: 'staff-record',
  description: 'Every worker has the staff records (DBS check, appraisal, development plan, training) their role requires, when they are due.',
  needs: ['workers', 'staff-records'],
  subject: 'worker',
  chains: true,
  params,
  messages: {
    late: (f) => `${f.details['what']} on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate} (${f.details['rhythm']})`,
    overdue: (f) =>
      f.details['anchorKind'] === 'event'
        ? `no ${f.details['what']} since ${f.lastDate}; one was due by ${f.dueDate} (${f.details['rhythm']}), ${days(f.daysOverdue)} overdue`
        : `no ${f.details['what']} on record; one was due by ${f.dueDate} (${f.details['rhythm']}), ${days(f.daysOverdue)} overdue`,
  },
  evaluate(dataset, p, context) {
    const { window } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const what = recordWords(p.types, p.courses);
    const rhythm = [p.first === null ? 'due on starting' : `first due ${describeInterval(p.first)} after starting`, p.every ? `then every ${describeInterval(p.every)}` : 'once'].join(', ');
    const recordsOf = staffRecordsOf(dataset, p.types, p.courses);
    for (const { stretch, start } of staffSubjects(dataset, p.roles, context)) {
      const { worker } = stretch;
      subjects.add('worker', worker.id);
      const { items: records, dates } = recordsOf(worker.id);
      const gaps = recordGaps(start, stretch.end, dates, p.first, p.every, window, (due) => offer(context, () => workerOpenItem(due, records, stretch, { dataset, window, what, start })));
      for (const gap of gaps) {
        findings.push(
          found(context, gap.status, { kind: 'worker', id: worker.id }, () =>
            workerChainFinding(gap, records, stretch, {
              supervisorId: supervisorOn(dataset, worker.id, gap.dueDate)?.supervisorId ?? null,
              window,
              details: { what, rhythm },
            }),
          ),
        );
      }
    }
    return { subjects: subjects.size };
  },
});

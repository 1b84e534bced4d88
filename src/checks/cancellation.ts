/**
 * cancellation: a cancelled or postponed supervision has its reason logged and is rearranged:
 * a held session of the same kinds for the same worker follows within N days.
 *
 * Subject: a cancelled or postponed session of the rule's kinds dated in the window.
 * `missing` when no reason is logged; `not-rearranged` once the N days have passed with no
 * held session.
 */
import { z } from 'zod';
import { defineCheck, found, tallyOf } from './check.js';
import { calendarInterval, sessionKinds } from './params.js';
import { formatDay, type Day } from '../time/calendar.js';
import { addInterval, describeInterval, type Interval } from '../time/interval.js';
import { carries, teamOfWorkerOn, type Dataset } from '../model/dataset.js';
import type { SessionKind, SupervisionSession } from '../model/records.js';

const params = z
  .object({
    kinds: sessionKinds.default(['planned']),
    reasonRequired: z.boolean().default(true),
    rearrangeWithin: calendarInterval.optional(),
  })
  .strict();

export const cancellation = defineCheck({
  id: 'cancellation',
  description: 'A cancelled or postponed supervision has its reason logged and is rearranged promptly.',
  needs: ['workers', 'sessions'],
  subject: 'session',
  params,
  messages: {
    missing: (f) => `the ${f.details['status']} session of ${f.details['date']} has no reason logged`,
    'not-rearranged': (f) =>
      f.details['nextHeld']
        ? `the ${f.details['status']} session of ${f.details['date']} was not rearranged within ${f.details['within']}: next held on ${f.details['nextHeld']}`
        : `the ${f.details['status']} session of ${f.details['date']} was not rearranged within ${f.details['within']}: none held since`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    // Where no export has a reason column, reasons cannot be judged; rearranging still can.
    const reasonsKnown = carries(dataset, 'sessions', 'cancelReason');
    const subjects = tallyOf(context);
    const { findings } = context;
    const { sessions } = dataset;
    for (const row of sessions.datedWithin(window)) {
      const status = sessions.statusOf(row);
      if ((status !== 'cancelled' && status !== 'postponed') || !p.kinds.includes(sessions.kindOf(row))) continue;
      const s = sessions.at(row);
      if (!scope.worker(s.workerId)) continue;
      subjects.one('session', s.id, s.workerId, s.date);
      const missing = p.reasonRequired && reasonsKnown && !s.cancelReasonGiven;
      const unrearranged = p.rearrangeWithin === undefined ? null : notRearranged(dataset, p.kinds, s, row, p.rearrangeWithin, window.asOf);
      const subject = { kind: 'session' as const, id: s.id };
      const base = () => ({
        workerId: s.workerId,
        supervisorId: s.supervisorId,
        team: teamOfWorkerOn(dataset, s.workerId, s.date),
        lastDate: s.date,
      });
      const details = () => ({ status: s.status, date: formatDay(s.date) });
      if (missing) findings.push(found(context, 'missing', subject, () => ({ ...base(), dueDate: null, daysOverdue: null, details: details(), source: [s] })));
      if (!unrearranged) continue;
      const { due, next } = unrearranged;
      findings.push(
        found(context, 'not-rearranged', subject, () => ({
          ...base(),
          dueDate: due,
          daysOverdue: (next ? next.date : window.asOf) - due,
          details: { ...details(), within: describeInterval(p.rearrangeWithin!), nextHeld: next ? formatDay(next.date) : null },
          source: next ? [s, next] : [s],
        })),
      );
    }
    return { subjects: subjects.size };
  },
});

/**
 * Whether a cancelled session was not rearranged: the days to rearrange it have passed by the
 * audit date with no held session of the kinds in them. Gives its due date and the next held session, if any.
 */
function notRearranged(
  dataset: Dataset,
  kinds: readonly SessionKind[],
  s: SupervisionSession,
  row: number,
  within: Interval,
  asOf: Day,
): { due: Day; next: SupervisionSession | undefined } | null {
  const due = addInterval(s.date, within);
  if (asOf <= due) return null;
  const { sessions } = dataset;
  const next = sessions.ofWorker(s.workerId).find((h) => {
    const date = sessions.dateOf(h);
    return sessions.isHeld(h) && kinds.includes(sessions.kindOf(h)) && date >= s.date && date <= asOf && h !== row;
  });
  if (next !== undefined && sessions.dateOf(next) <= due) return null;
  return { due, next: next === undefined ? undefined : sessions.at(next) };
}

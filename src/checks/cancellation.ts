/**
 * cancellation: a cancelled or postponed supervision has its reason logged and is rearranged:
 * a held session of the same kinds for the same worker follows within N days.
 *
 * Subject: a cancelled or postponed session of the rule's kinds dated in the window.
 * `missing` when no reason is logged; `not-rearranged` once the N days have passed with no
 * held session.
 */
import { datedWithin } from './held.js';
import { z } from 'zod';
import { defineCheck, found, tallyOf, type CheckFinding } from './check.js';
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
    const findings: CheckFinding[] = [];
    for (const s of datedWithin(dataset.sessions, window)) {
      if ((s.status !== 'cancelled' && s.status !== 'postponed') || !p.kinds.includes(s.kind)) continue;
      if (s.date < window.from || s.date > window.asOf || !scope.worker(s.workerId)) continue;
      subjects.one('session', s.id, s.workerId, s.date);
      const missing = p.reasonRequired && reasonsKnown && !s.cancelReasonGiven;
      const unrearranged = p.rearrangeWithin === undefined ? null : notRearranged(dataset, p.kinds, s, p.rearrangeWithin, window.asOf);
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
    return { subjects: subjects.size, findings };
  },
});

/**
 * Whether a cancelled session was not rearranged: the days to rearrange it have passed by the
 * audit date with no held session of the kinds in them. Gives its due date and the next held session, if any.
 */
function notRearranged(dataset: Dataset, kinds: readonly SessionKind[], s: SupervisionSession, within: Interval, asOf: Day): { due: Day; next: SupervisionSession | undefined } | null {
  const due = addInterval(s.date, within);
  if (asOf <= due) return null;
  const next = (dataset.sessionsByWorker.get(s.workerId) ?? []).find((h) => h.status === 'held' && kinds.includes(h.kind) && h.date >= s.date && h.date <= asOf && h !== s);
  if (next && next.date <= due) return null;
  return { due, next };
}

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
import { defineCheck, tallyOf, type CheckFinding } from './check.js';
import { calendarInterval, sessionKinds } from './params.js';
import { formatDay } from '../time/calendar.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { carries } from '../model/dataset.js';

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
      subjects.one('session', s.id, s.workerId);
      const base = {
        subject: { kind: 'session' as const, id: s.id },
        workerId: s.workerId,
        supervisorId: s.supervisorId,
        team: dataset.workerById.get(s.workerId)?.team ?? null,
        lastDate: s.date,
      };
      const details = { status: s.status, date: formatDay(s.date) };
      if (p.reasonRequired && reasonsKnown && !s.cancelReasonGiven) {
        findings.push({ ...base, status: 'missing', dueDate: null, daysOverdue: null, details, source: [s] });
      }
      if (p.rearrangeWithin === undefined) continue;
      const due = addInterval(s.date, p.rearrangeWithin);
      if (window.asOf <= due) continue;
      const next = (dataset.sessionsByWorker.get(s.workerId) ?? []).find(
        (h) => h.status === 'held' && p.kinds.includes(h.kind) && h.date >= s.date && h.date <= window.asOf && h !== s,
      );
      if (next && next.date <= due) continue;
      findings.push({
        ...base,
        status: 'not-rearranged',
        dueDate: due,
        daysOverdue: (next ? next.date : window.asOf) - due,
        details: { ...details, within: describeInterval(p.rearrangeWithin), nextHeld: next ? formatDay(next.date) : null },
        source: next ? [s, next] : [s],
      });
    }
    return { subjects: subjects.size, findings };
  },
});

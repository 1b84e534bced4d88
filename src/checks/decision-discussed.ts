/**
 * decision-discussed: a case decision (closure, transfer, child protection, legal planning)
 * is discussed in supervision shortly before or after it is made.
 *
 * Subject: a case decision of the rule's kinds dated in the window. It is evidenced by a held
 * case discussion of the rule's kinds on the same case from `before` ahead of the decision
 * to `after` it (working days skip weekends and bank holidays). `missing` when there is none,
 * once that period has ended before the audit date.
 */
import { datedWithin } from './held.js';
import { z } from 'zod';
import { defineCheck, tallyOf } from './check.js';
import { discussionKinds } from './params.js';
import { formatDay } from '../time/calendar.js';
import { addInterval, describeInterval, intervalSchema } from '../time/interval.js';
import { allocatedOn, supervisorOn, teamOfWorkerOn } from '../model/dataset.js';
import { DECISION_KINDS } from '../model/records.js';

const params = z
  .object({
    decisions: z.array(z.enum(DECISION_KINDS)).min(1).default([...DECISION_KINDS]),
    discussionKinds: discussionKinds.default(['supervision']),
    before: intervalSchema('days', 'weeks'),
    after: intervalSchema('days', 'working-days'),
  })
  .strict();

export const decisionDiscussed = defineCheck({
  id: 'decision-discussed',
  description: 'Each case decision is discussed in supervision shortly before or after it is made.',
  needs: ['case-decisions', 'case-discussions'],
  subject: 'case',
  params,
  messages: {
    missing: (f) =>
      `the ${f.details['decision']} decision of ${f.details['date']} was not discussed in ${f.details['discussions']} from ${f.details['from']} to ${f.dueDate} (${f.details['before']} before to ${f.details['after']} after)`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const beforeDays = p.before.unit === 'weeks' ? 7 * p.before.n : p.before.n;
    const { discussions } = dataset;
    for (const decision of datedWithin(dataset.decisions, window)) {
      if (!p.decisions.includes(decision.kind) || decision.date < window.from || decision.date > window.asOf || !scope.case(decision.caseId)) continue;
      subjects.one('case', decision.caseId);
      const from = decision.date - beforeDays;
      const to = addInterval(decision.date, p.after);
      const discussed = discussions.ofCase(decision.caseId).some((row) => {
        const date = discussions.dateOf(row);
        return discussions.isHeld(row) && p.discussionKinds.includes(discussions.kindOf(row)) && date >= from && date <= to && date <= window.asOf;
      });
      if (discussed || window.asOf <= to) continue;
      const workerId = decision.workerId ?? allocatedOn(dataset, decision.caseId, decision.date)?.workerId ?? null;
      findings.push({
        status: 'missing',
        subject: { kind: 'case', id: decision.caseId },
        workerId,
        supervisorId: workerId === null ? null : (supervisorOn(dataset, workerId, decision.date)?.supervisorId ?? null),
        team: teamOfWorkerOn(dataset, workerId, window.asOf),
        dueDate: to,
        lastDate: decision.date,
        daysOverdue: null,
        details: {
          decision: decision.kind.replace('-', ' '),
          date: formatDay(decision.date),
          from: formatDay(from),
          before: describeInterval(p.before),
          after: describeInterval(p.after),
          discussions: p.discussionKinds.map((k) => `case ${k.replace('-', ' ')}`).join(' or '),
        },
        source: [decision],
      });
    }
    return { subjects: subjects.size };
  },
});

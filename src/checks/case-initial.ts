/**
 * case-initial: a new case is first discussed in supervision within the time the policy sets
 * after it is allocated.
 *
 * Subject: a case with an episode of the rule's plan types open at some time in the window
 * and allocated during it. The clock starts at the later of the episode start and the start of
 * the first allocation within the episode. The first held discussion of the counted kinds on
 * or after the episode start is due N (working) days after that. Findings: `late`, `overdue`.
 */
import { z } from 'zod';
import { defineCheck, found, offer, tallyOf } from './check.js';
import { episodesOf, heldDiscussionsOf, holderOn } from './case-episodes.js';
import { discussionKinds } from './params.js';
import { days, overdueBy } from './wording.js';
import { activeInWindow } from './chain.js';
import { formatDay } from '../time/calendar.js';
import { addInterval, describeInterval, intervalSchema } from '../time/interval.js';
import { PLAN_TYPES } from '../model/records.js';

const params = z
  .object({
    plans: z.array(z.enum(PLAN_TYPES)).min(1),
    within: intervalSchema('working-days', 'days', 'weeks'),
    counts: discussionKinds.default(['supervision']),
  })
  .strict();

export const caseInitial = defineCheck({
  id: 'case-initial',
  description: 'A new case is first discussed in supervision soon enough after allocation.',
  needs: ['plans', 'allocations', 'case-discussions'],
  subject: 'case',
  chains: true,
  params,
  messages: {
    late: (f) => `${f.details['plan']} allocated on ${f.lastDate} first discussed on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate} (within ${f.details['within']})`,
    overdue: (f) => `${f.details['plan']} allocated on ${f.lastDate} not yet discussed: due ${f.dueDate} (within ${f.details['within']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const discussionsOf = heldDiscussionsOf(dataset, p.counts);
    for (const { episode, end } of episodesOf(dataset, p.plans)) {
      if (!activeInWindow(episode.from, end, window) || !scope.case(episode.caseId)) continue;
      const allocation = (dataset.allocationsByCase.get(episode.caseId) ?? []).find(
        (a) => (end === null || a.from <= end) && (a.to === null || a.to >= episode.from),
      );
      if (!allocation) continue;
      const clockStart = Math.max(episode.from, allocation.from);
      if (clockStart > window.asOf) continue;
      subjects.add('case', episode.caseId);
      const due = addInterval(clockStart, p.within);
      const last = end === null ? window.asOf : Math.min(end, window.asOf);
      const held = discussionsOf(episode.caseId);
      const k = held.dates.findIndex((date) => date >= episode.from && date <= last);
      const first = k < 0 ? undefined : dataset.discussions.at(held.rows[k]!);
      const subject = { kind: 'case' as const, id: episode.caseId };
      if (first === undefined) {
        offer(context, () => ({
          subject,
          ...holderOn(dataset, episode.caseId, window.asOf, window.asOf),
          what: `first case discussion for case ${episode.caseId}`,
          dueDate: due,
          lastDate: clockStart,
          start: episode.from,
          end,
          source: [allocation, episode],
        }));
      }
      const late = first !== undefined && first.date > due && first.date >= window.from;
      const overdue = first === undefined && last > due && last >= window.from;
      if (!late && !overdue) continue;
      findings.push(
        found(context, late ? 'late' : 'overdue', subject, () => {
          const base = { ...holderOn(dataset, episode.caseId, clockStart, window.asOf), dueDate: due, lastDate: clockStart };
          const details = {
            plan: episode.type,
            within: describeInterval(p.within),
            endedOn: end !== null && end < window.asOf ? formatDay(end) : null,
          };
          return late
            ? { ...base, daysOverdue: first.date - due, details: { ...details, eventDate: formatDay(first.date), endedOn: null }, source: [first, allocation, episode] }
            : { ...base, daysOverdue: last - due, details, source: [allocation, episode] };
        }),
      );
    }
    return { subjects: subjects.size };
  },
});

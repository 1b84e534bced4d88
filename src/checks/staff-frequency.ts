/**
 * staff-frequency: each worker is supervised at least as often as their role, and for newly
 * qualified workers the stage of their first year, requires.
 *
 * Subject: a worker of the rule's roles in post at some time in the window. Each stretch of
 * their time in post in those roles is a chain of its own, as for a worker who started on its
 * first day and left on its last (REQUIREMENTS.md, "Workers over time"). Events: held sessions
 * of the counted kinds (planned by default). The interval is the one in force on the anchor
 * date (REQUIREMENTS.md, "Timing semantics").
 */
import { z } from 'zod';
import { workerChainFinding, workerOpenItem } from './chain-finding.js';
import { defineCheck, found, offer, tallyOf } from './check.js';
import { calendarInterval, heldSessionsOf, roles, sessionKinds, stageFrom, stageOn, stageOrigin, stagesSchema, stretchesInWindow } from './params.js';
import { days, dueEvery, overdueBy, since } from './wording.js';
import { evaluateChain } from './chain.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { supervisorOn } from '../model/dataset.js';

const params = z
  .object({
    roles,
    /** Session kinds that count as supervision. */
    counts: sessionKinds.default(['planned']),
    every: calendarInterval.optional(),
    stages: stagesSchema({ every: calendarInterval }).optional(),
    stageFrom,
  })
  .strict()
  .superRefine((p, ctx) => {
    if ((p.every === undefined) === (p.stages === undefined)) ctx.addIssue({ code: 'custom', message: p.every === undefined ? 'give "every", or "stages" for a worker\'s first months' : 'give either "every" or "stages", not both' });
  });

export const staffFrequency = defineCheck({
  id: 'staff-frequency',
  description: 'Each worker is supervised at least as often as their role and stage require.',
  needs: ['workers', 'sessions'],
  subject: 'worker',
  chains: true,
  params,
  messages: {
    late: (f) => `supervised on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate} (every ${f.details['every']} ${since(f, 'session')})`,
    overdue: (f) => `no ${f.details['counts']} supervision ${since(f, 'session')}: due ${f.dueDate} (every ${f.details['every']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, context) {
    const { window } = context;
    const stages = p.stages ?? [{ every: p.every! }];
    const subjects = tallyOf(context);
    const { findings } = context;
    const sessionsOf = heldSessionsOf(dataset, p.counts);
    for (const stretch of stretchesInWindow(dataset, p.roles, context)) {
      const { worker } = stretch;
      subjects.add('worker', worker.id);
      const held = sessionsOf(worker.id);
      const origin = stageOrigin(stretch, p.stageFrom);
      const everyOn = (day: number) => stageOn(stages, origin, day).every;
      const gaps = evaluateChain(
        { start: stretch.start, end: stretch.end, events: held.dates, dueAfter: (a) => addInterval(a, everyOn(a)) },
        window,
        (due) => offer(context, () => workerOpenItem(due, dataset.sessions.citing(held.rows), stretch, { dataset, window, what: dueEvery(everyOn(due.lastDate)) })),
      );
      for (const gap of gaps) {
        findings.push(
          found(context, gap.status, { kind: 'worker', id: worker.id }, () =>
            workerChainFinding(gap, dataset.sessions.citing(held.rows), stretch, {
              supervisorId: supervisorOn(dataset, worker.id, gap.dueDate)?.supervisorId ?? null,
              window,
              details: { every: describeInterval(everyOn(gap.lastDate)), counts: p.counts.join(' or ') },
            }),
          ),
        );
      }
    }
    return { subjects: subjects.size };
  },
});

/**
 * professional-supervision: a registered practitioner whose supervisor is of another
 * profession (an occupational therapist managed by a social worker) has professional
 * supervision from their own profession at least as often as the policy sets.
 *
 * Subject: a worker of the rule's professions and roles, for each period in the window when
 * their named supervisor is a known worker of a different profession (successive such
 * supervisors make one period). Events: held sessions of the counted kinds (professional by
 * default). The chain runs over each period as over a worker's time in post.
 */
import { z } from 'zod';
import { workerChainFinding, workerOpenItem } from './chain-finding.js';
import { defineCheck, offer, tallyOf } from './check.js';
import { calendarInterval, heldSessionsOf, roles, sessionKinds } from './params.js';
import { periodOn, stretchesOf, type Stretch } from '../model/workers.js';
import { isConflicting } from '../model/supervisor-rows.js';
import { days, dueEvery, overdueBy, since } from './wording.js';
import { activeInWindow, evaluateChain } from './chain.js';
import type { Day } from '../time/calendar.js';
import { addInterval, describeInterval } from '../time/interval.js';
import type { Dataset } from '../model/dataset.js';
import { PROFESSIONS, type WorkerPeriod } from '../model/records.js';

const params = z
  .object({
    professions: z.array(z.enum(PROFESSIONS)).min(1).default(['social-work', 'occupational-therapy']),
    roles: roles.optional(),
    counts: sessionKinds.default(['professional']),
    every: calendarInterval,
  })
  .strict();

interface Period {
  from: Day;
  to: Day | null;
  supervisorId: string;
}

/**
 * The periods of a stretch of a worker's time in post (of one profession) when their named
 * supervisor is of another profession, as the supervisor's own rows say on the day it began.
 * A start on which rows named two supervisors names no one (model/supervisor-rows.ts).
 */
function crossProfessionPeriods(dataset: Dataset, stretch: Stretch): Period[] {
  const periods: Period[] = [];
  const profession = stretch.periods[0]!.profession;
  for (const a of dataset.supervisorsByWorker.get(stretch.worker.id) ?? []) {
    const supervisor = isConflicting(a) ? undefined : dataset.workerById.get(a.supervisorId);
    const from = Math.max(a.from, stretch.start);
    if (!supervisor || periodOn(supervisor, from).profession === profession) continue;
    const ends = [a.to, stretch.end].filter((d): d is Day => d !== null);
    const to = ends.length > 0 ? Math.min(...ends) : null;
    if (to !== null && to < from) continue;
    const last = periods.at(-1);
    if (last && (last.to === null || last.to + 1 >= from)) {
      last.to = last.to === null || to === null ? null : Math.max(last.to, to);
    } else {
      periods.push({ from, to, supervisorId: a.supervisorId });
    }
  }
  return periods;
}

export const professionalSupervision = defineCheck({
  id: 'professional-supervision',
  description: 'A practitioner supervised by a manager of another profession has professional supervision from their own.',
  needs: ['workers', 'supervisors', 'sessions'],
  subject: 'worker',
  chains: true,
  params,
  messages: {
    late: (f) =>
      `professional supervision on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate} (every ${f.details['every']} ${since(f, 'one')}; supervised by ${f.details['supervisorProfession']} ${f.details['supervisorId']})`,
    overdue: (f) =>
      `no professional supervision ${since(f, 'one')}: due ${f.dueDate} (every ${f.details['every']}; supervised by ${f.details['supervisorProfession']} ${f.details['supervisorId']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const sessionsOf = heldSessionsOf(dataset, p.counts);
    // A stretch is of one profession the rule names (and of its roles, where it names them).
    const applies = (period: WorkerPeriod): boolean => p.professions.includes(period.profession) && (p.roles === undefined || p.roles.includes(period.role));
    const sameProfession = (a: WorkerPeriod, b: WorkerPeriod): boolean => a.profession === b.profession;
    for (const worker of dataset.workers) {
      if (!scope.worker(worker.id)) continue;
      const held = sessionsOf(worker.id);
      const sessions = dataset.sessions.citing(held.rows);
      for (const stretch of stretchesOf(worker, applies, sameProfession)) {
        for (const period of crossProfessionPeriods(dataset, stretch)) {
          if (activeInWindow(period.from, period.to, window)) subjects.add('worker', worker.id);
          const gaps = evaluateChain(
            { start: period.from, end: period.to, events: held.dates, dueAfter: (a) => addInterval(a, p.every) },
            window,
            (due) =>
              offer(context, () =>
                workerOpenItem(due, sessions, stretch, { dataset, window, what: dueEvery(p.every, 'professional supervision'), supervisorId: period.supervisorId, start: period.from, end: period.to }),
              ),
          );
          const profession = periodOn(dataset.workerById.get(period.supervisorId)!, period.from).profession;
          const supervisorProfession =
            profession === 'social-work' ? 'a social worker,' : profession === 'occupational-therapy' ? 'an occupational therapist,' : 'a manager of another profession,';
          for (const gap of gaps) {
            findings.push(
              workerChainFinding(gap, sessions, stretch, {
                supervisorId: period.supervisorId,
                end: period.to,
                window,
                details: { every: describeInterval(p.every), supervisorId: period.supervisorId, supervisorProfession },
              }),
            );
          }
        }
      }
    }
    return { subjects: subjects.size };
  },
});

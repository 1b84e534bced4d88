/**
 * staff-duration: each held supervision session lasts at least the minimum for the worker's
 * role and stage on the day it was held.
 *
 * Subject: a held session of the counted kinds dated in the window. Findings: `short` (below
 * the minimum) and `missing` (no duration recorded).
 */
import { z } from 'zod';
import { defineCheck, type CheckFinding } from './check.js';
import { hasRole, roles, sessionKinds, stageFrom, stageOn, stagesSchema } from './params.js';
import { intervalSchema, type Interval } from '../engine/interval.js';
import { formatDay } from '../engine/calendar.js';

const minutesOf = (i: Interval): number => (i.unit === 'hours' ? i.n * 60 : i.n);
const minimum = intervalSchema('minutes', 'hours').transform(minutesOf);

const params = z
  .object({
    roles,
    counts: sessionKinds.default(['planned']),
    minimum: minimum.optional(),
    /** Stages with no minimum set none for that stage. */
    stages: stagesSchema({ minimum: minimum.optional() }).optional(),
    stageFrom,
  })
  .strict()
  .refine((p) => (p.minimum === undefined) !== (p.stages === undefined), { message: 'give either "minimum" or "stages", not both' });

export const staffDuration = defineCheck({
  id: 'staff-duration',
  description: 'Each held supervision session lasts at least the minimum for the worker’s role and stage.',
  needs: ['workers', 'sessions'],
  subject: 'session',
  params,
  messages: {
    short: (f) => `the session on ${f.details['date']} lasted ${f.details['minutes']} minutes; the minimum is ${f.details['minimum']} minutes`,
    missing: (f) => `the session on ${f.details['date']} has no duration recorded; the minimum is ${f.details['minimum']} minutes`,
  },
  evaluate(dataset, p, { window, scope }) {
    const stages = p.stages ?? [{ minimum: p.minimum }];
    let subjects = 0;
    const findings: CheckFinding[] = [];
    for (const session of dataset.sessions) {
      if (session.status !== 'held' || !p.counts.includes(session.kind)) continue;
      if (session.date < window.from || session.date > window.asOf) continue;
      const worker = dataset.workerById.get(session.workerId);
      if (!worker || !hasRole(worker, p.roles) || !scope.worker(worker.id)) continue;
      const required = stageOn(stages, worker, p.stageFrom, session.date).minimum;
      if (required === undefined) continue;
      subjects += 1;
      const duration = session.durationMinutes;
      if (duration !== null && duration >= required) continue;
      findings.push({
        status: duration === null ? 'missing' : 'short',
        subject: { kind: 'session', id: session.id },
        workerId: worker.id,
        supervisorId: session.supervisorId,
        team: worker.team,
        dueDate: null,
        lastDate: session.date,
        daysOverdue: null,
        details: { date: formatDay(session.date), minutes: duration, minimum: required },
        source: [session.source],
      });
    }
    return { subjects, findings };
  },
});

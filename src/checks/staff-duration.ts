/**
 * staff-duration: each held supervision session lasts at least the minimum for the worker's
 * role and stage on the day it was held.
 *
 * Subject: a held session of the counted kinds dated in the window. Findings: `short` (below
 * the minimum) and `missing` (no duration recorded).
 *
 * The worker's role and stage are those of the session's date (REQUIREMENTS.md, "Workers over time").
 *
 * Variant `per` (Portsmouth's "a minimum of 1 and a half hours every 4 weeks"): subject a
 * worker; the window (from the start of each stretch in the rule's roles, when later) is cut into whole periods of that
 * length, and the held sessions in each must add up to the minimum. A period still running on
 * the audit date is not judged; a session with no duration adds nothing. Finding: `short`,
 * its subject the worker and its dates the period's first and last days.
 */
import { z } from 'zod';
import { defineCheck, tallyOf, type CheckContext, type CheckResult } from './check.js';
import { heldSessionsOf, forEachHeldSessionInWindow, roles, sessionKinds, stageFrom, stageOn, stageOrigin, stagesSchema, stretchesInWindow } from './params.js';
import { periodOn, teamOn } from '../model/workers.js';
import { addInterval, describeInterval, intervalSchema, type Interval } from '../time/interval.js';
import type { Dataset } from '../model/dataset.js';
import { supervisorOn } from '../model/dataset.js';
import { formatDay } from '../time/calendar.js';

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
    /** Judge the total of every period of this length instead of each session. */
    per: intervalSchema('days', 'weeks').optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if ((p.minimum === undefined) === (p.stages === undefined)) ctx.addIssue({ code: 'custom', message: p.minimum === undefined ? 'give "minimum", or "stages" for a worker\'s first months' : 'give either "minimum" or "stages", not both' });
  });

type Params = z.output<typeof params>;

const unrecorded = (count: unknown): string => (typeof count === 'number' ? `, with ${count} session${count === 1 ? '' : 's'} of no recorded duration` : '');

export const staffDuration = defineCheck({
  id: 'staff-duration',
  description: 'Each held supervision session lasts at least the minimum for the worker’s role and stage.',
  needs: ['workers', 'sessions'],
  needsFields: () => [['sessions', 'durationMinutes']],
  subject: 'session',
  datedSubjects: (p) => p.per === undefined,
  params,
  messages: {
    short: (f) =>
      f.details['per']
        ? `supervision from ${f.lastDate} to ${f.dueDate} totalled ${f.details['minutes']} minutes${unrecorded(f.details['unrecorded'])}; at least ${f.details['minimum']} minutes are due in every ${f.details['per']}`
        : `the session on ${f.details['date']} lasted ${f.details['minutes']} minutes; the minimum is ${f.details['minimum']} minutes`,
    missing: (f) => `the session on ${f.details['date']} has no duration recorded; the minimum is ${f.details['minimum']} minutes`,
  },
  evaluate(dataset, p, context) {
    if (p.per) return totals(dataset, p, p.per, context);
    const stages = p.stages ?? [{ minimum: p.minimum }];
    const subjects = tallyOf(context);
    const { findings } = context;
    const { sessions } = dataset;
    forEachHeldSessionInWindow(dataset, p.counts, p.roles, context, (row, worker, stretch) => {
      const date = sessions.dateOf(row);
      const required = stageOn(stages, stageOrigin(stretch, p.stageFrom), date).minimum;
      if (required === undefined) return;
      const id = sessions.idOf(row);
      subjects.one('session', id, sessions.workerIdOf(row), date);
      const duration = sessions.durationOf(row);
      if (duration !== null && duration >= required) return;
      findings.push({
        status: duration === null ? 'missing' : 'short',
        subject: { kind: 'session', id },
        workerId: worker.id,
        supervisorId: sessions.supervisorIdOf(row),
        team: teamOn(worker, date),
        dueDate: null,
        lastDate: date,
        daysOverdue: null,
        details: { date: formatDay(date), minutes: duration, minimum: required },
        source: [sessions.sourceOf(row)],
      });
    });
    return { subjects: subjects.size };
  },
});

/** The `per` variant: the total of held sessions in each whole period of the window. */
function totals(dataset: Dataset, p: Params, per: Interval, context: CheckContext): CheckResult {
  const { window } = context;
  const stages = p.stages ?? [{ minimum: p.minimum }];
  const subjects = tallyOf(context);
  const { findings } = context;
  const sessionsOf = heldSessionsOf(dataset, p.counts);
  const { sessions } = dataset;
  for (const stretch of stretchesInWindow(dataset, p.roles, context)) {
    const { worker } = stretch;
    subjects.add('worker', worker.id);
    const last = stretch.end === null ? window.asOf : Math.min(stretch.end, window.asOf);
    const held = sessionsOf(worker.id).rows;
    const origin = stageOrigin(stretch, p.stageFrom);
    for (let from = Math.max(stretch.start, window.from); addInterval(from, per) - 1 <= last; from = addInterval(from, per)) {
      const to = addInterval(from, per) - 1;
      const required = stageOn(stages, origin, from).minimum;
      if (required === undefined) continue;
      const inPeriod = held.filter((row) => sessions.dateOf(row) >= from && sessions.dateOf(row) <= to);
      const total = inPeriod.reduce((sum, row) => sum + (sessions.durationOf(row) ?? 0), 0);
      if (total >= required) continue;
      // A session with no duration adds nothing, and the sentence says so rather than read as none held.
      const withoutDuration = inPeriod.filter((row) => sessions.durationOf(row) === null).length;
      findings.push({
        status: 'short',
        subject: { kind: 'worker', id: worker.id },
        workerId: worker.id,
        supervisorId: supervisorOn(dataset, worker.id, to)?.supervisorId ?? null,
        team: teamOn(worker, window.asOf),
        dueDate: to,
        lastDate: from,
        daysOverdue: null,
        details: { minutes: total, minimum: required, per: describeInterval(per), ...(withoutDuration > 0 ? { unrecorded: withoutDuration } : {}) },
        source: [...sessions.sourcesOf(inPeriod), periodOn(worker, from)],
      });
    }
  }
  return { subjects: subjects.size };
}

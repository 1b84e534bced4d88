/**
 * agreement: every worker with a named supervisor has a signed supervision agreement with
 * that supervisor, made within the new-relationship period and reviewed at the interval the
 * policy sets.
 *
 * Subject: a worker in post on the audit date with a named supervisor. The relationship starts
 * when the unbroken run of assignments to that supervisor began. An agreement counts when it
 * is with that supervisor and signed after the worker's previous supervisor relationship
 * began: one prepared at the handover counts, one from an earlier spell with the same
 * supervisor does not. Findings: `missing` (none, and the period has passed), `late`
 * (signed after it), and `overdue` when the next review is past due on the audit date.
 *
 * Exports keep only the latest review date of an agreement, so a long gap between a signing
 * and a later review may hide reviews the export cannot show: reviews are judged from the
 * latest known signing or review only, never reported late in the past.
 */
import { z } from 'zod';
import { defineCheck, type CheckFinding } from './check.js';
import { calendarInterval, hasRole, roles } from './params.js';
import { days, overdueBy, since } from './wording.js';
import { formatDay, type Day } from '../time/calendar.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { supervisorOn } from '../model/dataset.js';
import type { SupervisorAssignment } from '../model/records.js';

const params = z
  .object({
    roles: roles.optional(),
    /** How soon an agreement is due after a new supervisor relationship starts. */
    newRelationshipWithin: calendarInterval,
    /**
     * Which relationships' new agreements the rule judges: every one, a worker's first
     * supervisor only, or only a new supervisor taking over (where a policy has a clause for each).
     */
    relationships: z.enum(['all', 'first', 'new-supervisor']).default('all'),
    /** Left out where another rule judges the reviews. */
    reviewEvery: calendarInterval.optional(),
  })
  .strict();

/** The start of the unbroken run of assignments to the same supervisor that ends with `current`. */
function relationshipStart(assignments: readonly SupervisorAssignment[], current: SupervisorAssignment): { start: Day; previousStart: Day | null } {
  let start = current.from;
  const earlier = assignments.filter((a) => a.from < current.from).sort((a, b) => b.from - a.from);
  for (const a of earlier) {
    if (a.supervisorId !== current.supervisorId) return { start, previousStart: a.from };
    if (a.to === null || a.to >= start - 1) start = Math.min(start, a.from);
  }
  return { start, previousStart: null };
}

export const agreement = defineCheck({
  id: 'agreement',
  description: 'Each worker has a signed agreement with their named supervisor, renewed for a new supervisor and reviewed on time.',
  needs: ['workers', 'supervisors', 'agreements'],
  subject: 'worker',
  params,
  messages: {
    missing: (f) => `no supervision agreement with ${f.details['supervisorId']}, named supervisor since ${f.lastDate}: due ${f.dueDate}, ${days(f.daysOverdue)} overdue`,
    late: (f) => `the agreement with ${f.details['supervisorId']} was signed on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate}`,
    overdue: (f) => `the agreement with ${f.details['supervisorId']} has not been reviewed ${since(f, 'signing or review')}: due ${f.dueDate} (every ${f.details['every']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, { window, scope }) {
    let subjects = 0;
    const findings: CheckFinding[] = [];
    for (const worker of dataset.workers) {
      if (worker.start > window.asOf || (worker.end !== null && worker.end < window.asOf)) continue;
      if ((p.roles && !hasRole(worker, p.roles)) || !scope.worker(worker.id)) continue;
      const current = supervisorOn(dataset, worker.id, window.asOf);
      if (!current) continue;
      const { start, previousStart } = relationshipStart(dataset.supervisorsByWorker.get(worker.id) ?? [], current);
      const judgesStart = p.relationships === 'all' || (p.relationships === 'first') === (previousStart === null);
      if (!judgesStart && p.reviewEvery === undefined) continue;
      subjects += 1;
      const agreements = (dataset.agreementsByWorker.get(worker.id) ?? []).filter(
        (a) => a.supervisorId === current.supervisorId && a.signed <= window.asOf && (previousStart === null || a.signed > previousStart),
      );
      const base = {
        subject: { kind: 'worker' as const, id: worker.id },
        workerId: worker.id,
        supervisorId: current.supervisorId,
        team: worker.team,
      };
      const due = addInterval(start, p.newRelationshipWithin);
      const first = agreements[0];
      if (!first) {
        if (judgesStart && window.asOf > due) {
          findings.push({
            ...base,
            status: 'missing',
            dueDate: due,
            lastDate: start,
            daysOverdue: window.asOf - due,
            details: { supervisorId: current.supervisorId },
            source: [current, worker],
          });
        }
        continue;
      }
      if (judgesStart && first.signed > due && first.signed >= window.from) {
        findings.push({
          ...base,
          status: 'late',
          dueDate: due,
          lastDate: start,
          daysOverdue: first.signed - due,
          details: { supervisorId: current.supervisorId, eventDate: formatDay(first.signed) },
          source: [first, current],
        });
      }
      // Reviews: the next is due the review interval after the latest known signing or review.
      if (p.reviewEvery === undefined) continue;
      const latest = agreements.reduce((best, a) => {
        const known = a.reviewed !== null && a.reviewed <= window.asOf ? a.reviewed : a.signed;
        return known > best.day ? { day: known, agreement: a } : best;
      }, { day: first.signed, agreement: first });
      const reviewEvery = p.reviewEvery;
      const reviewDue = addInterval(latest.day, reviewEvery);
      if (window.asOf > reviewDue) {
        findings.push({
          ...base,
          status: 'overdue',
          dueDate: reviewDue,
          lastDate: latest.day,
          daysOverdue: window.asOf - reviewDue,
          details: { what: 'review', anchorKind: 'event', supervisorId: current.supervisorId, every: describeInterval(reviewEvery) },
          source: [latest.agreement],
        });
      }
    }
    return { subjects, findings };
  },
});

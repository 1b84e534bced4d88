/**
 * agreement: every worker with a named supervisor has a signed supervision agreement with
 * that supervisor, made within the new-relationship period and reviewed at the interval the
 * policy sets.
 *
 * Subject: a worker in post on the audit date with a named supervisor. The relationship starts
 * when the unbroken run of assignments to that supervisor began. An agreement counts when it
 * is with that supervisor, signed after the worker's previous supervisor relationship began
 * and no earlier than the new-relationship period before this one began: one prepared at the
 * handover counts, one from an earlier spell with the same supervisor, or from years before
 * the relationship, does not. No review is ever due before the relationship existed. Findings: `missing` (none, and the period has passed), `late` (signed
 * after it).
 *
 * Reviews are a chain (REQUIREMENTS.md, "Timing semantics"): an export holds one row per
 * signing or review, and every signing and review date of the relationship's agreements up to
 * the audit date is an event; each next review is due the review interval after the last.
 * A review that came after its due date is `late` when its gap overlaps the window (both rows
 * are its source), and `overdue` when the next review is past due on the audit date.
 */
import { z } from 'zod';
import { defineCheck, found, offer, tallyOf, type CheckContext, type CheckFinding } from './check.js';
import { calendarInterval, roles } from './params.js';
import { inPostOn, periodOn } from '../model/workers.js';
import { days, overdueBy, since } from './wording.js';
import { formatDay, type Day } from '../time/calendar.js';
import { addInterval, describeInterval, type Interval } from '../time/interval.js';
import { supervisorOn } from '../model/dataset.js';
import type { SourceRef, SupervisionAgreement, SupervisorAssignment } from '../model/records.js';
import { evaluateChain, type OpenDue } from './chain.js';
import { isConflicting } from '../model/supervisor-rows.js';

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

/**
 * The start of the unbroken run of assignments to the same supervisor that ends with `current`.
 * A start on which rows named two supervisors (model/supervisor-rows.ts) names no one: it ends
 * the run, as another supervisor would.
 */
function relationshipStart(assignments: readonly SupervisorAssignment[], current: SupervisorAssignment): { start: Day; previousStart: Day | null } {
  let start = current.from;
  const earlier = assignments.filter((a) => a.from < current.from).sort((a, b) => b.from - a.from);
  for (const a of earlier) {
    if (a.supervisorId !== current.supervisorId || isConflicting(a)) return { start, previousStart: a.from };
    if (a.to === null || a.to >= start - 1) start = Math.min(start, a.from);
  }
  return { start, previousStart: null };
}

/** A signing or review date, and the agreement row that gives it. */
interface ReviewEvent {
  day: Day;
  row: SupervisionAgreement;
}

/** Every signing and review date up to the audit date, in date order (a repeated date once, from its first row). */
function reviewEvents(agreements: readonly SupervisionAgreement[], asOf: Day): ReviewEvent[] {
  const events: ReviewEvent[] = [];
  for (const row of agreements) {
    events.push({ day: row.signed, row });
    if (row.reviewed !== null && row.reviewed <= asOf) events.push({ day: row.reviewed, row });
  }
  events.sort((a, b) => a.day - b.day || a.row.line - b.row.line);
  return events.filter((e, i) => i === 0 || e.day !== events[i - 1]!.day);
}

/** The review chain of a relationship's agreements, from the first signing; its open item, the next review, to `open`. */
function reviewFindings(
  agreements: readonly SupervisionAgreement[],
  every: Interval,
  context: CheckContext,
  base: Pick<CheckFinding, 'subject' | 'workerId' | 'supervisorId' | 'team'>,
  relationshipStart: Day,
  open: (due: OpenDue, rows: readonly SupervisionAgreement[]) => void,
): CheckFinding[] {
  const { window } = context;
  const events = reviewEvents(agreements, window.asOf);
  const rows = events.map((e) => e.row);
  const gaps = evaluateChain(
    // A signing at the handover, days before the relationship, never makes a review due before it began.
    { start: events[0]!.day, end: null, events: events.map((e) => e.day), dueAfter: (anchor) => Math.max(addInterval(anchor, every), relationshipStart) },
    window,
    (due) => open(due, rows),
  );
  return gaps.map((gap) =>
    found(context, gap.status, base.subject, () => {
      // The chain starts at the first signing, itself an event: its anchor is always a signing or review.
      const anchor = gap.anchorIndex === null ? events[0]! : events[gap.anchorIndex]!;
      const late = gap.eventIndex === null ? null : events[gap.eventIndex]!;
      const details = { what: 'review', anchorKind: 'event', supervisorId: base.supervisorId, every: describeInterval(every) };
      return {
        ...base,
        dueDate: gap.dueDate,
        lastDate: gap.lastDate,
        daysOverdue: gap.daysOverdue,
        details: late ? { ...details, eventDate: formatDay(late.day) } : details,
        source: late ? [late.row, ...(late.row === anchor.row ? [] : [anchor.row])] : [anchor.row],
      };
    }),
  );
}

export const agreement = defineCheck({
  id: 'agreement',
  description: 'Each worker has a signed agreement with their named supervisor, renewed for a new supervisor and reviewed on time.',
  needs: ['workers', 'supervisors', 'agreements'],
  subject: 'worker',
  chains: true,
  params,
  messages: {
    missing: (f) => `no supervision agreement with ${f.details['supervisorId']}, named supervisor since ${f.lastDate}: due ${f.dueDate}, ${days(f.daysOverdue)} overdue`,
    late: (f) =>
      f.details['what'] === 'review'
        ? `the agreement with ${f.details['supervisorId']} was reviewed on ${f.details['eventDate']}, ${days(f.daysOverdue)} after the review was due on ${f.dueDate} (every ${f.details['every']} ${since(f, 'signing or review')})`
        : `the agreement with ${f.details['supervisorId']} was signed on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate}`,
    overdue: (f) => `the agreement with ${f.details['supervisorId']} has not been reviewed ${since(f, 'signing or review')}: due ${f.dueDate} (every ${f.details['every']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    for (const worker of dataset.workers) {
      if (!inPostOn(worker, window.asOf)) continue;
      // The worker's row on the audit date says their role and team.
      const row = periodOn(worker, window.asOf);
      if ((p.roles && !p.roles.includes(row.role)) || !scope.worker(worker.id)) continue;
      const current = supervisorOn(dataset, worker.id, window.asOf);
      if (!current) continue;
      const { start, previousStart } = relationshipStart(dataset.supervisorsByWorker.get(worker.id) ?? [], current);
      const judgesStart = p.relationships === 'all' || (p.relationships === 'first') === (previousStart === null);
      if (!judgesStart && p.reviewEvery === undefined) continue;
      subjects.one('worker', worker.id);
      const agreements = (dataset.agreementsByWorker.get(worker.id) ?? []).filter(
        (a) =>
          a.supervisorId === current.supervisorId &&
          a.signed <= window.asOf &&
          (previousStart === null || a.signed > previousStart) &&
          // Signed no earlier than the new-relationship period before the relationship began.
          addInterval(a.signed, p.newRelationshipWithin) >= start,
      );
      const base = {
        subject: { kind: 'worker' as const, id: worker.id },
        workerId: worker.id,
        supervisorId: current.supervisorId,
        team: row.team,
      };
      const due = addInterval(start, p.newRelationshipWithin);
      const first = agreements[0];
      // The relationship with the current supervisor is the subject of what falls due next.
      const item = (what: string, dueDate: number, lastDate: number, source: SourceRef[]): void =>
        offer(context, () => ({ ...base, what, dueDate, lastDate, start, end: current.to, source: [...source, current, row] }));
      if (!first && judgesStart) item(`supervision agreement with ${current.supervisorId}`, due, start, []);
      if (!first) {
        if (judgesStart && window.asOf > due) {
          findings.push(
            found(context, 'missing', base.subject, () => ({
              ...base,
              dueDate: due,
              lastDate: start,
              daysOverdue: window.asOf - due,
              details: { supervisorId: current.supervisorId },
              source: [current, row],
            })),
          );
        }
        continue;
      }
      if (judgesStart && first.signed > due && first.signed >= window.from) {
        findings.push(
          found(context, 'late', base.subject, () => ({
            ...base,
            dueDate: due,
            lastDate: start,
            daysOverdue: first.signed - due,
            details: { supervisorId: current.supervisorId, eventDate: formatDay(first.signed) },
            source: [first, current],
          })),
        );
      }
      if (p.reviewEvery !== undefined) {
        const review = (open: OpenDue, rows: readonly SupervisionAgreement[]): void =>
          item(`supervision agreement review with ${current.supervisorId}`, open.dueDate, open.lastDate, open.anchorIndex === null ? [] : [rows[open.anchorIndex]!]);
        findings.push(...reviewFindings(agreements, p.reviewEvery, context, base, start, review));
      }
    }
    return { subjects: subjects.size };
  },
});

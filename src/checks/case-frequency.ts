/**
 * case-frequency: every case on a plan of the rule's types is discussed in supervision at
 * least as often as its plan, and the plan's circumstances, require.
 *
 * Subject: a case during each unbroken stretch of days on which it has a plan of the rule's
 * types (episodes that touch or overlap are one stretch: a change of plan restarts no clock),
 * judged as one chain; with `allocated`, only the days of such a stretch on which the case is
 * allocated (to a worker of the given roles). Events: held case discussions of the counted
 * kinds (supervision by default). The interval is the one in force on the anchor date: that of
 * the first `when` that fits the plan in force that day (its plan type is listed, and it has
 * the flags given), else `every`. A finding names the worker allocated on the due date.
 */
import { z } from 'zod';
import { chainFinding, chainOpenItem } from './chain-finding.js';
import { defineCheck, found, offer, tallyOf } from './check.js';
import { allocatedParts, caseStretchesOf, heldDiscussionsOf, holderOn, planOn, type CaseStretch } from './case-episodes.js';
import { calendarInterval, discussionKinds, roles } from './params.js';
import { days, dueEvery, overdueBy, since } from './wording.js';
import { activeInWindow, evaluateChain } from './chain.js';
import type { Day } from '../time/calendar.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { PLAN_TYPES, type PlanEpisode, type SourceRef } from '../model/records.js';

const flags = z
  .object({
    permanence: z.boolean().optional(),
    stablePlacement: z.boolean().optional(),
    disabilityOnly: z.boolean().optional(),
    longTermPlacement: z.boolean().optional(),
  })
  .strict();

const params = z
  .object({
    plans: z.array(z.enum(PLAN_TYPES)).min(1),
    every: calendarInterval,
    /** Other intervals for some plan types or flags; the first that fits is used. */
    when: z
      .array(
        z
          .object({ plans: z.array(z.enum(PLAN_TYPES)).min(1).optional(), flags: flags.optional(), every: calendarInterval })
          .strict()
          .refine((w) => w.plans !== undefined || w.flags !== undefined, { message: 'a "when" needs plans, flags or both' }),
      )
      .default([]),
    counts: discussionKinds.default(['supervision']),
    /**
     * Judge a case only on the days it is allocated ("every case allocated to a social worker"),
     * to a worker of one of these roles on the day where given (`allocated: { roles: [...] }`).
     */
    allocated: z.union([z.boolean(), z.object({ roles }).strict()]).default(false),
  })
  .strict();

type Params = z.output<typeof params>;
type Flag = keyof PlanEpisode['flags'];

/** Each `when` of a rule with its flags as pairs, made once per rule: every month's run asks for the interval of every case. */
const flagsOfVariants = new WeakMap<Params, ReadonlyArray<ReadonlyArray<readonly [Flag, boolean | undefined]>>>();

function intervalFor(p: Params, episode: PlanEpisode): Params['every'] {
  if (p.when.length === 0) return p.every;
  let flags = flagsOfVariants.get(p);
  if (flags === undefined) flagsOfVariants.set(p, (flags = p.when.map((w) => Object.entries(w.flags ?? {}) as Array<[Flag, boolean | undefined]>)));
  for (let i = 0; i < p.when.length; i++) {
    const w = p.when[i]!;
    if ((w.plans === undefined || w.plans.includes(episode.type)) && hasFlags(episode, flags[i]!)) return w.every;
  }
  return p.every;
}

function hasFlags(episode: PlanEpisode, flags: ReadonlyArray<readonly [Flag, boolean | undefined]>): boolean {
  for (const [flag, wanted] of flags) if (episode.flags[flag] !== wanted) return false;
  return true;
}

export const caseFrequency = defineCheck({
  id: 'case-frequency',
  description: 'Every case is discussed in supervision at least as often as its plan requires.',
  // Judged only while allocated, a case with no allocations export would seem never due: not run, never compliant.
  needs: (p) => (p.allocated === false ? ['plans', 'case-discussions'] : p.allocated === true ? ['plans', 'case-discussions', 'allocations'] : ['plans', 'case-discussions', 'allocations', 'workers']),
  subject: 'case',
  chains: true,
  params,
  messages: {
    late: (f) =>
      `${f.details['plan']} case discussed on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate} (every ${f.details['every']} ${since(f, 'discussion')})`,
    overdue: (f) => `${f.details['plan']} case not discussed ${since(f, 'discussion')}: due ${f.dueDate} (every ${f.details['every']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const discussionsOf = heldDiscussionsOf(dataset, p.counts);
    const allocatedRoles = typeof p.allocated === 'boolean' ? undefined : p.allocated.roles;
    // A case is one subject however many of its stretches are judged; they come together (caseStretchesOf).
    let counted: string | null = null;
    for (const whole of caseStretchesOf(dataset, p.plans)) {
      if (!activeInWindow(whole.start, whole.end, window) || !scope.case(whole.caseId)) continue;
      if (p.allocated === false) judge(whole);
      else for (const stretch of allocatedParts(dataset, whole, allocatedRoles)) if (activeInWindow(stretch.start, stretch.end, window)) judge(stretch);
    }
    return { subjects: subjects.size };

    function judge(stretch: CaseStretch): void {
      const { caseId, start, end } = stretch;
      if (caseId !== counted) subjects.one('case', (counted = caseId));
      // Most cases have one episode in a stretch: its interval holds on every anchor date.
      const single = stretch.episodes.length === 1 ? intervalFor(p, stretch.episodes[0]!.episode) : null;
      const held = discussionsOf(caseId);
      const subject = { kind: 'case', id: caseId } as const;
      const gaps = evaluateChain(
        { start, end, events: held.dates, dueAfter: single !== null ? dueAfterEvery(single) : (a) => addInterval(a, intervalFor(p, planOn(stretch, a))) },
        window,
        context.open === undefined
          ? undefined
          : (due) =>
              offer(context, () =>
                chainOpenItem(due, dataset.discussions.citing(held.rows), {
                  subject,
                  ...holderOn(dataset, caseId, window.asOf, window.asOf),
                  what: dueEvery(intervalOn(p, stretch, single, due.lastDate), `case discussion for case ${caseId}`),
                  start,
                  end,
                  source: plansCited(stretch, due.lastDate, due.dueDate),
                }),
              ),
      );
      for (const gap of gaps) {
        findings.push(
          found(context, gap.status, subject, () =>
            chainFinding(gap, dataset.discussions.citing(held.rows), {
              subject,
              ...holderOn(dataset, caseId, gap.dueDate, window.asOf),
              end,
              window,
              details: { plan: planOn(stretch, gap.lastDate).type, every: describeInterval(intervalOn(p, stretch, single, gap.lastDate)) },
              source: plansCited(stretch, gap.lastDate, gap.dueDate),
            }),
          ),
        );
      }
    }
  },
});

/** The interval in force on an anchor date: that of the stretch's one plan (`single`), or of the plan in force then. */
function intervalOn(p: Params, stretch: CaseStretch, single: Params['every'] | null, anchor: Day): Params['every'] {
  return single ?? intervalFor(p, planOn(stretch, anchor));
}

/** The due date after an anchor, for each interval of a rule: one function each, not one per case and month. */
const dueAfterOf = new WeakMap<Params['every'], (anchor: Day) => Day>();

function dueAfterEvery(every: Params['every']): (anchor: Day) => Day {
  let dueAfter = dueAfterOf.get(every);
  if (dueAfter === undefined) dueAfterOf.set(every, (dueAfter = (anchor) => addInterval(anchor, every)));
  return dueAfter;
}

/** The plan rows a finding rests on: the one in force on the anchor date (it sets the interval), then the one in force on the due date where that is another. */
function plansCited(stretch: CaseStretch, anchor: Day, due: Day): SourceRef[] {
  const set = planOn(stretch, anchor);
  const then = planOn(stretch, due);
  return then === set ? [set] : [set, then];
}

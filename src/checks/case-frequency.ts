/**
 * case-frequency: every case on a plan of the rule's types is discussed in supervision at
 * least as often as its plan, and the plan's circumstances, require.
 *
 * Subject: a case during each episode of the rule's plan types (episode start = subject start,
 * episode end or case closure = subject end). Events: held case discussions of the counted
 * kinds (supervision by default). The interval is that of the first `when` that fits the
 * episode (its plan type is listed, and it has the flags given), else `every`. A finding
 * names the worker allocated on the due date.
 */
import { z } from 'zod';
import { chainFinding, chainOpenItem } from './chain-finding.js';
import { countedFinding, defineCheck, tallyOf, type CheckFinding } from './check.js';
import { episodesOf, heldDiscussionsOf, holderOn } from './case-episodes.js';
import { calendarInterval, discussionKinds } from './params.js';
import { days, dueEvery, overdueBy, since } from './wording.js';
import { activeInWindow, evaluateChain } from './chain.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { PLAN_TYPES, type PlanEpisode } from '../model/records.js';

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
  })
  .strict();

type Params = z.output<typeof params>;

function intervalFor(p: Params, episode: PlanEpisode) {
  const variant = p.when.find(
    (w) =>
      (w.plans === undefined || w.plans.includes(episode.type)) &&
      Object.entries(w.flags ?? {}).every(([flag, wanted]) => episode.flags[flag as keyof PlanEpisode['flags']] === wanted),
  );
  return variant?.every ?? p.every;
}

export const caseFrequency = defineCheck({
  id: 'case-frequency',
  description: 'Every case is discussed in supervision at least as often as its plan requires.',
  needs: ['plans', 'case-discussions'],
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
    const findings: CheckFinding[] = [];
    const discussionsOf = heldDiscussionsOf(dataset, p.counts);
    for (const { episode, end } of episodesOf(dataset, p.plans)) {
      if (!activeInWindow(episode.from, end, window) || !scope.case(episode.caseId)) continue;
      subjects.add('case', episode.caseId);
      const every = intervalFor(p, episode);
      const { items: discussions, dates } = discussionsOf(episode.caseId);
      const gaps = evaluateChain(
        { start: episode.from, end, events: dates, dueAfter: (a) => addInterval(a, every) },
        window,
        context.open &&
          ((due) =>
            context.open!(
              chainOpenItem(due, discussions, {
                subject: { kind: 'case', id: episode.caseId },
                ...holderOn(dataset, episode.caseId, window.asOf, window.asOf),
                what: dueEvery(every, `case discussion for case ${episode.caseId}`),
                start: episode.from,
                end,
                source: [episode],
              }),
            )),
      );
      for (const gap of gaps) {
        if (context.counting) {
          findings.push(countedFinding(gap.status, { kind: 'case', id: episode.caseId }));
          continue;
        }
        findings.push(
          chainFinding(gap, discussions, {
            subject: { kind: 'case', id: episode.caseId },
            ...holderOn(dataset, episode.caseId, gap.dueDate, window.asOf),
            end,
            window,
            details: { plan: episode.type, every: describeInterval(every) },
            source: [episode],
          }),
        );
      }
    }
    return { subjects: subjects.size, findings };
  },
});

/**
 * case-file-audit: every open case's file is audited by a manager at least as often as the
 * policy sets (Portsmouth: a minimum annual review, audited with the agreed tool).
 *
 * Subject: a case while it is open on a plan of the rule's types: from the start of its first
 * such episode to the end of its last (successive or overlapping episodes make one period;
 * a gap between them ends one and starts another). Events: the case file audits of the case.
 * The chain of due dates is that of "Timing semantics". Findings: `late`, `overdue`, naming
 * the worker allocated on the due date.
 */
import { z } from 'zod';
import { chainFinding, chainOpenItem } from './chain-finding.js';
import { countedFinding, defineCheck, tallyOf, type CheckFinding } from './check.js';
import { episodesOf, holderOn } from './case-episodes.js';
import { calendarInterval } from './params.js';
import { days, dueEvery, overdueBy, since } from './wording.js';
import { activeInWindow, evaluateChain } from './chain.js';
import type { Day } from '../time/calendar.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { PLAN_TYPES, type SourceRef } from '../model/records.js';

const params = z
  .object({
    plans: z.array(z.enum(PLAN_TYPES)).min(1),
    every: calendarInterval,
  })
  .strict();

interface OpenPeriod {
  from: Day;
  to: Day | null;
  source: SourceRef;
}

export const caseFileAudit = defineCheck({
  id: 'case-file-audit',
  description: 'Every open case file is audited at least as often as the policy sets.',
  needs: ['plans', 'case-file-audits'],
  subject: 'case',
  chains: true,
  params,
  messages: {
    late: (f) => `case file audited on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate} (every ${f.details['every']} ${since(f, 'audit')})`,
    overdue: (f) => `case file not audited ${since(f, 'audit')}: due ${f.dueDate} (every ${f.details['every']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    // The periods each case is open on the rule's plans.
    const periods = new Map<string, OpenPeriod[]>();
    for (const { episode, end } of episodesOf(dataset, p.plans)) {
      const list = periods.get(episode.caseId) ?? [];
      list.push({ from: episode.from, to: end, source: episode });
      periods.set(episode.caseId, list);
    }
    const subjects = tallyOf(context);
    const findings: CheckFinding[] = [];
    for (const [caseId, episodes] of periods) {
      if (!scope.case(caseId)) continue;
      const audits = dataset.fileAuditsByCase.get(caseId) ?? [];
      for (const period of merged(episodes)) {
        if (!activeInWindow(period.from, period.to, window)) continue;
        subjects.add('case', caseId);
        const gaps = evaluateChain(
          { start: period.from, end: period.to, events: audits.map((a) => a.date), dueAfter: (a) => addInterval(a, p.every) },
          window,
          context.open &&
            ((due) =>
              context.open!(
                chainOpenItem(due, audits, {
                  subject: { kind: 'case', id: caseId },
                  ...holderOn(dataset, caseId, window.asOf, window.asOf),
                  what: dueEvery(p.every, `case file audit for case ${caseId}`),
                  start: period.from,
                  end: period.to,
                  source: [period.source],
                }),
              )),
        );
        for (const gap of gaps) {
          if (context.counting) {
            findings.push(countedFinding(gap.status, { kind: 'case', id: caseId }));
            continue;
          }
          findings.push(
            chainFinding(gap, audits, {
              subject: { kind: 'case', id: caseId },
              ...holderOn(dataset, caseId, Math.min(gap.dueDate, period.to ?? gap.dueDate), window.asOf),
              end: period.to,
              window,
              details: { every: describeInterval(p.every) },
              source: [period.source],
            }),
          );
        }
      }
    }
    return { subjects: subjects.size, findings };
  },
});

/** Episodes that overlap or follow on the next day make one open period. */
function merged(episodes: OpenPeriod[]): OpenPeriod[] {
  const sorted = [...episodes].sort((a, b) => a.from - b.from);
  const out: OpenPeriod[] = [];
  for (const e of sorted) {
    const last = out.at(-1);
    if (last && (last.to === null || e.from <= last.to + 1)) {
      last.to = last.to === null || e.to === null ? null : Math.max(last.to, e.to);
    } else {
      out.push({ ...e });
    }
  }
  return out;
}

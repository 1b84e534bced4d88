/**
 * case-file-audit: every open case's file is audited by a manager at least as often as the
 * policy sets (Portsmouth: a minimum annual review, audited with the agreed tool).
 *
 * Subject: a case during each unbroken stretch of days on which it has a plan of the rule's
 * types, as case-frequency judges it (episodes that touch or overlap make one stretch; a day
 * with none ends it). Events: the case file audits of the case.
 * The chain of due dates is that of "Timing semantics". Findings: `late`, `overdue`, naming
 * the worker allocated on the due date.
 */
import { z } from 'zod';
import { chainFinding, chainOpenItem } from './chain-finding.js';
import { defineCheck, found, offer, tallyOf } from './check.js';
import { caseStretchesOf, holderOn } from './case-episodes.js';
import { calendarInterval } from './params.js';
import { days, dueEvery, overdueBy, since } from './wording.js';
import { activeInWindow, evaluateChain } from './chain.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { PLAN_TYPES } from '../model/records.js';

const params = z
  .object({
    plans: z.array(z.enum(PLAN_TYPES)).min(1),
    every: calendarInterval,
  })
  .strict();

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
    const subjects = tallyOf(context);
    const { findings } = context;
    for (const stretch of caseStretchesOf(dataset, p.plans)) {
      const { caseId, start, end } = stretch;
      if (!activeInWindow(start, end, window) || !scope.case(caseId)) continue;
      subjects.add('case', caseId);
      const subject = { kind: 'case', id: caseId } as const;
      const audits = dataset.fileAuditsByCase.get(caseId) ?? [];
      const gaps = evaluateChain(
        { start, end, events: audits.map((a) => a.date), dueAfter: (a) => addInterval(a, p.every) },
        window,
        (due) =>
          offer(context, () =>
            chainOpenItem(due, audits, {
              subject,
              ...holderOn(dataset, caseId, window.asOf, window.asOf),
              what: dueEvery(p.every, `case file audit for case ${caseId}`),
              start,
              end,
              source: [stretch.episodes[0]!.episode],
            }),
          ),
      );
      for (const gap of gaps) {
        findings.push(
          found(context, gap.status, subject, () =>
            chainFinding(gap, audits, {
              subject,
              ...holderOn(dataset, caseId, Math.min(gap.dueDate, end ?? gap.dueDate), window.asOf),
              end,
              window,
              details: { every: describeInterval(p.every) },
              source: [stretch.episodes[0]!.episode],
            }),
          ),
        );
      }
    }
    return { subjects: subjects.size };
  },
});

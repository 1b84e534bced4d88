/**
 * topics-coverage: over time, supervision covers every topic the policy lists, each at least
 * as often as it says (Portsmouth: seven topics, each at least quarterly).
 *
 * Subject: a worker of the rule's roles in post at some time in the window, each stretch in
 * those roles judged on its own (REQUIREMENTS.md, "Workers over time"). For each topic,
 * a chain of due dates (REQUIREMENTS.md, "Timing semantics") whose events are the held
 * sessions of the counted kinds that record the topic. Findings: `late` and `overdue`, one
 * per topic and gap, naming the topic.
 */
import { z } from 'zod';
import { workerChainFinding, workerOpenItem } from './chain-finding.js';
import { defineCheck, found, offer, tallyOf } from './check.js';
import { rememberedRows, type HeldRows } from './held.js';
import { calendarInterval, heldSessionsOf, roles, sessionKinds, stretchesInWindow } from './params.js';
import { days, overdueBy, since } from './wording.js';
import { evaluateChain } from './chain.js';
import { addInterval, describeInterval } from '../time/interval.js';
import { supervisorOn, type Dataset } from '../model/dataset.js';
import type { SessionKind } from '../model/records.js';

const params = z
  .object({
    roles,
    counts: sessionKinds.default(['planned']),
    /** Topic codes (as the adapters map them), each with the words the report uses for it. */
    topics: z.record(z.string().min(1), z.string().min(1)).refine((t) => Object.keys(t).length > 0, { message: 'name at least one topic' }),
    every: calendarInterval,
  })
  .strict();

export const topicsCoverage = defineCheck({
  id: 'topics-coverage',
  description: 'Supervision covers every topic the policy lists, each at least as often as it says.',
  needs: ['workers', 'sessions'],
  needsFields: () => [['sessions', 'topics']],
  subject: 'worker',
  chains: true,
  params,
  messages: {
    late: (f) => `${f.details['topic']} covered on ${f.details['eventDate']}, ${days(f.daysOverdue)} after it was due on ${f.dueDate} (every ${f.details['every']} ${since(f, 'time')})`,
    overdue: (f) => `${f.details['topic']} not covered ${since(f, 'time')}: due ${f.dueDate} (every ${f.details['every']}), ${overdueBy(f)}`,
  },
  evaluate(dataset, p, context) {
    const { window } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const { sessions } = dataset;
    const topics = Object.entries(p.topics).map(([code, words]) => ({ code, words, coveringOf: coveringSessionsOf(dataset, p.counts, code) }));
    for (const stretch of stretchesInWindow(dataset, p.roles, context)) {
      const { worker } = stretch;
      subjects.add('worker', worker.id);
      for (const { code, words, coveringOf } of topics) {
        const covered = coveringOf(worker.id);
        const gaps = evaluateChain(
          { start: stretch.start, end: stretch.end, events: covered.dates, dueAfter: (a) => addInterval(a, p.every) },
          window,
          (due) => offer(context, () => workerOpenItem(due, sessions.citing(covered.rows), stretch, { dataset, window, what: `${words} in supervision`, part: `topic ${code}` })),
        );
        for (const gap of gaps) {
          findings.push(
            found(context, gap.status, { kind: 'worker', id: worker.id }, () => ({
              ...workerChainFinding(gap, sessions.citing(covered.rows), stretch, {
                supervisorId: supervisorOn(dataset, worker.id, gap.dueDate)?.supervisorId ?? null,
                window,
                details: { topic: words, every: describeInterval(p.every) },
              }),
              part: `topic ${code}`,
            })),
          );
        }
      }
    }
    return { subjects: subjects.size };
  },
});

/**
 * A worker's held sessions of the counted kinds that record a topic (rows, and their dates), found
 * when first asked for and kept for the rest of the audit: each month's audit asks again.
 */
function coveringSessionsOf(dataset: Dataset, counts: readonly SessionKind[], code: string): (workerId: string) => HeldRows {
  const sessionsOf = heldSessionsOf(dataset, counts);
  const { sessions } = dataset;
  return rememberedRows(dataset, `held sessions of worker covering topic\u0000${code}\u0000`, counts, sessions, (workerId) =>
    sessionsOf(workerId).rows.filter((row) => sessions.topicsOf(row).includes(code)),
  );
}

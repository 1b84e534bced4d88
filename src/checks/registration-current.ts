/**
 * registration-current: every registered worker holds a current professional registration on
 * every day in post (Social Work England for social workers, the HCPC for occupational
 * therapists).
 *
 * Subject: a worker of the rule's roles, of a profession the rule names, in post at some time
 * in the window; only the days in post in those roles and professions count (REQUIREMENTS.md,
 * "Workers over time"). Each registration covers its date to its last valid day. `lapsed` for
 * each stretch of such days, inside the window and up to the audit date, that none covers (its
 * due date the first such day); `missing` when none covers any of them.
 */
import { z } from 'zod';
import { defineCheck, found, offer, tallyOf, type CheckFinding } from './check.js';
import { roles } from './params.js';
import { lastCovered, recordWords, registrationsByProfession, staffRecordsOf, uncovered } from './staff-records.js';
import { activeInWindow } from './chain.js';
import { formatDay } from '../time/calendar.js';
import { supervisorOn } from '../model/dataset.js';
import type { StaffRecordType, WorkerPeriod } from '../model/records.js';
import { periodOn, stretchesOf, teamOn, type Stretch } from '../model/workers.js';
import { memo } from './held.js';

const params = z.object({ roles, registrations: registrationsByProfession }).strict();

export const registrationCurrent = defineCheck({
  id: 'registration-current',
  description: 'Every registered worker holds a current professional registration on every day in post.',
  needs: ['workers', 'staff-records'],
  subject: 'worker',
  chains: true,
  params,
  messages: {
    lapsed: (f) => `${f.details['what']} lapsed from ${f.dueDate} to ${f.details['to']} (${f.daysOverdue} day${f.daysOverdue === 1 ? '' : 's'})${f.details['renewed'] ? `; renewed on ${f.details['renewed']}` : ''}`,
    missing: (f) => `no ${f.details['what']} on record for any day in post from ${f.details['from']} to ${f.details['to']}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const typesOf = (period: WorkerPeriod) => p.registrations[period.profession] as StaffRecordType[] | undefined;
    // A stretch is of the rule's roles and of one profession it names, which says the register.
    const applies = (period: WorkerPeriod): boolean => p.roles.includes(period.role) && typesOf(period) !== undefined;
    const sameRegister = (a: WorkerPeriod, b: WorkerPeriod): boolean => a.profession === b.profession;
    // Each worker's stretches and each register's records are the same in every month's audit: worked out once.
    const stretchesOfWorker = memo(dataset, `registered stretches ${JSON.stringify([p.roles, p.registrations])}`, () => new Map<string, Stretch[]>());
    const recordsOfRegister = new Map<readonly StaffRecordType[], ReturnType<typeof staffRecordsOf>>(Object.values(p.registrations).map((types) => [types, staffRecordsOf(dataset, types)]));
    for (const worker of dataset.workers) {
      if (!scope.worker(worker.id)) continue;
      let stretches = stretchesOfWorker.get(worker.id);
      if (!stretches) stretchesOfWorker.set(worker.id, (stretches = stretchesOf(worker, applies, sameRegister)));
      // Days in post inside the window, up to the audit date, stretch by stretch; a last day in post is a day in post.
      const spans = stretches
        .filter((s) => activeInWindow(s.start, s.end, window))
        .map((s) => {
          const from = Math.max(s.start, window.from);
          const to = s.end === null ? window.asOf : Math.min(s.end, window.asOf);
          const types = typesOf(s.periods[0]!)!;
          const registrations = recordsOfRegister.get(types)!(worker.id).items;
          return { stretch: s, from, to, types, registrations, row: periodOn(worker, from), gaps: uncovered(registrations, from, to) };
        });
      if (spans.length === 0) continue;
      subjects.add('worker', worker.id);
      const team = teamOn(worker, window.asOf);
      const now = spans.at(-1)!;
      if (now.to === window.asOf) {
        // What falls due next: the renewal of the registration that covers the audit date, by the last day covered; or,
        // where none covers it, the lapse itself, due on the last day covered before it (REQUIREMENTS.md, "What falls due next").
        offer(context, () => {
          const lapse = now.gaps.at(-1);
          const lapsed = lapse !== undefined && lapse.to === window.asOf;
          const covering = lapsed ? null : lastCovered(now.registrations, window.asOf);
          return {
          subject: { kind: 'worker', id: worker.id },
          workerId: worker.id,
          supervisorId: supervisorOn(dataset, worker.id, window.asOf)?.supervisorId ?? null,
          team,
          what: `${recordWords(now.types)} renewal`,
          dueDate: lapsed ? lapse.from - 1 : covering!.until,
          lastDate: lapsed ? (lapse.before?.date ?? null) : covering!.from.date,
          start: now.stretch.start,
          end: now.stretch.end,
          source: [lapsed ? lapse.before : covering!.from, periodOn(worker, window.asOf)].filter((s) => s !== null),
          };
        });
      }
      const finding = (status: 'lapsed' | 'missing', supervisorOnDay: number, parts: () => Pick<CheckFinding, 'dueDate' | 'lastDate' | 'daysOverdue' | 'details' | 'source'>): CheckFinding =>
        found(context, status, { kind: 'worker', id: worker.id }, () => ({ workerId: worker.id, supervisorId: supervisorOn(dataset, worker.id, supervisorOnDay)?.supervisorId ?? null, team, ...parts() }));
      if (spans.every(({ from, to, gaps }) => gaps.length === 1 && gaps[0]!.from === from && gaps[0]!.to === to)) {
        const [first, last] = [spans[0]!, spans.at(-1)!];
        const what = recordWords([...new Set(spans.flatMap((s) => s.types))]);
        findings.push(finding('missing', last.to, () => ({ dueDate: null, lastDate: null, daysOverdue: null, details: { what, from: formatDay(first.from), to: formatDay(last.to) }, source: [first.row] })));
        continue;
      }
      for (const { types, row, gaps } of spans) {
        const what = recordWords(types);
        for (const gap of gaps) {
          findings.push(
            finding('lapsed', gap.from, () => ({
              dueDate: gap.from,
              lastDate: gap.before?.validUntil ?? null,
              daysOverdue: gap.to - gap.from + 1,
              details: { what, to: formatDay(gap.to), renewed: gap.after === null ? null : formatDay(gap.after.date) },
              source: [gap.after, gap.before, row].filter((s) => s !== null),
            })),
          );
        }
      }
    }
    return { subjects: subjects.size };
  },
});

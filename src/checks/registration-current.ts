/**
 * registration-current: every registered worker holds a current professional registration on
 * every day in post (Social Work England for social workers, the HCPC for occupational
 * therapists).
 *
 * Subject: a worker of the rule's roles, of a profession the rule names, in post at some time
 * in the window. Each registration covers its date to its last valid day. `lapsed` for each
 * stretch of days in post, inside the window and up to the audit date, that none covers (its
 * due date the first such day); `missing` when none covers any of them.
 */
import { z } from 'zod';
import { countedFinding, defineCheck, tallyOf, type CheckFinding } from './check.js';
import { roles } from './params.js';
import { recordsOf, recordWords, registrationsByProfession, uncovered } from './staff-records.js';
import { activeInWindow } from './chain.js';
import { formatDay } from '../time/calendar.js';
import { supervisorOn } from '../model/dataset.js';
import type { StaffRecordType } from '../model/records.js';

const params = z.object({ roles, registrations: registrationsByProfession }).strict();

export const registrationCurrent = defineCheck({
  id: 'registration-current',
  description: 'Every registered worker holds a current professional registration on every day in post.',
  needs: ['workers', 'staff-records'],
  subject: 'worker',
  params,
  messages: {
    lapsed: (f) => `${f.details['what']} lapsed from ${f.dueDate} to ${f.details['to']} (${f.daysOverdue} day${f.daysOverdue === 1 ? '' : 's'})${f.details['renewed'] ? `; renewed on ${f.details['renewed']}` : ''}`,
    missing: (f) => `no ${f.details['what']} on record for any day in post from ${f.details['from']} to ${f.details['to']}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const findings: CheckFinding[] = [];
    for (const worker of dataset.workers) {
      const types = p.registrations[worker.profession] as StaffRecordType[] | undefined;
      if (!types || !p.roles.includes(worker.role) || !scope.worker(worker.id) || !activeInWindow(worker.start, worker.end, window)) continue;
      subjects.add('worker', worker.id);
      // Days in post inside the window, up to the audit date; a worker's last day is a day in post.
      const from = Math.max(worker.start, window.from);
      const to = worker.end === null ? window.asOf : Math.min(worker.end, window.asOf);
      const registrations = recordsOf(dataset, worker.id, types);
      const gaps = uncovered(registrations, from, to);
      const what = recordWords(types);
      const finding = (status: 'lapsed' | 'missing', supervisorOnDay: number, parts: Pick<CheckFinding, 'dueDate' | 'lastDate' | 'daysOverdue' | 'details' | 'source'>): CheckFinding =>
        context.counting
          ? countedFinding(status, { kind: 'worker', id: worker.id })
          : { status, subject: { kind: 'worker', id: worker.id }, workerId: worker.id, supervisorId: supervisorOn(dataset, worker.id, supervisorOnDay)?.supervisorId ?? null, team: worker.team, ...parts };
      if (gaps.length === 1 && gaps[0]!.from === from && gaps[0]!.to === to) {
        findings.push(finding('missing', to, { dueDate: null, lastDate: null, daysOverdue: null, details: { what, from: formatDay(from), to: formatDay(to) }, source: [worker] }));
        continue;
      }
      for (const gap of gaps) {
        findings.push(
          finding('lapsed', gap.from, {
            dueDate: gap.from,
            lastDate: gap.before?.validUntil ?? null,
            daysOverdue: gap.to - gap.from + 1,
            details: { what, to: formatDay(gap.to), renewed: gap.after === null ? null : formatDay(gap.after.date) },
            source: [gap.after, gap.before, worker].filter((s) => s !== null),
          }),
        );
      }
    }
    return { subjects: subjects.size, findings };
  },
});

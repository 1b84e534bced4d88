/**
 * sign-off: the record of each supervision (or case discussion) is signed by the parties the
 * policy names, within the time it allows.
 *
 * Subject: a held session (or case discussion) of the rule's kinds dated in the window. For
 * each party: `late` when signed after the deadline (the end of the day N days or working
 * days after the supervision); `unsigned` when there is no signature and the deadline had
 * passed before the audit date. Where the supervisee answers whether they agree (AzeusCare),
 * an answer that they do not agree is `disagreed`. A signature after the audit date is not
 * known on it.
 */
import { z } from 'zod';
import { defineCheck, tallyOf, type CheckFinding } from './check.js';
import { discussionKinds, recordChoice, recordsOfRule, sessionKinds } from './params.js';
import { days } from './wording.js';
import { endOfLondonDay, formatDay, londonDay, type Instant } from '../time/calendar.js';
import { addInterval, describeInterval, intervalSchema } from '../time/interval.js';
import type { SourceRef } from '../model/records.js';

const PARTIES = ['supervisor', 'supervisee'] as const;
type Party = (typeof PARTIES)[number];

const params = z
  .object({
    records: recordChoice,
    sessionKinds: sessionKinds.default(['planned']),
    discussionKinds: discussionKinds.default(['supervision']),
    parties: z.array(z.enum(PARTIES)).min(1),
    within: intervalSchema('days', 'working-days'),
  })
  .strict();

interface Signable extends SourceRef {
  id: string;
  workerId: string;
  supervisorId: string | null;
  date: number;
  supervisorSignedAt: Instant | null;
  superviseeSignedAt: Instant | null;
  superviseeDisagreed?: boolean;
}

export const signOff = defineCheck({
  id: 'sign-off',
  description: 'Each supervision record is signed by the parties the policy names, in time.',
  needs: (p) => p.records,
  needsFields: (p) => p.records.flatMap((kind) => p.parties.map((party) => [kind, party === 'supervisor' ? 'supervisorSignedAt' : 'superviseeSignedAt'] as const)),
  subject: 'session',
  params,
  messages: {
    late: (f) => `the ${f.details['what']} on ${f.details['date']} was signed by the ${f.details['party']} ${days(f.daysOverdue)} after the deadline of ${f.dueDate} (within ${f.details['within']})`,
    unsigned: (f) => `the ${f.details['what']} on ${f.details['date']} is not signed by the ${f.details['party']}: due by ${f.dueDate} (within ${f.details['within']}), ${days(f.daysOverdue)} overdue`,
    disagreed: (f) => `the supervisee recorded that they do not agree with the record of the ${f.details['what']} on ${f.details['date']}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const findings: CheckFinding[] = [];
    const endOfAuditDate = endOfLondonDay(window.asOf);
    const inspect = (item: Signable, kind: 'session' | 'case-discussion', what: string): void => {
      if (item.date < window.from || item.date > window.asOf || !scope.worker(item.workerId)) return;
      subjects.one(kind, item.id, item.workerId);
      const dueDay = addInterval(item.date, p.within);
      const base = {
        subject: { kind, id: item.id },
        workerId: item.workerId,
        supervisorId: item.supervisorId,
        team: dataset.workerById.get(item.workerId)?.team ?? null,
        dueDate: dueDay,
        lastDate: item.date,
        source: [item],
      };
      for (const party of p.parties as Party[]) {
        const details = { what, party, date: formatDay(item.date), within: describeInterval(p.within) };
        if (party === 'supervisee' && item.superviseeDisagreed) {
          findings.push({ ...base, status: 'disagreed', dueDate: null, daysOverdue: null, details, part: party });
          continue;
        }
        const at = party === 'supervisor' ? item.supervisorSignedAt : item.superviseeSignedAt;
        const signedAt = at !== null && at <= endOfAuditDate ? at : null;
        if (signedAt !== null) {
          const signedDay = londonDay(signedAt);
          if (signedDay > dueDay) findings.push({ ...base, status: 'late', daysOverdue: signedDay - dueDay, details, part: party });
        } else if (window.asOf > dueDay) {
          findings.push({ ...base, status: 'unsigned', daysOverdue: window.asOf - dueDay, details, part: party });
        }
      }
    };
    for (const { item, kind, what } of recordsOfRule(dataset, p, ['held'], window)) inspect(item, kind, what);
    return { subjects: subjects.size, findings };
  },
});

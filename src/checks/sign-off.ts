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
import { teamOfWorkerOn } from '../model/dataset.js';
import { defineCheck, found, tallyOf } from './check.js';
import { discussionKinds, recordChoice, forEachRecordOfRule, recordWords, sessionKinds, type RecordRows } from './params.js';
import { days } from './wording.js';
import { endOfLondonDay, formatDay, londonDay } from '../time/calendar.js';
import { addInterval, describeInterval, intervalSchema } from '../time/interval.js';

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
    const { window } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const endOfAuditDate = endOfLondonDay(window.asOf);
    const within = describeInterval(p.within);
    const inspect = (records: RecordRows, row: number, kind: 'session' | 'case-discussion'): void => {
      const date = records.dateOf(row);
      const workerId = records.workerIdOf(row);
      const id = records.idOf(row);
      subjects.one(kind, id, workerId, date);
      const dueDay = addInterval(date, p.within);
      // Most records are signed in time: a finding's parts are made only for one.
      const report = (party: Party, status: string, daysOverdue: number | null): void => {
        findings.push(
          found(context, status, { kind, id }, () => ({
            workerId,
            supervisorId: records.supervisorIdOf(row),
            team: teamOfWorkerOn(dataset, workerId, date),
            dueDate: status === 'disagreed' ? null : dueDay,
            lastDate: date,
            daysOverdue,
            details: { what: recordWords(records, row), party, date: formatDay(date), within },
            part: party,
            source: [records.sourceOf(row)],
          })),
        );
      };
      for (const party of p.parties as Party[]) {
        if (party === 'supervisee' && records.superviseeDisagreedOf(row)) {
          report(party, 'disagreed', null);
          continue;
        }
        const at = party === 'supervisor' ? records.supervisorSignedAtOf(row) : records.superviseeSignedAtOf(row);
        const signedAt = at !== null && at <= endOfAuditDate ? at : null;
        if (signedAt !== null) {
          const signedDay = londonDay(signedAt);
          if (signedDay > dueDay) report(party, 'late', signedDay - dueDay);
        } else if (window.asOf > dueDay) {
          report(party, 'unsigned', window.asOf - dueDay);
        }
      }
    };
    forEachRecordOfRule(dataset, p, ['held'], context, inspect);
    return { subjects: subjects.size };
  },
});

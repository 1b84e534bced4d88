/**
 * diversity-evidenced: the record of each held supervision shows that diversity was
 * considered.
 *
 * Subject: a held session of the rule's kinds dated in the window. `missing` when the record
 * does not say diversity was discussed (left empty, or recorded as not discussed).
 */
import { z } from 'zod';
import { teamOfWorkerOn } from '../model/dataset.js';
import { defineCheck, tallyOf } from './check.js';
import { sessionKinds } from './params.js';
import { formatDay } from '../time/calendar.js';

const params = z.object({ kinds: sessionKinds.default(['planned']) }).strict().default({ kinds: ['planned'] });

export const diversityEvidenced = defineCheck({
  id: 'diversity-evidenced',
  description: 'The record of each held supervision evidences that diversity was considered.',
  needs: ['sessions'],
  needsFields: () => [['sessions', 'diversityDiscussed']],
  subject: 'session',
  datedSubjects: () => true,
  params,
  messages: {
    missing: (f) =>
      f.details['recorded'] === 'no'
        ? `the record of the session on ${f.details['date']} says diversity was not discussed`
        : `the record of the session on ${f.details['date']} does not say whether diversity was discussed`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    const { sessions } = dataset;
    for (const row of sessions.datedWithin(window)) {
      if (!sessions.isHeld(row) || !p.kinds.includes(sessions.kindOf(row))) continue;
      const workerId = sessions.workerIdOf(row);
      if (!scope.worker(workerId)) continue;
      subjects.one('session', sessions.idOf(row), workerId, sessions.dateOf(row));
      if (sessions.diversityDiscussedOf(row) === true) continue;
      const s = sessions.at(row);
      findings.push({
        status: 'missing',
        subject: { kind: 'session', id: s.id },
        workerId: s.workerId,
        supervisorId: s.supervisorId,
        team: teamOfWorkerOn(dataset, s.workerId, s.date),
        dueDate: null,
        lastDate: s.date,
        daysOverdue: null,
        details: { date: formatDay(s.date), recorded: s.diversityDiscussed === false ? 'no' : 'blank' },
        source: [s],
      });
    }
    return { subjects: subjects.size };
  },
});

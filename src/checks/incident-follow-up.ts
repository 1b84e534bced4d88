/**
 * incident-follow-up: an incident, allegation, complaint or concern about a foster carer is
 * discussed at the next supervision session of the carer's worker, and at each later one
 * until it is resolved (Walsall, family placement).
 *
 * Subject: an incident open at some time in the window. The worker is the one allocated to
 * the carer's case on the incident date. Every held session of the counted kinds of that
 * worker after the incident date and before its resolution (or up to the audit date) must
 * discuss it: a held case discussion of the case linked to the session, or held by the same
 * worker on the same day. Finding: `missing`, one per session that did not.
 */
import { z } from 'zod';
import { defineCheck, tallyOf } from './check.js';
import { discussedAt } from './case-episodes.js';
import { sessionKinds } from './params.js';
import { formatDay } from '../time/calendar.js';
import { allocatedOn, teamOfWorkerOn } from '../model/dataset.js';

const params = z.object({ counts: sessionKinds.default(['planned']) }).strict().default({ counts: ['planned'] });

export const incidentFollowUp = defineCheck({
  id: 'incident-follow-up',
  description: 'Each incident is discussed at the next supervision of the carer’s worker, and at each one after until resolved.',
  needs: ['incidents', 'allocations', 'sessions', 'case-discussions'],
  subject: 'incident',
  params,
  messages: {
    missing: (f) =>
      `the incident of ${f.details['incidentDate']} on case ${f.details['caseId']} (${f.details['state']}) was not discussed at the session on ${f.details['sessionDate']}`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    for (const incident of dataset.incidents) {
      if (incident.date > window.asOf || (incident.resolved !== null && incident.resolved < window.from) || !scope.case(incident.caseId)) continue;
      const workerId = allocatedOn(dataset, incident.caseId, incident.date)?.workerId;
      if (workerId === undefined) continue;
      subjects.one('incident', incident.id);
      const until = incident.resolved === null ? window.asOf : Math.min(incident.resolved - 1, window.asOf);
      const discussionsOfCase = dataset.discussions.ofCase(incident.caseId);
      const { sessions } = dataset;
      for (const row of sessions.ofWorker(workerId)) {
        const date = sessions.dateOf(row);
        if (!sessions.isHeld(row) || !p.counts.includes(sessions.kindOf(row))) continue;
        if (date <= incident.date || date > until || date < window.from) continue;
        const session = sessions.at(row);
        if (discussionsOfCase.some((discussion) => discussedAt(dataset.discussions, discussion, session))) continue;
        findings.push({
          status: 'missing',
          subject: { kind: 'incident', id: incident.id },
          workerId,
          supervisorId: session.supervisorId,
          team: teamOfWorkerOn(dataset, workerId, window.asOf),
          dueDate: session.date,
          lastDate: incident.date,
          daysOverdue: null,
          details: {
            caseId: incident.caseId,
            incidentDate: formatDay(incident.date),
            sessionDate: formatDay(session.date),
            state: incident.resolved === null ? 'still open' : `resolved on ${formatDay(incident.resolved)}`,
          },
          source: [session, incident],
        });
      }
    }
    return { subjects: subjects.size };
  },
});

/**
 * residential-each-child: in a children's home, every child resident on the day of a
 * supervision session of the home's staff is discussed at that session (Walsall).
 *
 * Subject: a held session of the counted kinds dated in the window, of a worker of the rule's
 * roles whose team is a home with residents that day (the residences name the home as its
 * staff's team is named, compared as names: model/team-names.ts, homeTeams). A child is discussed at the session when a held case discussion of
 * the child is linked to the session, or is held by the same worker on the same day.
 * Finding: `missing`, one per child not discussed.
 */
import { z } from 'zod';
import { defineCheck, tallyOf } from './check.js';
import { discussedAt } from './case-episodes.js';
import { forEachHeldSessionInWindow, roles, sessionKinds } from './params.js';
import { formatDay } from '../time/calendar.js';
import { covers } from '../model/dataset.js';
import type { Residence } from '../model/records.js';
import { foldTeamName, homeTeams } from '../model/team-names.js';
import { teamOn } from '../model/workers.js';

const params = z
  .object({
    roles: roles.default(['residential-worker']),
    counts: sessionKinds.default(['planned']),
  })
  .strict()
  .default({ roles: ['residential-worker'], counts: ['planned'] });

export const residentialEachChild = defineCheck({
  id: 'residential-each-child',
  description: 'Every child resident in a home is discussed at each supervision session of its staff.',
  needs: ['workers', 'sessions', 'residences', 'case-discussions'],
  subject: 'session',
  datedSubjects: () => true,
  params,
  messages: {
    missing: (f) => `child ${f.details['childId']}, resident at ${f.details['home']}, was not discussed at the session on ${f.details['date']}`,
  },
  evaluate(dataset, p, context) {
    // Residents by the folded name of their home's staff team; a home no team is named after is a data issue of the loader's.
    const teamOf = homeTeams(dataset.workerRows.map((w) => w.team));
    const residentsOf = new Map<string, Residence[]>();
    for (const r of dataset.residences) {
      const team = teamOf(r.home);
      if (team === null) continue;
      const list = residentsOf.get(team) ?? [];
      list.push(r);
      residentsOf.set(team, list);
    }
    // Few teams, many sessions: each team's name folded once.
    const folded = new Map<string, string>();
    const foldedOf = (team: string): string => folded.get(team) ?? folded.set(team, foldTeamName(team)).get(team)!;
    const subjects = tallyOf(context);
    const { findings } = context;
    const { discussions, sessions } = dataset;
    forEachHeldSessionInWindow(dataset, p.counts, p.roles, context, (row, worker) => {
      const date = sessions.dateOf(row);
      const home = teamOn(worker, date);
      const residents = (residentsOf.get(foldedOf(home)) ?? []).filter((r) => covers(r, date));
      if (residents.length === 0) return;
      // Sessions of a home's staff are few: each is made a record to be judged.
      const session = sessions.at(row);
      subjects.one('session', session.id, session.workerId, session.date);
      for (const resident of residents) {
        if (discussions.ofCase(resident.childId).some((discussion) => discussedAt(discussions, discussion, session))) continue;
        findings.push({
          status: 'missing',
          subject: { kind: 'session', id: session.id },
          workerId: worker.id,
          supervisorId: session.supervisorId,
          team: home,
          dueDate: null,
          lastDate: session.date,
          daysOverdue: null,
          details: { childId: resident.childId, home, date: formatDay(session.date) },
          part: `child ${resident.childId}`,
          source: [session, resident],
        });
      }
    });
    return { subjects: subjects.size };
  },
});

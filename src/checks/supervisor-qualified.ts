/**
 * supervisor-qualified: the supervisor of each held planned session is qualified to supervise
 * on the day: in a senior role, registered, and trained in supervision.
 *
 * Subject: a held session of the counted kinds (planned by default), dated in the window, of a
 * worker of the rule's roles (and professions, where given). The supervisor is the one the
 * session names, or the one assigned on its date. `unqualified`, naming each part that fails.
 */
import { z } from 'zod';
import { defineCheck, tallyOf } from './check.js';
import { forEachHeldSessionInWindow, roles, sessionKinds } from './params.js';
import { courses, recordWords, registrationOn, registrationTypes, staffRecordsOf } from './staff-records.js';
import { supervisorOn } from '../model/dataset.js';
import { formatDay } from '../time/calendar.js';
import { PROFESSIONS, type SourceRef } from '../model/records.js';
import { periodOn } from '../model/workers.js';

const params = z
  .object({
    roles,
    professions: z.array(z.enum(PROFESSIONS)).min(1).optional(),
    counts: sessionKinds.default(['planned']),
    seniorRoles: roles,
    registrations: registrationTypes,
    courses,
  })
  .strict();

export const supervisorQualified = defineCheck({
  id: 'supervisor-qualified',
  description: 'Each supervision is given by a supervisor in a senior role, registered, and trained in supervision on the day.',
  needs: ['workers', 'sessions', 'staff-records'],
  subject: 'session',
  datedSubjects: () => true,
  params,
  messages: {
    unqualified: (f) => `supervised on ${f.details['date']} by ${f.details['supervisor']}, who ${f.details['fails']}`,
  },
  evaluate(dataset, p, context) {
    const subjects = tallyOf(context);
    const { findings } = context;
    const registered = recordWords(p.registrations);
    const trained = recordWords(['TRAINING'], p.courses);
    const registrationsOf = staffRecordsOf(dataset, p.registrations);
    const trainingOf = staffRecordsOf(dataset, ['TRAINING'], p.courses);
    const { sessions } = dataset;
    forEachHeldSessionInWindow(dataset, p.counts, p.roles, context, (row, worker) => {
      const date = sessions.dateOf(row);
      const id = sessions.idOf(row);
      // The supervisee's role and profession, and the supervisor's role, are those of the session's date.
      const period = periodOn(worker, date);
      if (p.professions && !p.professions.includes(period.profession)) return;
      subjects.one('session', id, worker.id, date);
      const supervisorId = sessions.supervisorIdOf(row) ?? supervisorOn(dataset, worker.id, date)?.supervisorId ?? null;
      const supervisor = supervisorId === null ? undefined : dataset.workerById.get(supervisorId);
      const fails: string[] = [];
      const source: SourceRef[] = [sessions.sourceOf(row)];
      if (supervisorId === null) fails.push('is not named on the session nor assigned on its date');
      else if (!supervisor) fails.push('is not in the workers export, so their role, registration and training cannot be seen');
      else {
        const supervisorRow = periodOn(supervisor, date);
        source.push(supervisorRow);
        if (!p.seniorRoles.includes(supervisorRow.role)) fails.push(`is not in a senior role (${supervisorRow.role})`);
        if (registrationOn(registrationsOf(supervisor.id).items, date) === null) fails.push(`holds no current ${registered}`);
        const training = trainingOf(supervisor.id).items.find((r) => r.date <= date);
        if (!training) fails.push(`has no ${trained} on record on or before that day`);
      }
      if (fails.length === 0) return;
      findings.push({
        status: 'unqualified',
        subject: { kind: 'session', id },
        workerId: worker.id,
        supervisorId,
        team: period.team,
        dueDate: null,
        lastDate: null,
        daysOverdue: null,
        details: { date: formatDay(date), supervisor: supervisorId ?? 'no one', fails: joinWords(fails) },
        source,
      });
    });
    return { subjects: subjects.size };
  },
});

/** "a, b and c". */
function joinWords(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

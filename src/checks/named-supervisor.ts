/**
 * named-supervisor: every worker in post on the audit date has a named supervisor, who is a
 * known worker still in post. Rows of one start that name two supervisors name none (see
 * model/supervisor-rows.ts); a supervisor whose own last period ended before the audit date
 * is no supervisor.
 */
import { z } from 'zod';
import { defineCheck, tallyOf } from './check.js';
import { roles } from './params.js';
import { inPostOn, periodOn } from '../model/workers.js';
import { formatDay } from '../time/calendar.js';
import { assignmentOn, supervisorLeftBy } from '../model/dataset.js';
import { isConflicting } from '../model/supervisor-rows.js';

const params = z.object({ roles: roles.optional() }).strict().default({});

export const namedSupervisor = defineCheck({
  id: 'named-supervisor',
  description: 'Every worker in post has a named supervisor who is a known worker.',
  needs: ['workers', 'supervisors'],
  subject: 'worker',
  params,
  messages: {
    missing: (f) => `no named supervisor on ${f.details['asOf']}${f.details['why'] === undefined ? '' : `: ${f.details['why']}`}`,
    'unknown-supervisor': (f) => `the named supervisor ${f.details['supervisorId']} is not in the workers export`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const { findings } = context;
    for (const worker of dataset.workers) {
      if (!inPostOn(worker, window.asOf)) continue;
      // The worker's row on the audit date says their role and team.
      const row = periodOn(worker, window.asOf);
      if ((p.roles && !p.roles.includes(row.role)) || !scope.worker(worker.id)) continue;
      subjects.one('worker', worker.id);
      const assignment = assignmentOn(dataset, worker.id, window.asOf);
      const base = {
        subject: { kind: 'worker' as const, id: worker.id },
        workerId: worker.id,
        team: row.team,
        dueDate: null,
        lastDate: null,
        daysOverdue: null,
      };
      const asOf = formatDay(window.asOf);
      if (!assignment) {
        findings.push({ ...base, status: 'missing', supervisorId: null, details: { asOf }, source: [row] });
      } else if (isConflicting(assignment)) {
        const why = `the supervisors rows from ${formatDay(assignment.from)} name two supervisors (see the data issues)`;
        findings.push({ ...base, status: 'missing', supervisorId: null, details: { asOf, why }, source: [assignment, row] });
      } else if (!dataset.workerById.has(assignment.supervisorId)) {
        findings.push({
          ...base,
          status: 'unknown-supervisor',
          supervisorId: assignment.supervisorId,
          details: { supervisorId: assignment.supervisorId },
          source: [assignment, row],
        });
      } else {
        const left = supervisorLeftBy(dataset, assignment.supervisorId, window.asOf);
        if (left === null) continue;
        const supervisor = dataset.workerById.get(assignment.supervisorId)!;
        const why = `the named supervisor ${assignment.supervisorId} left on ${formatDay(left)}`;
        findings.push({ ...base, status: 'missing', supervisorId: assignment.supervisorId, details: { asOf, why }, source: [assignment, row, supervisor.periods.at(-1)!] });
      }
    }
    return { subjects: subjects.size };
  },
});

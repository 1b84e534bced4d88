/**
 * named-supervisor: every worker in post on the audit date has a named supervisor, who is a
 * known worker.
 */
import { z } from 'zod';
import { defineCheck, tallyOf, type CheckFinding } from './check.js';
import { roles } from './params.js';
import { inPostOn, periodOn } from '../model/workers.js';
import { formatDay } from '../time/calendar.js';
import { supervisorOn } from '../model/dataset.js';

const params = z.object({ roles: roles.optional() }).strict().default({});

export const namedSupervisor = defineCheck({
  id: 'named-supervisor',
  description: 'Every worker in post has a named supervisor who is a known worker.',
  needs: ['workers', 'supervisors'],
  subject: 'worker',
  params,
  messages: {
    missing: (f) => `no named supervisor on ${f.details['asOf']}`,
    'unknown-supervisor': (f) => `the named supervisor ${f.details['supervisorId']} is not in the workers export`,
  },
  evaluate(dataset, p, context) {
    const { window, scope } = context;
    const subjects = tallyOf(context);
    const findings: CheckFinding[] = [];
    for (const worker of dataset.workers) {
      if (!inPostOn(worker, window.asOf)) continue;
      // The worker's row on the audit date says their role and team.
      const row = periodOn(worker, window.asOf);
      if ((p.roles && !p.roles.includes(row.role)) || !scope.worker(worker.id)) continue;
      subjects.one('worker', worker.id);
      const assignment = supervisorOn(dataset, worker.id, window.asOf);
      const base = {
        subject: { kind: 'worker' as const, id: worker.id },
        workerId: worker.id,
        team: row.team,
        dueDate: null,
        lastDate: null,
        daysOverdue: null,
      };
      if (!assignment) {
        findings.push({ ...base, status: 'missing', supervisorId: null, details: { asOf: formatDay(window.asOf) }, source: [row] });
      } else if (!dataset.workerById.has(assignment.supervisorId)) {
        findings.push({
          ...base,
          status: 'unknown-supervisor',
          supervisorId: assignment.supervisorId,
          details: { supervisorId: assignment.supervisorId },
          source: [assignment, row],
        });
      }
    }
    return { subjects: subjects.size, findings };
  },
});

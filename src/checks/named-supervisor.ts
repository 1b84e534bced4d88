/**
 * named-supervisor: every worker in post on the audit date has a named supervisor, who is a
 * known worker.
 */
import { z } from 'zod';
import { defineCheck, tallyOf, type CheckFinding } from './check.js';
import { hasRole, roles } from './params.js';
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
      if (worker.start > window.asOf || (worker.end !== null && worker.end < window.asOf)) continue;
      if ((p.roles && !hasRole(worker, p.roles)) || !scope.worker(worker.id)) continue;
      subjects.one('worker', worker.id);
      const assignment = supervisorOn(dataset, worker.id, window.asOf);
      const base = {
        subject: { kind: 'worker' as const, id: worker.id },
        workerId: worker.id,
        team: worker.team,
        dueDate: null,
        lastDate: null,
        daysOverdue: null,
      };
      if (!assignment) {
        findings.push({ ...base, status: 'missing', supervisorId: null, details: { asOf: formatDay(window.asOf) }, source: [worker] });
      } else if (!dataset.workerById.has(assignment.supervisorId)) {
        findings.push({
          ...base,
          status: 'unknown-supervisor',
          supervisorId: assignment.supervisorId,
          details: { supervisorId: assignment.supervisorId },
          source: [assignment, worker],
        });
      }
    }
    return { subjects: subjects.size, findings };
  },
});

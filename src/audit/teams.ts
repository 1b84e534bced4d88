/**
 * The team each subject of a rule belongs to (REQUIREMENTS.md, "Monthly and team figures"): a
 * worker's team on the audit date (or their last day in post before it); a session's or case
 * discussion's supervisee's team on its date; a case's team is the
 * team of the worker allocated to it on the audit date or, when none is then, of the last worker
 * allocated before it; an incident's is its case's. With no allocation a case is `unallocated`.
 */
import { allocatedOn, teamOfWorkerOn, type Dataset } from '../model/dataset.js';
import type { SubjectKind } from '../model/records.js';
import type { Day } from '../time/calendar.js';

export const UNALLOCATED = 'unallocated';
/** A subject whose worker is in no workers export (the input table and data issues say why). */
export const NO_TEAM = 'no team known';

/** The team of a subject; a session or case discussion is given with its worker and, where known, its date. */
export type TeamOf = (kind: SubjectKind, id: string, workerId: string | null, date?: Day | null) => string;

/** Resolves subjects' teams; a case's is worked out once. */
export function teamResolver(dataset: Dataset, asOf: Day): TeamOf {
  const teamOfWorker = (id: string | null | undefined, day: Day = asOf): string => (id ? (teamOfWorkerOn(dataset, id, day) ?? NO_TEAM) : NO_TEAM);
  let incidentCases: Map<string, string> | null = null;
  const caseTeams = new Map<string, string>();

  const teamOfCase = (caseId: string): string => {
    let team = caseTeams.get(caseId);
    if (team === undefined) {
      const holder = allocatedOn(dataset, caseId, asOf) ?? lastAllocationBefore(dataset, caseId, asOf);
      team = holder ? teamOfWorker(holder.workerId) : UNALLOCATED;
      caseTeams.set(caseId, team);
    }
    return team;
  };

  return (kind, id, workerId, date) => {
    switch (kind) {
      case 'worker':
        return teamOfWorker(id);
      case 'session':
      case 'case-discussion':
        return teamOfWorker(workerId, date ?? asOf);
      case 'case':
        return teamOfCase(id);
      case 'incident': {
        incidentCases ??= new Map(dataset.incidents.map((i) => [i.id, i.caseId]));
        const caseId = incidentCases.get(id);
        return caseId === undefined ? UNALLOCATED : teamOfCase(caseId);
      }
    }
  };
}

function lastAllocationBefore(dataset: Dataset, caseId: string, day: Day): { workerId: string } | null {
  const list = dataset.allocationsByCase.get(caseId) ?? [];
  let last: { workerId: string } | null = null;
  // Sorted by start: the last one that began on or before the day.
  for (const allocation of list) if (allocation.from <= day) last = allocation;
  return last;
}

/** --team and --worker: which workers, and so which cases, an audit reports on. */
import type { AuditWindow } from '../time/window.js';
import type { Scope } from '../checks/check.js';
import { teamOfWorkerOn, type Dataset } from '../model/dataset.js';

export const EVERYONE: Scope = { worker: () => true, case: () => true };

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A worker is in scope when they match both options; a case when a worker in scope held it at
 * some time in the window.
 */
export function makeScope(dataset: Dataset, window: AuditWindow, options: { team?: string; worker?: string }): Scope {
  if (options.team === undefined && options.worker === undefined) return EVERYONE;
  const worker = (id: string): boolean => {
    if (options.worker !== undefined && id !== options.worker) return false;
    if (options.team !== undefined) {
      // The worker's team on the audit date (REQUIREMENTS.md, "Workers over time").
      const team = teamOfWorkerOn(dataset, id, window.asOf);
      if (team === null || !same(team, options.team)) return false;
    }
    return true;
  };
  const cases = new Map<string, boolean>();
  return {
    worker,
    case(caseId) {
      let inScope = cases.get(caseId);
      if (inScope === undefined) {
        inScope = (dataset.allocationsByCase.get(caseId) ?? []).some(
          (a) => a.from <= window.asOf && (a.to === null || a.to >= window.from) && worker(a.workerId),
        );
        cases.set(caseId, inScope);
      }
      return inScope;
    },
  };
}

/** --team and --worker: which workers, and so which cases, an audit reports on. */
import type { AuditWindow } from '../time/window.js';
import type { Day } from '../time/calendar.js';
import type { Scope } from '../checks/check.js';
import { teamOfWorkerOn, type Dataset } from '../model/dataset.js';
import { foldTeamName, NO_TEAM, TEAM_NAMED_NO_TEAM } from '../model/team-names.js';
import { inPostOn, teamOn } from '../model/workers.js';
import { formatDay } from '../time/calendar.js';
import { withoutLeadingZeros } from '../model/ids.js';

export const EVERYONE: Scope = { worker: () => true, case: () => true };


/**
 * A worker is in scope when they match both options; a case when a worker in scope held it at
 * some time in the window.
 */
export function makeScope(dataset: Dataset, window: AuditWindow, options: { team?: string; worker?: string }): Scope {
  if (options.team === undefined && options.worker === undefined) return EVERYONE;
  const team = options.team === undefined ? undefined : foldTeamName(options.team);
  const worker = (id: string): boolean => {
    if (options.worker !== undefined && id !== options.worker) return false;
    if (team !== undefined) {
      // The worker's team on the audit date (REQUIREMENTS.md, "Workers over time").
      const theirs = teamOfWorkerOn(dataset, id, window.asOf);
      if (theirs === null || foldTeamName(theirs) !== team) return false;
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

/** The team --team names, as the data spells it (the name the reports give it), or null when no worker in post on the audit date is in it. */
export function teamAsSpelt(dataset: Dataset, asOf: Day, name: string): string | null {
  const wanted = foldTeamName(name);
  for (const worker of dataset.workers) {
    if (!inPostOn(worker, asOf)) continue;
    const team = teamOn(worker, asOf);
    if (foldTeamName(team) === wanted) return team;
  }
  return null;
}

/**
 * Why --team names no team on the audit date, or null when some worker in post then is in it: a team
 * that is not there (renamed, or mistyped) would otherwise give an empty report that reads as
 * all clear. The sentence lists the teams of that date, and says where the name is an earlier
 * one of the same workers' team.
 */
export function missingTeam(dataset: Dataset, asOf: Day, name: string): string | null {
  if (teamAsSpelt(dataset, asOf, name) !== null) return null;
  const wanted = foldTeamName(name);
  const teams = new Set<string>();
  // Where the workers in post who were once in a team of that name are now, and how many.
  const nowIn = new Map<string, number>();
  for (const worker of dataset.workers) {
    if (!inPostOn(worker, asOf)) continue;
    const team = teamOn(worker, asOf);
    teams.add(team);
    if (worker.periods.some((p) => p.start <= asOf && foldTeamName(p.team) === wanted)) nowIn.set(team, (nowIn.get(team) ?? 0) + 1);
  }
  const listed = [...teams].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).map((t) => `"${t}"`);
  const moved = [...nowIn].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([team, count]) => `${count} ${count === 1 ? "worker" : "workers"} now in "${team}"`);
  const earlier = moved.length === 0 ? '' : ` it is the earlier team of ${moved.join(' and ')};`;
  const list = listed.length === 0 ? 'no worker is in post on that date' : `the teams on that date are ${listed.join(', ')}`;
  const named = `--team "${name}" names no team on ${formatDay(asOf)}, the audit date:`;
  if (wanted === foldTeamName(NO_TEAM)) {
    // The name reports give to subjects with no team known: a team the export calls so is read under another.
    if (teams.has(TEAM_NAMED_NO_TEAM)) return `${named} reports count subjects with no team known as "${NO_TEAM}", so the export's team of that name is read as "${TEAM_NAMED_NO_TEAM}". Give --team "${TEAM_NAMED_NO_TEAM}"`;
    return `${named} "${NO_TEAM}" is where reports count subjects with no team known (a case never allocated, a worker in no workers export), not a team an audit can be narrowed to; ${list}. Give one of those (case, spaces and apostrophes do not matter)`;
  }
  return `${named}${earlier} ${list}. Give one of those (case, spaces and apostrophes do not matter)`;
}

/**
 * The worker --worker names, as the workers export writes their id (the report names them so),
 * or null when no workers row has that id. Ids of digits are compared as numbers, as everywhere
 * (`010008` is `10008`).
 */
export function workerAsSpelt(dataset: Dataset, id: string): string | null {
  const given = id.trim();
  if (dataset.workerById.has(given)) return given;
  const wanted = withoutLeadingZeros(given);
  for (const worker of dataset.workers) if (withoutLeadingZeros(worker.id) === wanted) return worker.id;
  return null;
}

/**
 * Why --worker names no worker, or null when a workers row has that id: an id that is not there
 * (mistyped, or a worker in no workers export) would otherwise give an empty report that reads
 * as all clear.
 */
export function missingWorker(dataset: Dataset, id: string): string | null {
  if (workerAsSpelt(dataset, id) !== null) return null;
  const examples = dataset.workers.slice(0, 2).map((w) => w.id);
  const known = examples.length === 0 ? 'the exports have no workers row' : `the workers export has ${dataset.workers.length.toLocaleString('en-GB')} workers (ids such as ${examples.join(' and ')})`;
  return `--worker "${id}" is no worker's id in the workers export, so the report would be empty: ${known}. Give the id as the workers export writes it`;
}

/**
 * Why --worker and --team together name no one, or null when the worker is in that team on the
 * audit date (as the audit's scope judges it): the report would be empty and read as all clear.
 */
export function workerOutsideTeam(dataset: Dataset, workerId: string, team: string, asOf: Day): string | null {
  const theirs = teamOfWorkerOn(dataset, workerId, asOf);
  if (theirs !== null && foldTeamName(theirs) === foldTeamName(team)) return null;
  const where = theirs === null ? 'in no team' : `in "${theirs}"`;
  return `--worker "${workerId}" is ${where} on ${formatDay(asOf)}, the audit date, not in --team "${team}", so the report would be empty: give one of the two, or the worker's team`;
}

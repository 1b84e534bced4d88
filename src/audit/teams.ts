/**
 * The team each subject of a rule belongs to (REQUIREMENTS.md, "Monthly and team figures"): a
 * worker's team on the audit date (or their last day in post before it); a session's or case
 * discussion's supervisee's team on its date; a case's team is the
 * team of the worker allocated to it on the audit date or, when none is then, of the last worker
 * allocated before it; an incident's is its case's. A case with no allocation, and a subject
 * whose worker is in no workers export, have no team: NO_TEAM, one name in every report.
 */
import { allocatedOn, type Dataset } from '../model/dataset.js';
import { teamOn } from '../model/workers.js';
import type { SubjectKind, Worker } from '../model/records.js';
import type { Day } from '../time/calendar.js';
import { compliancePercent, type AuditReport, type Finding } from './report.js';
import { someFindings, teamAt, type FindingList } from './finding-store.js';

export { NO_TEAM } from '../model/team-names.js';
import { NO_TEAM } from '../model/team-names.js';

/** Teams in the order reports list them: natural order (Team 2 before Team 10). */
const compareTeams = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The team of a subject; a session or case discussion is given with its worker and, where known, its date. */
export type TeamOf = (kind: SubjectKind, id: string, workerId: string | null, date?: Day | null) => string;

/** Resolves subjects' teams; a case's is worked out once. */
export function teamResolver(dataset: Dataset, asOf: Day): TeamOf {
  // Asked for every subject of every rule, mostly for the worker asked about just before.
  let lastId: string | null = null;
  let lastWorker: Worker | undefined;
  const teamOfWorker = (id: string | null | undefined, day: Day = asOf): string => {
    if (!id) return NO_TEAM;
    if (id !== lastId) {
      lastId = id;
      lastWorker = dataset.workerById.get(id);
    }
    return lastWorker === undefined ? NO_TEAM : teamOn(lastWorker, day);
  };
  let incidentCases: Map<string, string> | null = null;
  const caseTeams = new Map<string, string>();

  const teamOfCase = (caseId: string): string => {
    let team = caseTeams.get(caseId);
    if (team === undefined) {
      const holder = allocatedOn(dataset, caseId, asOf) ?? lastAllocationBefore(dataset, caseId, asOf);
      team = holder ? teamOfWorker(holder.workerId) : NO_TEAM;
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
        return caseId === undefined ? NO_TEAM : teamOfCase(caseId);
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

/** A team's figures over every rule that ran. */
export interface TeamTotal {
  team: string;
  subjects: number;
  compliant: number;
  exceptions: number;
  compliance: number | null;
}

/** Each team's subjects, compliant subjects and exceptions, over every rule that ran, in team order. */
export function teamTotals(report: AuditReport): TeamTotal[] {
  const totals = new Map<string, { subjects: number; compliant: number; exceptions: number }>();
  for (const rule of report.summary.rules) {
    for (const t of rule.byTeam) {
      const total = totals.get(t.team) ?? { subjects: 0, compliant: 0, exceptions: 0 };
      total.subjects += t.subjects;
      total.compliant += t.compliant;
      total.exceptions += t.exceptions;
      totals.set(t.team, total);
    }
  }
  return [...totals].sort(([a], [b]) => compareTeams(a, b)).map(([team, t]) => ({ team, ...t, compliance: compliancePercent(t.compliant, t.subjects) }));
}

/** The team a finding is listed under: NO_TEAM when it has none (its `team` is null in the JSON report). */
export const teamOfFinding = (f: Pick<Finding, 'team'>): string => f.team ?? NO_TEAM;

/**
 * The findings listed under each team (teamOfFinding), each team's in the list's order, teams in
 * the order their first findings come: read in one pass without putting the findings into words.
 */
export function findingsByTeam(findings: FindingList): Map<string, FindingList> {
  const byTeam = placesBy(findings.length, (i) => teamAt(findings, i) ?? NO_TEAM);
  return new Map(Array.from(byTeam, ([team, own]) => [team, someFindings(findings, own)]));
}

/** The places 0 to `count` - 1 by their key, keys in the order first met, each key's places in order. */
export function placesBy(count: number, key: (place: number) => string): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (let place = 0; place < count; place++) {
    const k = key(place);
    const list = map.get(k);
    if (list) list.push(place);
    else map.set(k, [place]);
  }
  return map;
}

/**
 * One team's part of a report (`--split-by team`): each rule's figures for the team (its row
 * of the rule's team figures), and the exceptions listed under the team (findingsByTeam's). Month figures are the
 * whole authority's and are left out: a team's month by month is `--team` with `--month`. The
 * inputs, data issues, readings and what cannot be checked are the authority's, and kept.
 */
export function teamReport(report: AuditReport, team: string, findings: FindingList): AuditReport {
  const rules = report.summary.rules.map((rule) => {
    const own = rule.byTeam.find((t) => t.team === team);
    const figures = own ?? { subjects: 0, compliant: 0, exceptions: 0, compliance: null };
    return { ...rule, subjects: figures.subjects, compliant: figures.compliant, exceptions: figures.exceptions, compliance: figures.compliance, byTeam: own ? [own] : [], byMonth: [] };
  });
  return { ...report, scope: { ...report.scope, team }, summary: { ...report.summary, exceptions: findings.length, rules }, findings };
}

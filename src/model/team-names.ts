/**
 * Team names compared as names (REQUIREMENTS.md, "Team names"): exports and people write one
 * team's name in more than one way (a no-break space, a doubled space, a straight or a curly
 * apostrophe, another case). Folded, they are one name: the data's spellings of a team become
 * its commonest, and --team matches a team whichever way it is typed.
 */
import type { Dataset } from './dataset.js';
import type { DataIssue } from './issues.js';
import type { SourceRef, WorkerPeriod } from './records.js';
import { formatDay, type Day } from '../time/calendar.js';

/**
 * Where subjects with no team known are counted and listed: a case never allocated, an incident
 * of no known case, a worker in no workers export (the input table and data issues say why).
 * In brackets, so that a real team (one called `unallocated`, say) is never taken for it; a
 * team the data itself calls so is read under another name (oneSpellingPerTeam).
 */
export const NO_TEAM = '(no team)';

/** What a team the data names `(no team)` is read as, so that its figures are never merged with those of subjects with no team. */
export const TEAM_NAMED_NO_TEAM = 'Team named (no team)';

/** Apostrophes and quotation marks written for `'`: the curly, the prime, the grave and acute accents. */
const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u0060\u00b4]/g;
/** Spaces of every kind, runs of them, as one: no-break, narrow no-break, thin, tabs. */
const SPACES = /[\s\u00a0\u2007\u202f\u200b]+/g;

/** The name as names are compared: lower case, one plain space between words, `'` for every apostrophe. */
export function foldTeamName(name: string): string {
  return name.replace(SPACES, ' ').replace(APOSTROPHES, "'").trim().toLowerCase();
}

/**
 * The workers rows with each team under one spelling, its commonest in the rows (on a tie, the
 * first in sort order, so that the file order never decides). Every other spelling is a data
 * issue at its first row (with how many rows have it), saying what it is read as. Rows are copied only when respelled.
 */
export function oneSpellingPerTeam(rows: WorkerPeriod[], issues: DataIssue[], columnOf: (source: SourceRef, field: string) => string): WorkerPeriod[] {
  // Spellings of each folded name, with how many rows and the first row of each.
  const spellings = new Map<string, Map<string, { rows: number; first: WorkerPeriod }>>();
  for (const row of rows) {
    const folded = foldTeamName(row.team);
    let ofName = spellings.get(folded);
    if (ofName === undefined) spellings.set(folded, (ofName = new Map()));
    const seen = ofName.get(row.team);
    if (seen === undefined) ofName.set(row.team, { rows: 1, first: row });
    else seen.rows++;
  }
  const respell = new Map<string, string>();
  const noTeam = spellings.get(foldTeamName(NO_TEAM));
  if (noTeam !== undefined) {
    spellings.delete(foldTeamName(NO_TEAM));
    for (const [spelling, { rows: count, first }] of noTeam) {
      respell.set(spelling, TEAM_NAMED_NO_TEAM);
      issues.push({
        file: first.file,
        line: first.line,
        field: columnOf(first, 'team'),
        value: spelling,
        problem: `team "${spelling}" is the name reports give to subjects with no team known: read as "${TEAM_NAMED_NO_TEAM}"`,
        effect: 'kept',
        ...(count > 1 ? { rows: count } : {}),
      });
    }
  }
  for (const ofName of spellings.values()) {
    if (ofName.size === 1) continue;
    const [chosen] = [...ofName].sort(([a, x], [b, y]) => y.rows - x.rows || (a < b ? -1 : a > b ? 1 : 0))[0]!;
    for (const [spelling, { rows: count, first }] of ofName) {
      if (spelling === chosen) continue;
      respell.set(spelling, chosen);
      issues.push({
        file: first.file,
        line: first.line,
        field: columnOf(first, 'team'),
        value: spelling,
        problem: `team "${spelling}" is "${chosen}" written another way: read as "${chosen}"`,
        effect: 'kept',
        ...(count > 1 ? { rows: count } : {}),
      });
    }
  }
  if (respell.size === 0) return rows;
  return rows.map((row) => {
    const team = respell.get(row.team);
    return team === undefined ? row : { ...row, team };
  });
}

/** What a home's name may carry beyond its staff team's: `(residential)`, ` Home`, ` Children's Home`. */
const HOME_SUFFIXES = [/ \([^()]*\)$/, / children's home$/, / home$/];

/** A home's name without the suffixes names of homes carry; the name itself when nothing else would be left. */
function bareHomeName(folded: string): string {
  let name = folded;
  for (const suffix of HOME_SUFFIXES) {
    const bare = name.replace(suffix, '');
    if (bare !== '') name = bare;
  }
  return name;
}

/**
 * Matches a children's home, as a residents export names it, to the staff team named after it:
 * the team whose folded name is the home's; else the one team whose name is the home's but for
 * a suffix (`(residential)`, ` Home`, ` Children's Home`), never one of two such teams, which
 * could be two homes. Returns the team's folded name, or null.
 */
export function homeTeams(teams: Iterable<string>): (home: string) => string | null {
  const folded = new Set<string>();
  const byBare = new Map<string, string | null>();
  for (const team of teams) {
    const name = foldTeamName(team);
    if (folded.has(name)) continue;
    folded.add(name);
    const bare = bareHomeName(name);
    byBare.set(bare, byBare.has(bare) ? null : name);
  }
  return (home) => {
    const name = foldTeamName(home);
    return folded.has(name) ? name : (byBare.get(bareHomeName(name)) ?? null);
  };
}

/**
 * Residents of a home that no staff team is named after on some of their days (a team renamed
 * while the residents export keeps the old name, a home written another way): the residential
 * rule cannot see their home's sessions then, so each such row is a data issue, with the first
 * day it is so. Open stays are judged up to the last date the exports tell of.
 */
export function residentsWithoutTeam(dataset: Dataset, columnOf: (source: SourceRef, field: string) => string): DataIssue[] {
  const found: DataIssue[] = [];
  if (dataset.residences.length === 0 || dataset.workerRows.length === 0) return found;
  const teamOf = homeTeams(dataset.workerRows.map((w) => w.team));
  const periodsOf = new Map<string, Array<{ start: Day; end: Day | null }>>();
  let horizon = 0;
  for (const row of dataset.workerRows) {
    const team = foldTeamName(row.team);
    (periodsOf.get(team) ?? periodsOf.set(team, []).get(team)!).push(row);
    horizon = Math.max(horizon, row.start, row.end ?? 0);
  }
  for (const r of dataset.residences) horizon = Math.max(horizon, r.from, r.to ?? 0);
  for (const residence of dataset.residences) {
    const team = teamOf(residence.home);
    const last = residence.to ?? horizon;
    const uncovered = team === null ? residence.from : firstDayOutside(periodsOf.get(team)!, residence.from, last);
    if (uncovered === null) continue;
    const problem =
      team === null
        ? `no staff team in the workers export is named "${residence.home}" (nor that but for a suffix such as " Home"): the child's home cannot be matched to its staff's supervision sessions. Name the home as its staff team is named`
        : `no staff team is named "${residence.home}" on ${formatDay(uncovered)}, while the child lives there (was the team renamed?): from then the child's home cannot be matched to its staff's supervision sessions. Name the home as its staff team is named on those days`;
    found.push({ file: residence.file, line: residence.line, field: columnOf(residence, 'home'), value: residence.home, problem, effect: 'kept' });
  }
  return found;
}

/** The first day from `from` to `to` that none of the periods covers; null when they cover every one. */
function firstDayOutside(periods: ReadonlyArray<{ start: Day; end: Day | null }>, from: Day, to: Day): Day | null {
  const sorted = [...periods].sort((a, b) => a.start - b.start);
  let day = from;
  for (const p of sorted) {
    if (p.start > day) break;
    if (p.end === null) return null;
    day = Math.max(day, p.end + 1);
  }
  return day > to ? null : day;
}

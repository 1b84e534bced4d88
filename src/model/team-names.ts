/**
 * Team names compared as names (REQUIREMENTS.md, "Team names"): exports and people write one
 * team's name in more than one way (a no-break space, a doubled space, a straight or a curly
 * apostrophe, another case). Folded, they are one name: the data's spellings of a team become
 * its commonest, and --team matches a team whichever way it is typed.
 */
import type { DataIssue } from './issues.js';
import type { SourceRef, WorkerPeriod } from './records.js';

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

/**
 * One file per team (`--split-by team`): what a scheduled job mails to each team manager. A
 * team's file name is made safe from its name; `index.csv` lists each team's file and counts.
 */
import { createHash } from 'node:crypto';
import { NO_TEAM } from '../audit/teams.js';
import { csvDocument } from './csv.js';

/** The longest name a team's file is given before its suffix: well inside every file system's 255 bytes. */
export const MAX_FILE_NAME = 60;

/** The file of subjects with no team known: no team's name makes it (theirs hold only a-z, 0-9 and hyphens). */
export const NO_TEAM_FILE = '_no-team';

/** A name from a team's name: letters and digits kept, the rest one hyphen, cut to MAX_FILE_NAME. */
function foldedName(team: string): string {
  const folded = team
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_FILE_NAME)
    .replace(/^-+|-+$/g, '');
  return folded || 'team';
}

/** A short suffix from the team's own name, the same whatever other teams there are and in whatever order. */
const suffixOf = (team: string): string => createHash('sha256').update(team).digest('hex').slice(0, 8);

/**
 * Each team's file name (without extension). Teams whose names fold alike (or fold to `index`)
 * each get a suffix from their own name, so that a team's file keeps its name from one month
 * to the next whatever order the teams come in.
 */
export function teamFileNames(teams: Iterable<string>): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const team of new Set(teams)) {
    if (team === NO_TEAM) continue;
    const name = foldedName(team);
    const list = byName.get(name);
    if (list) list.push(team);
    else byName.set(name, [team]);
  }
  const names = new Map<string, string>();
  for (const [name, list] of byName) {
    for (const team of list) names.set(team, list.length === 1 && name !== 'index' ? name : `${name}-${suffixOf(team)}`);
  }
  names.set(NO_TEAM, NO_TEAM_FILE);
  return names;
}

/** The header of a split's index: team, file, then the counts named. */
export const indexHeader = (counts: readonly string[]): string[] => ['team', 'file', ...counts];

/** The index of a split output: a row per team, its file, and its counts under the headers given. */
export function indexCsv(counts: readonly string[], rows: ReadonlyArray<{ team: string; file: string; counts: readonly number[] }>): string {
  return csvDocument(indexHeader(counts), rows.map((r) => [r.team, r.file, ...r.counts]));
}

/**
 * One file per team (`--split-by team`): what a scheduled job mails to each team manager. A
 * team's file name is made safe from its name; `index.csv` lists each team's file and counts.
 */
import { csvDocument } from './csv.js';

/** A file name from a team's name: letters and digits kept, the rest one hyphen; unique among those taken. */
export function teamFileName(team: string, taken: Set<string>): string {
  const base =
    team
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'team';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** The index of a split output: a row per team, its file, and its counts under the headers given. */
export function indexCsv(counts: readonly string[], rows: ReadonlyArray<{ team: string; file: string; counts: readonly number[] }>): string {
  return csvDocument(['team', 'file', ...counts], rows.map((r) => [r.team, r.file, ...r.counts]));
}

/**
 * Team names compared as names (REQUIREMENTS.md, "Team names"): --team matches a team however
 * its name is typed, and stops when it names no team on the audit date; a team written two ways
 * in the workers export is one team, under its commonest spelling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DueReport } from '../../src/audit/due.js';
import type { Report } from '../../src/audit/report.js';
import { cli, ROOT } from './helpers.js';
import { sampleWith } from '../helpers/sample-copy.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const barnsleyWith = (workers: (text: string) => string): string => sampleWith(tmp.dir, 'barnsley', { 'workers.csv': workers });

const due = (dir: string, ...extra: string[]) => cli('due', dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', ...extra);
const audit = (dir: string, ...extra: string[]) => cli('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...extra);
const SAMPLE = join(ROOT, 'samples', 'barnsley');
const TEAMS =
  '"Assessment Team North", "Children in Care Team", "Children’s Services Leadership", "Disabled Children\'s Team", "Fostering Team", "Leaving Care Team", "Oakwell House (residential)", "Safeguarding Team Central"';

describe('--team', () => {
  const exact = JSON.parse(due(SAMPLE, '--team', 'Children’s Services Leadership', '--fail-on', 'none').stdout) as DueReport;

  it.each([
    ['a straight apostrophe where the export has a curly one', "Children's Services Leadership"],
    ['another case and a doubled space', 'children’s  services LEADERSHIP'],
    ['a no-break space', 'Children’s\u00a0Services Leadership'],
  ])('matches the team written with %s: the same items', (_, typed) => {
    const run = due(SAMPLE, '--team', typed, '--fail-on', 'none');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as DueReport;
    expect(report.items).toEqual(exact.items);
    expect(report.items.length).toBeGreaterThan(0);
    expect(report.scope.team).toBe('Children’s Services Leadership');
  });

  it('the audit names the team as the data spells it, however it was typed', () => {
    const run = audit(SAMPLE, '--team', 'children’s  services LEADERSHIP');
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { scope: { team: string } }).scope.team).toBe('Children’s Services Leadership');
  });

  it.each([
    ['due', due],
    ['audit', audit],
  ])('%s with a team no worker is in stops with exit 2, naming it and the teams of the audit date', (_, run) => {
    const result = run(SAMPLE, '--team', 'Assesment Team North');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `supervision-audit: --team "Assesment Team North" names no team on 2026-10-31, the audit date: the teams on that date are ${TEAMS}. Give one of those (case, spaces and apostrophes do not matter)\n`,
    );
  });

  it('a team renamed before the audit date: the stop says which team its workers are in now', () => {
    // Assessment Team North is renamed on 1 July 2026: its rows in post then end the day before, and go on under the new name.
    const JULY = '2026-07-01';
    const iso = (d: string): string => d.split('/').reverse().join('-');
    const renamed = (text: string): string =>
      text
        .split('\n')
        .map((line) => {
          const cells = line.split(',');
          if (cells[5] !== 'Assessment Team North') return line;
          const [start, end] = [iso(cells[8]!), cells[9] === '' ? null : iso(cells[9]!)];
          if (end !== null && end < JULY) return line;
          const after = [...cells.slice(0, 5), 'Assessment & Intervention North', ...cells.slice(6)];
          if (start >= JULY) return after.join(',');
          return [[...cells.slice(0, 9), '30/06/2026', ...cells.slice(10)].join(','), [...after.slice(0, 8), '01/07/2026', ...after.slice(9)].join(',')].join('\n');
        })
        .join('\n');
    const dir = barnsleyWith(renamed);
    expect(readFileSync(join(dir, 'workers.csv'), 'utf8')).toContain('Assessment & Intervention North');
    const run = due(dir, '--team', 'Assessment Team North');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `supervision-audit: --team "Assessment Team North" names no team on 2026-10-31, the audit date: it is the earlier team of 9 workers now in "Assessment & Intervention North" and 1 worker now in "Safeguarding Team Central"; the teams on that date are ${TEAMS.replace('"Assessment Team North", ', '"Assessment & Intervention North", ')}. Give one of those (case, spaces and apostrophes do not matter)\n`,
    );
    const now = due(dir, '--team', 'assessment & intervention north', '--fail-on', 'none');
    expect(now.code, now.stderr).toBe(0);
    expect((JSON.parse(now.stdout) as DueReport).items.length).toBeGreaterThan(0);
  });
});

describe('a team written two ways in the workers export', () => {
  // Three of the fourteen rows of Assessment Team North with a no-break space, one in capitals with a doubled space.
  let changed = 0;
  const twoWays = (text: string): string =>
    text.replace(/,Assessment Team North,/g, (m) => {
      changed++;
      return changed <= 3 ? ',Assessment\u00a0Team North,' : changed === 4 ? ',ASSESSMENT  TEAM NORTH,' : m;
    });
  const dir = barnsleyWith(twoWays);
  const clean = JSON.parse(audit(SAMPLE).stdout) as Report;
  const report = JSON.parse(audit(dir).stdout) as Report;

  it('is one team under its commonest spelling: the same findings and team figures as the clean export', () => {
    const withoutSources = (r: Report) => r.findings.map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort();
    expect(withoutSources(report)).toEqual(withoutSources(clean));
    expect(report.summary.rules.map((r) => r.byTeam)).toEqual(clean.summary.rules.map((r) => r.byTeam));
  });

  it('says so, once for each other spelling, at its first row', () => {
    const issues = report.dataIssues.filter((i) => i.problem.startsWith('team "')).map((i) => [i.line, i.field, i.value, i.problem, i.effect, i.rows]);
    const lines = readFileSync(join(dir, 'workers.csv'), 'utf8').split('\n');
    const lineOf = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
    expect(issues).toEqual([
      [lineOf('Assessment\u00a0Team'), 'ORG_NAME', 'Assessment\u00a0Team North', 'team "Assessment\u00a0Team North" is "Assessment Team North" written another way: read as "Assessment Team North"', 'kept', 3],
      [lineOf('ASSESSMENT  TEAM'), 'ORG_NAME', 'ASSESSMENT  TEAM NORTH', 'team "ASSESSMENT  TEAM NORTH" is "Assessment Team North" written another way: read as "Assessment Team North"', 'kept', undefined],
    ]);
  });
});

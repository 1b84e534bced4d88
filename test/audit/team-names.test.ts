/** Team names compared as names: the folding, one spelling per team, and --team's stop. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingTeam } from '../../src/audit/scope.js';
import { buildDataset, emptyRecords } from '../../src/model/dataset.js';
import type { DataIssue } from '../../src/model/issues.js';
import { foldTeamName, homeTeams, oneSpellingPerTeam } from '../../src/model/team-names.js';
import { day, worker } from '../helpers/records.js';

describe('foldTeamName', () => {
  it.each([
    ['Assessment Team North', 'assessment team north'],
    ['  Assessment   Team\tNorth ', 'assessment team north'],
    ['Assessment\u00a0Team\u202fNorth', 'assessment team north'],
    ['Children’s Services', "children's services"],
    ["Children's Services", "children's services"],
    ['Children`s Services', "children's services"],
    ['ASSESSMENT TEAM NORTH', 'assessment team north'],
    ['Team 1', 'team 1'],
  ])('%j folds to %j', (name, folded) => expect(foldTeamName(name)).toBe(folded));

  it.each([
    ['Team 1', 'Team 11'],
    ['Assessment Team North', 'Assessment Team South'],
    ['Fostering Team', 'FosteringTeam'],
  ])('%j and %j stay apart', (a, b) => expect(foldTeamName(a)).not.toBe(foldTeamName(b)));

  it('is idempotent, and blind to case and to how words are spaced', () => {
    const word = fc.stringMatching(/^[A-Za-z'’]{1,8}$/);
    const space = fc.constantFrom(' ', '  ', '\u00a0', '\t', ' \u00a0');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), space, (words, gap) => {
        const plain = words.join(' ');
        const other = words.map((w) => w.toUpperCase()).join(gap);
        expect(foldTeamName(foldTeamName(other))).toBe(foldTeamName(other));
        expect(foldTeamName(other)).toBe(foldTeamName(plain));
      }),
    );
  });
});

describe('oneSpellingPerTeam', () => {
  const columnOf = () => 'TEAM';
  it.each([
    ['one spelling: the rows as they were', ['A Team', 'A Team'], ['A Team', 'A Team'], []],
    ['the commonest spelling wins', ['A Team', 'a  team', 'A Team', 'B'], ['A Team', 'A Team', 'A Team', 'B'], ['a  team']],
    ['a tie goes to the first in sort order, whatever the row order', ['a team', 'A Team'], ['A Team', 'A Team'], ['a team']],
    ['two other spellings: an issue each', ['Kids’ Team', "Kids' Team", 'KIDS’ TEAM', 'Kids’ Team'], ['Kids’ Team', 'Kids’ Team', 'Kids’ Team', 'Kids’ Team'], ["Kids' Team", 'KIDS’ TEAM']],
  ])('%s', (_, teams, expected, respelled) => {
    const issues: DataIssue[] = [];
    const rows = teams.map((team, i) => worker({ id: String(i + 1), team }));
    const result = oneSpellingPerTeam(rows, issues, columnOf);
    expect(result.map((r) => r.team)).toEqual(expected);
    expect(issues.map((i) => i.value)).toEqual(respelled);
    expect(issues.every((i) => i.effect === 'kept' && i.field === 'TEAM')).toBe(true);
    if (respelled.length === 0) expect(result).toBe(rows);
  });

  it('a team the data calls "(no team)", however spelt, is read under a name of its own: never merged with subjects that have no team', () => {
    const issues: DataIssue[] = [];
    const rows = ['(no team)', '(No  Team)', '(no team)', 'B'].map((team, i) => worker({ id: String(i + 1), team }));
    expect(oneSpellingPerTeam(rows, issues, columnOf).map((r) => r.team)).toEqual(['Team named (no team)', 'Team named (no team)', 'Team named (no team)', 'B']);
    expect(issues.map((i) => [i.line, i.value, i.problem, i.rows])).toEqual([
      [rows[0]!.line, '(no team)', 'team "(no team)" is the name reports give to subjects with no team known: read as "Team named (no team)"', 2],
      [rows[1]!.line, '(No  Team)', 'team "(No  Team)" is the name reports give to subjects with no team known: read as "Team named (no team)"', undefined],
    ]);
  });
});

describe('missingTeam', () => {
  const dataset = buildDataset(
    {
      ...emptyRecords(),
      workers: [
        worker({ id: '1', team: 'Assessment North', end: '2026-06-30' }),
        worker({ id: '1', team: 'Intake North', start: '2026-07-01' }),
        worker({ id: '2', team: 'Fostering' }),
        worker({ id: '3', team: 'Old Team', end: '2025-01-31' }),
      ],
    },
    ['workers'],
  );
  const asOf = day('2026-10-31');
  it.each([
    ['a team in post on the audit date', 'intake  NORTH', null],
    ['a misspelt team', 'Fosterin', '--team "Fosterin" names no team on 2026-10-31, the audit date: the teams on that date are "Fostering", "Intake North". Give one of those (case, spaces and apostrophes do not matter)'],
    [
      'an earlier name of a team',
      'assessment north',
      '--team "assessment north" names no team on 2026-10-31, the audit date: it is the earlier team of 1 worker now in "Intake North"; the teams on that date are "Fostering", "Intake North". Give one of those (case, spaces and apostrophes do not matter)',
    ],
    ['a team whose workers have all left', 'Old Team', '--team "Old Team" names no team on 2026-10-31, the audit date: the teams on that date are "Fostering", "Intake North". Give one of those (case, spaces and apostrophes do not matter)'],
    [
      'the name reports give to subjects with no team',
      '(No Team)',
      '--team "(No Team)" names no team on 2026-10-31, the audit date: "(no team)" is where reports count subjects with no team known (a case never allocated, a worker in no workers export), not a team an audit can be narrowed to; the teams on that date are "Fostering", "Intake North". Give one of those (case, spaces and apostrophes do not matter)',
    ],
  ])('%s', (_, name, expected) => expect(missingTeam(dataset, asOf, name)).toBe(expected));

  it('a team the export calls "(no team)" is named as it is read', () => {
    const rows = [worker({ id: '1', team: '(no team)' }), worker({ id: '2', team: 'Fostering' })];
    const renamed = buildDataset({ ...emptyRecords(), workers: oneSpellingPerTeam(rows, [], () => 'TEAM') }, ['workers']);
    expect(missingTeam(renamed, asOf, '(no team)')).toBe(
      '--team "(no team)" names no team on 2026-10-31, the audit date: reports count subjects with no team known as "(no team)", so the export\'s team of that name is read as "Team named (no team)". Give --team "Team named (no team)"',
    );
    expect(missingTeam(renamed, asOf, 'team named (no team)')).toBeNull();
  });
});

describe('homeTeams', () => {
  it.each([
    [['Oakwell House (residential)'], 'Oakwell House (residential)', 'oakwell house (residential)'],
    [['Oakwell House (residential)'], 'oakwell house', 'oakwell house (residential)'],
    [['Oakwell House (residential)'], 'Oakwell House Children’s Home', 'oakwell house (residential)'],
    [['Oakwell House'], 'Oakwell House Home', 'oakwell house'],
    [['Oakwell House'], 'Oakwell House (residential)', 'oakwell house'],
    [['Oakwell House (residential)', 'Oakwell House (respite)'], 'Oakwell House', null],
    [['Oakwell House (residential)', 'Oakwell House (respite)'], 'Oakwell House (respite)', 'oakwell house (respite)'],
    [['Oakwell House (residential)'], 'Elm Lodge', null],
    [['Oakwell House (residential)'], 'Oakwell', null],
    [['Home'], 'Home', 'home'],
  ])('teams %j: home %j is team %j', (teams, home, expected) => expect(homeTeams(teams)(home)).toBe(expected));
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_TEAM } from '../../src/audit/teams.js';
import { MAX_FILE_NAME, NO_TEAM_FILE, teamFileNames } from '../../src/report/split.js';

describe('team file names', () => {
  it.each([
    [['Assessment Team North'], { 'Assessment Team North': 'assessment-team-north', [NO_TEAM]: NO_TEAM_FILE }],
    [['unallocated', NO_TEAM], { unallocated: 'unallocated', [NO_TEAM]: NO_TEAM_FILE }],
    [['Children’s Team', 'Children’s Team (no. 2)'], { 'Children’s Team': 'children-s-team', 'Children’s Team (no. 2)': 'children-s-team-no-2', [NO_TEAM]: NO_TEAM_FILE }],
  ])('%j are named %j', (teams, names) => {
    const got = Object.fromEntries(teamFileNames(teams));
    expect(got).toEqual(names);
  });

  it('gives names that fold alike suffixes of their own, the same in either order', () => {
    const a = teamFileNames(['North Team', 'north-team']);
    const b = teamFileNames(['north-team', 'North Team']);
    expect(a.get('North Team')).toBe(b.get('North Team'));
    expect(a.get('north-team')).toBe(b.get('north-team'));
    expect(a.get('North Team')).toMatch(/^north-team-[0-9a-f]{8}$/);
    expect(a.get('North Team')).not.toBe(a.get('north-team'));
  });

  it('cuts a long name, and a team called after the no-team file cannot take it', () => {
    const names = teamFileNames([`Team ${'x'.repeat(300)}`, '_no-team', 'no team']);
    expect(names.get(`Team ${'x'.repeat(300)}`)!.length).toBeLessThanOrEqual(MAX_FILE_NAME);
    expect(names.get('_no-team')).toBe('no-team-' + names.get('_no-team')!.slice(-8));
    expect(names.get(NO_TEAM)).toBe(NO_TEAM_FILE);
    // index.csv keeps its name: a team called Índex has a suffix.
    expect(teamFileNames(['Índex']).get('Índex')).toMatch(/^index-[0-9a-f]{8}$/);
  });

  it('is unique, short and independent of order for any set of teams', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'A', 'b', ' ', '-', 'é', 'e', '_', '团') , maxLength: 80 }), { maxLength: 12 }), (teams) => {
        const names = teamFileNames(teams);
        const reversed = teamFileNames([...teams].reverse());
        const all = teams.map((t) => names.get(t)!);
        expect(new Set(all).size).toBe(all.length);
        for (const team of teams) {
          expect(reversed.get(team)).toBe(names.get(team));
          expect(names.get(team)!.length).toBeLessThanOrEqual(MAX_FILE_NAME + 9);
          expect(names.get(team)).toMatch(team === NO_TEAM ? /^_no-team$/ : /^[a-z0-9-]+$/);
          expect(['index', NO_TEAM_FILE]).not.toContain(team === NO_TEAM ? 'x' : names.get(team));
        }
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * Walsall's homes (REQUIREMENTS.md, "Team names"): a residents export names a home as its staff
 * team is named, compared as names, a suffix such as " Home" tolerated; residents of a home no
 * team is named after on their dates are a data issue, never subjects silently lost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from './helpers.js';
import { auditReport, sampleWith } from '../helpers/sample-copy.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const walsallWith = (changes: Record<string, (text: string) => string>): string => sampleWith(tmp.dir, 'walsall', changes);

const audit = (dir: string): Report => auditReport(dir, 'walsall');

const residential = (r: Report) => ({
  rule: r.summary.rules.find((rule) => rule.requirement === 'WAL-residential')!,
  findings: r.findings.filter((f) => f.requirement === 'WAL-residential').map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort(),
});
const homeIssues = (r: Report) => r.dataIssues.filter((i) => i.field === 'RESIDENTIAL_HOME').map((i) => [i.line, i.value, i.problem, i.effect]);
const clean = audit(join(ROOT, 'samples', 'walsall'));
const home = (name: string) => (text: string) => text.replaceAll('Oakwell House (residential)', name);

describe('a residents export whose home names differ from the staff team’s', () => {
  it('has subjects in the clean sample', () => expect(residential(clean).rule.subjects).toBeGreaterThan(20));

  it.each([
    ['in case', 'OAKWELL HOUSE (RESIDENTIAL)'],
    ['in spacing', 'Oakwell  House\u00a0(residential)'],
    ['by the bracketed suffix', 'Oakwell House'],
    ['by " Children’s Home"', 'Oakwell House Children’s Home'],
    ['by " Home"', 'Oakwell House Home'],
  ])('differing %s: the same subjects and findings, no data issue', (_, name) => {
    const report = audit(walsallWith({ 'residents.csv': home(name) }));
    expect(residential(report)).toEqual(residential(clean));
    expect(homeIssues(report)).toEqual([]);
  });

  it('a home no team is named after: a data issue for each resident row, and no subjects', () => {
    const report = audit(walsallWith({ 'residents.csv': home('Elm Lodge') }));
    expect(residential(report).rule.subjects).toBe(0);
    const problem =
      'no staff team in the workers export is named "Elm Lodge" (nor that but for a suffix such as " Home"): the child\'s home cannot be matched to its staff\'s supervision sessions. Name the home as its staff team is named';
    expect(homeIssues(report)).toEqual([2, 3, 4, 5].map((line) => [line, 'Elm Lodge', problem, 'kept']));
  });

  it('two teams that could be the home: neither is guessed', () => {
    const twoHomes = (text: string) => text.replace(/^(10050,.*),Oakwell House \(residential\),/m, '$1,Oakwell House (respite),');
    const report = audit(walsallWith({ 'residents.csv': home('Oakwell House'), 'workers.csv': twoHomes }));
    expect(homeIssues(report).map(([line]) => line)).toEqual([2, 3, 4, 5]);
  });
});

describe('a staff team renamed while the residents export keeps the old name', () => {
  // The home's staff become "Oakwell Lodge" on 1 July 2026.
  const renamed = (text: string) =>
    text.replace(/^(\d+),(.*),Oakwell House \(residential\),(.*),(\d\d\/\d\d\/\d{4}),,$/gm, (_, id: string, before: string, after: string, start: string) =>
      [`${id},${before},Oakwell House (residential),${after},${start},30/06/2026,`, `${id},${before},Oakwell Lodge,${after},01/07/2026,,`].join('\n'),
    );
  const dir = walsallWith({ 'workers.csv': (text) => renamed(text.replaceAll('\r\n', '\n')) });
  const report = audit(dir);

  it('each resident row still there on 1 July is a data issue from that day', () => {
    expect(readFileSync(join(dir, 'workers.csv'), 'utf8')).toContain('Oakwell Lodge');
    const problem =
      'no staff team is named "Oakwell House (residential)" on 2026-07-01, while the child lives there (was the team renamed?): from then the child\'s home cannot be matched to its staff\'s supervision sessions. Name the home as its staff team is named on those days';
    expect(homeIssues(report)).toEqual([2, 3, 4, 5].map((line) => [line, 'Oakwell House (residential)', problem, 'kept']));
    expect(residential(report).rule.subjects).toBeLessThan(residential(clean).rule.subjects);
    expect(residential(report).rule.subjects).toBeGreaterThan(0);
  });
});

/**
 * The clause map: how a citation names clauses, and what `policies check` refuses in a map
 * (a clause accounted for by nothing, a rule no clause names, a reference that does not hold).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { citedClauses, clauseMapProblems, clauseMapSchema, clauseSourceProblems, type ClauseMap } from '../../src/policy/clauses.js';
import { BUNDLED_POLICIES } from '../../src/policy/load.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

describe('citedClauses', () => {
  it.each([
    ['Barnsley 5.5', ['Barnsley 5.5']],
    ['Haringey 6.1, Appendix 1', ['Haringey 6.1', 'Haringey Appendix 1']],
    ['Barnsley 6.1 (students, ASYE)', ['Barnsley 6.1']],
    ['Haringey 6.2(c)', ['Haringey 6.2(c)']],
    ['Newham 2.3, 3.1, 7.3', ['Newham 2.3', 'Newham 3.1', 'Newham 7.3']],
    ['Portsmouth 4', ['Portsmouth 4']],
    ['Tower Hamlets 7.1, 8.2', ['Tower Hamlets 7.1', 'Tower Hamlets 8.2']],
    ['Tower Hamlets Appendix 1', ['Tower Hamlets Appendix 1']],
  ])('%s names %j', (citation, clauses) => {
    expect(citedClauses(citation)).toEqual(clauses);
  });
});

describe('clauseMapProblems', () => {
  const policy = {
    rules: [
      { requirement: 'TST-1', clause: 'Test 1.1' },
      { requirement: 'TST-2', clause: 'Test 2, Appendix 1' },
    ],
    notCheckable: [{ clause: 'Test 3.2', reason: 'not in the exports' }],
  };
  const map = (clauses: unknown[]): ClauseMap => clauseMapSchema.parse({ clauses });
  const complete = [
    { clause: 'Test 1', noDuty: 'purpose' },
    { clause: 'Test 1.1', rules: ['TST-1'] },
    { clause: 'Test 2', rules: ['TST-2'] },
    { clause: 'Test 3', notCheckable: true },
    { clause: 'Test Appendix 1', rules: ['TST-2'] },
  ];

  it('finds nothing wrong with a complete map (a sub-clause cited is within its clause)', () => {
    expect(clauseMapProblems(map(complete), policy)).toEqual([]);
  });

  it.each([
    ['a rule no clause names', complete.filter((e) => e.clause !== 'Test 1.1'), ['rule TST-1: no clause of the map names it']],
    ['a rule that does not exist', [...complete, { clause: 'Test 4', rules: ['TST-9'] }], ['clauses[5] Test 4: no rule enforces TST-9 in policy.yaml']],
    ['a rule that cites another clause', [...complete, { clause: 'Test 4', rules: ['TST-1'] }], ['clauses[5] Test 4: rule TST-1 cites Test 1.1, not Test 4']],
    ['not checkable with no notCheckable item', [...complete, { clause: 'Test 5', notCheckable: true }], ['clauses[5] Test 5: marked not checkable, but no notCheckable item of policy.yaml cites Test 5']],
    ['a notCheckable item the map does not mark', complete.filter((e) => e.clause !== 'Test 3'), ['notCheckable Test 3.2: the map does not mark Test 3.2 as not checkable']],
    ['a clause listed twice', [...complete, { clause: 'Test 1', noDuty: 'again' }], ['clauses[5] Test 1: listed twice (tell duties of one clause apart with duty)']],
  ])('%s', (_name, clauses, problems) => {
    expect(clauseMapProblems(map(clauses), policy)).toEqual(problems);
  });

  it('refuses an entry that is accounted for by nothing', () => {
    const parsed = clauseMapSchema.safeParse({ clauses: [{ clause: 'Test 9', heading: 'silently skipped' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/give rules and\/or notCheckable: true, or noDuty/);
  });
});

describe('clauseSourceProblems', () => {
  const document = { name: 'source.txt', text: ['Contents', '1. Purpose', '2. Frequency', '', '1. Purpose', 'Why we supervise.', '2. Frequency', '2.1 Monthly for social workers.', '2.2 Weekly for new starters.', '3. Records', 'Kept for six years.'].join('\n') };
  const policy = (clauses: string[]) => ({ rules: clauses.map((clause, i) => ({ requirement: `TST-${i}`, clause })) });
  const map = (clauses: unknown[]): ClauseMap => clauseMapSchema.parse({ clauses });
  const own = [
    { clause: 'Test 1', noDuty: 'purpose' },
    { clause: 'Test 2', noDuty: 'a heading' },
    { clause: 'Test 2.1', rules: ['TST-0'] },
    { clause: 'Test 2.2', rules: ['TST-1'] },
    { clause: 'Test 3', notCheckable: true },
  ];

  it.each<[string, unknown[], string[], string[]]>([
    ['an entry for every numbered clause', own, ['Test 2.1', 'Test 2.2'], []],
    ['parts grouped under their clause, which says so', [own[0], { clause: 'Test 2', rules: ['TST-0'], parts: 'all' }, own[4]], ['Test 2'], []],
    // A duty must not vanish under its heading's entry.
    ['a part whose entry is gone', own.filter((e) => e.clause !== 'Test 2.2'), ['Test 2.1'], ['clauses[1] Test 2: Test 2.2 of source.txt has no entry of its own: give it one, or add parts: all to this entry if it accounts for it (a numbered line that is no clause, a step of instructions: noDuty: not a clause)']],
    ['a clause with no entry at all', own.filter((e) => e.clause !== 'Test 3'), ['Test 2.1', 'Test 2.2'], ['Test 3 of source.txt has no entry of its own: give it one (a numbered line that is no clause, a step of instructions: noDuty: not a clause)']],
    ['an entry for a clause the document does not number', [...own, { clause: 'Test 7.1', noDuty: 'x' }], ['Test 2.1', 'Test 2.2'], ['clauses[5] Test 7.1: source.txt numbers no clause 7.1']],
    ['a rule citing a part the document numbers otherwise', own, ['Test 2.1', 'Test 2.2', 'Test 2.9'], ['rule TST-2 cites Test 2.9: source.txt numbers no such clause']],
    // Parts the document does not number (3 has none), lettered parts and appendices are never refused.
    ['parts the document does not number, lettered parts and appendices', own, ['Test 2.1', 'Test 2.2(c)', 'Test 3.4, Appendix 2'], []],
    // Each duty of a clause the document does not number is an entry; the clause is said once.
    ['duties of a clause the document does not number', [...own, { clause: 'Test 7.1', duty: 'a', noDuty: 'x' }, { clause: 'Test 7.1', duty: 'b', noDuty: 'y' }], ['Test 2.1', 'Test 2.2'], ['clauses[5] Test 7.1 (a): source.txt numbers no clause 7.1']],
  ])('%s', (_name, clauses, citations, problems) => {
    expect(clauseSourceProblems(map(clauses), policy(citations), document)).toEqual(problems);
  });

  it('reads an authority of two words, and takes no list or sentence beginning with a number for a clause', () => {
    const text = ['1. Purpose', '- 1.1 Why we supervise.', '2 Frequency', '- 4 weeks after starting, an agreement.', '6 weeks is the minimum.', '12 months: a review.'].join('\n');
    const tower = map([
      { clause: 'Tower Hamlets 1', noDuty: 'purpose', parts: 'all' },
      { clause: 'Tower Hamlets 2', rules: ['TST-0'] },
    ]);
    expect(clauseSourceProblems(tower, policy(['Tower Hamlets 2']), { name: 'source.txt', text })).toEqual([]);
  });
});

describe('policies check and show', () => {
  const tmp = tempFolder();

  it('check fails, naming the entry, when a numbered clause of the document lost its entry under its heading\'s', async () => {
    const dir = join(tmp.dir, 'barnsley-parts');
    cpSync(join(BUNDLED_POLICIES, 'barnsley'), dir, { recursive: true });
    const file = join(dir, 'clauses.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('    noDuty: what the policy is for and what supervision is\n    parts: all\n', '    noDuty: what the policy is for and what supervision is\n'));
    const run = await runMain('policies', 'check', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('clauses[0] Barnsley 1: Barnsley 1.1 of source.txt has no entry of its own: give it one, or add parts: all to this entry if it accounts for it (a numbered line that is no clause, a step of instructions: noDuty: not a clause)');
    expect(run.stderr).toContain('Barnsley 1.3 of source.txt');
  });

  it('check fails, naming the clause, when a clause of the map is accounted for by nothing', async () => {
    const dir = join(tmp.dir, 'newham');
    cpSync(join(BUNDLED_POLICIES, 'newham'), dir, { recursive: true });
    const file = join(dir, 'clauses.yaml');
    const content = parse(readFileSync(file, 'utf8')) as { clauses: Array<Record<string, unknown>> };
    const entry = content.clauses.find((e) => e['clause'] === 'Newham 2.3')!;
    delete entry['notCheckable'];
    writeFileSync(file, stringify(content));
    const run = await runMain('policies', 'check', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('clauses.yaml');
    expect(run.stderr).toContain('Newham 2.3');
  });

  it('check says every clause is accounted for', async () => {
    const run = await runMain('policies', 'check', join(BUNDLED_POLICIES, 'newham'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/37 clauses, each accounted for/);
  });

  it('show prints the clause map', async () => {
    const run = await runMain('policies', 'show', 'newham');
    expect(run.stdout).toContain('Clause map (37 clauses of the source document, each accounted for):');
    expect(run.stdout).toMatch(/Newham 11\.3\s+the file's four sections .* → rules NEW-11\.3-registration, NEW-11\.3-dbs; not checkable/);
    expect(run.stdout).toMatch(/Newham 7\.2\s+.* → rules NEW-7\.2-oversight, NEW-7\.2-formal, NEW-7\.2-decisions/);
  });
});

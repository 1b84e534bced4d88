/**
 * An authority's own policy, written as a QA officer would: started with `policies new` from a
 * bundled one and their own document, the clause map filled in, checked, and a first audit run.
 * And every problem `policies check` and the loader name, each with its exact sentence.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { citedClauses } from '../../src/policy/clauses.js';
import { BUNDLED_POLICIES, bundledPolicyIds } from '../../src/policy/load.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

interface Entry {
  clause: string;
  heading?: string;
  rules?: string[];
  notCheckable?: true;
  noDuty?: string;
}

/** What an author does with a started clause map: each clause given the rules citing it, or marked. */
function fillClauseMap(folder: string): void {
  const policy = parse(readFileSync(join(folder, 'policy.yaml'), 'utf8')) as { rules: Array<{ requirement: string; clause: string }>; notCheckable: Array<{ clause: string }> };
  const file = join(folder, 'clauses.yaml');
  const map = parse(readFileSync(file, 'utf8')) as { clauses: Entry[] };
  const within = (cited: string, clause: string): boolean => cited === clause || cited.startsWith(`${clause}.`) || cited.startsWith(`${clause}(`);
  /** The entry a citation belongs to: the narrowest clause of the map it is within, else a new entry for it. */
  const entryFor = (cited: string): Entry => {
    const candidates = map.clauses.filter((e) => within(cited, e.clause)).sort((a, b) => b.clause.length - a.clause.length);
    if (candidates[0]) return candidates[0];
    const entry: Entry = { clause: cited };
    map.clauses.push(entry);
    return entry;
  };
  for (const rule of policy.rules) {
    for (const cited of citedClauses(rule.clause)) {
      const entry = entryFor(cited);
      entry.rules = [...new Set([...(entry.rules ?? []), rule.requirement])];
    }
  }
  for (const item of policy.notCheckable) for (const cited of citedClauses(item.clause)) entryFor(cited).notCheckable = true;
  for (const entry of map.clauses) if (!entry.rules && !entry.notCheckable) entry.noDuty = 'guidance, not a duty';
  writeFileSync(file, stringify(map));
}

function rulesOf(report: string): string[] {
  const parsed = JSON.parse(report) as { summary: { rules: Array<{ requirement: string; check: string; status: string; subjects: number; exceptions: number }> } };
  return parsed.summary.rules.map((r) => `${r.requirement.slice(4)} ${r.check} ${r.status} ${r.subjects} ${r.exceptions}`);
}

describe.each(bundledPolicyIds())('a policy of ones own, started from %s', (id) => {
  it('is started, lists what is left to do, passes once the clause map is filled in, and audits the sample as the bundled policy does', async () => {
    const folder = join(tmp.dir, `own-${id}`);
    const document = join(tmp.dir, `${id}-document.txt`);
    cpSync(join(BUNDLED_POLICIES, id, 'source.txt'), document);

    const started = await runMain('policies', 'new', 'ownshire', '--from', id, '--source', document, '--output', folder);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^Wrote .*:\n {2}policy\.yaml: the \d+ rules of .*, as OWN- requirements citing Ownshire clauses\n/);
    for (const file of ['policy.yaml', 'adapter.yaml', 'source.txt', 'clauses.yaml']) expect(existsSync(join(folder, file))).toBe(true);

    const todo = await runMain('policies', 'check', folder);
    expect(todo.code).toBe(2);
    expect(todo.stderr).toMatch(/clauses\.yaml(: | has \d+ problems:\n {2}- )line \d+, column 5, clauses\[0\]: Ownshire \S+ is not yet accounted for: give rules and\/or notCheckable: true, or noDuty/);

    fillClauseMap(folder);
    const checked = await runMain('policies', 'check', folder);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/: valid\n$/);

    const args = ['audit', join('samples', id), '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none'];
    const own = await runMain(...args, '--policy', folder);
    const bundled = await runMain(...args, '--policy', id);
    expect(own.code).toBe(0);
    expect(rulesOf(own.stdout)).toEqual(rulesOf(bundled.stdout));
  });

  it('started without a document of its own, is the bundled policy renamed, valid at once', async () => {
    const folder = join(tmp.dir, `copy-${id}`);
    expect((await runMain('policies', 'new', 'ownshire', '--from', id, '--output', folder)).code).toBe(0);
    const policy = readFileSync(join(folder, 'policy.yaml'), 'utf8');
    expect(policy).toMatch(/^id: ownshire$/m);
    expect(policy).not.toMatch(/requirement: (?!OWN-)/);
    // The readings and reasons, the tool's words, name the new authority and its requirements, never the bundled one's.
    const { rules, notCheckable } = parse(policy) as { rules: Array<{ reading?: string }>; notCheckable?: Array<{ reason?: string }> };
    const texts = [...rules.map((r) => r.reading ?? ''), ...(notCheckable ?? []).map((n) => n.reason ?? '')].join('\n');
    expect(texts).not.toMatch(new RegExp(`\\b(${id.slice(0, 3).toUpperCase()}-|${id[0]!.toUpperCase()}${id.slice(1)}\\b)`));
    const checked = await runMain('policies', 'check', folder);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });
});

describe('policies new refuses', () => {
  it.each([
    [['Ownshire', '--from', 'barnsley'], 'supervision-audit: Ownshire: a policy id is lower case letters, digits and hyphens, such as kirklees\n'],
    [['ab-1', '--from', 'barnsley'], 'supervision-audit: ab-1: a policy id needs at least three letters: its requirement ids begin with the first three (KIR- for kirklees)\n'],
    [['ownshire', '--from', 'atlantis'], 'supervision-audit: atlantis: no such bundled policy to start from (bundled: barnsley, haringey, newham, portsmouth, walsall)\n'],
    [['ownshire', '--from', 'barnsley', '--source', 'nowhere.txt'], 'supervision-audit: nowhere.txt: no such file: --source names the policy document, as plain text\n'],
  ])('%j', async (args, sentence) => {
    const run = await runMain('policies', 'new', ...args, '--output', join(tmp.dir, 'refused'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(sentence);
    expect(existsSync(join(tmp.dir, 'refused'))).toBe(false);
  });

  it('to overwrite a folder', async () => {
    const folder = join(tmp.dir, 'taken');
    expect((await runMain('policies', 'new', 'ownshire', '--from', 'walsall', '--output', folder)).code).toBe(0);
    writeFileSync(join(folder, 'policy.yaml'), 'mine');
    const again = await runMain('policies', 'new', 'ownshire', '--from', 'walsall', '--output', folder);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`supervision-audit: ${folder}: already exists: give another id, or a new folder with --output (nothing is overwritten)\n`);
    expect(readFileSync(join(folder, 'policy.yaml'), 'utf8')).toBe('mine');
  });
});

/** A copy of the Walsall policy, its files changed by `edit`, checked. */
async function checkEdited(name: string, edit: (folder: string) => void): Promise<{ code: number; stderr: string; folder: string }> {
  const folder = join(tmp.dir, name);
  cpSync(join(BUNDLED_POLICIES, 'walsall'), folder, { recursive: true });
  edit(folder);
  const run = await runMain('policies', 'check', folder);
  return { code: run.code, stderr: run.stderr, folder };
}

const replaceIn = (file: string, from: string, to: string): void => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  writeFileSync(file, text.replace(from, to));
};

describe('policies check names every problem, where it is', () => {
  it.each<[string, 'policy.yaml' | 'adapter.yaml', (folder: string) => void, string[]]>([
    [
      'an unknown key of a check, with the rule, its place and the accepted keys',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), '      every: 1 month\n', '      every: 1 month\n      plans: [cin]\n'),
      ['line 20, column 7, rule WAL-monthly, rules[0].params.plans: unknown key "plans" (accepted: roles, counts, every, stages, stageFrom)'],
    ],
    [
      'an interval its parameter refuses, with an example it accepts',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), 'every: 1 month', 'every: 1 fortnight'),
      ['line 19, column 14, rule WAL-monthly, rules[0].params.every: "1 fortnight" is not an interval in days, weeks, months (for example "14 days" or "2 weeks")'],
    ],
    [
      'a fraction of a unit, with whole numbers it accepts',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), 'every: 1 month', 'every: 1.5 months'),
      ['line 19, column 14, rule WAL-monthly, rules[0].params.every: "1.5 months" is not a whole number of days, weeks, months (for example "14 days" or "2 weeks")'],
    ],
    [
      'a period longer than ten years',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), 'every: 1 month', 'every: 1200000 months'),
      ['line 19, column 14, rule WAL-monthly, rules[0].params.every: "1200000 months" is longer than a policy can mean: at most 120 months (ten years)'],
    ],
    [
      'a value that is not one of those allowed',
      'adapter.yaml',
      (f) => replaceIn(join(f, 'adapter.yaml'), 'system: mosaic', 'system: mosaik'),
      ['line 3, column 9, system: "mosaik" is not allowed here (allowed: mosaic, azeus, liquidlogic)'],
    ],
    [
      'a source document that is not there',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), 'source: source.txt', 'source: nothere.txt'),
      ['line 8, column 9, source: nothere.txt is not beside policy.yaml: copy the policy\'s own document there, as plain text'],
    ],
    [
      'a quote that is not in the source document',
      'policy.yaml',
      (f) => replaceIn(join(f, 'source.txt'), 'at least monthly', 'at least each month'),
      [
        'line 13, column 12, rule WAL-monthly, rules[0].words: "In Residential Services all staff and volunteers will receive formal supervision at least monthly." is not in source.txt (spaces and line breaks aside): quote the document exactly, leaving words out with " ... "',
        'line 61, column 12, rule WAL-residential, rules[3].words: "In Residential Services all staff and volunteers will receive formal supervision at least monthly. Every child resident in the home will be discussed at each session." is not in source.txt (spaces and line breaks aside): quote the document exactly, leaving words out with " ... "',
      ],
    ],
    [
      'a value of the wrong kind, with what the place takes',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), 'every: 1 month', 'every: 5'),
      ['line 19, column 14, rule WAL-monthly, rules[0].params.every: 5 is not an interval in days, weeks, months (at most ten years)'],
    ],
    [
      'a key left out',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), 'title: Supervision Guidance\n', ''),
      ['line 4, column 1, title: missing: give text'],
    ],
    [
      'an unknown key of a rule, with the keys a rule takes',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), '  - requirement: WAL-cases\n', '  - requirement: WAL-cases\n    reasons: [x]\n'),
      ['line 23, column 5, rule WAL-cases, rules[1].reasons: unknown key "reasons" (accepted: requirement, clause, words, check, params, reading)'],
    ],
    [
      'a rhythm misspelt: what to give, beside the key it does not know',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), '      every: 1 month\n', '      evrey: 1 month\n'),
      [
        'line 18, column 7, rule WAL-monthly, rules[0].params: give "every", or "stages" for a worker\'s first months',
        'line 19, column 7, rule WAL-monthly, rules[0].params.evrey: unknown key "evrey" (accepted: roles, counts, every, stages, stageFrom)',
      ],
    ],
    [
      'stages out of order of time, one of which would never apply',
      'policy.yaml',
      (f) => replaceIn(join(f, 'policy.yaml'), '      every: 1 month\n', '      stages:\n        - { before: 6 months, every: 2 weeks }\n        - { before: 6 weeks, every: 1 week }\n        - { every: 1 month }\n'),
      ['line 21, column 21, rule WAL-monthly, rules[0].params.stages[1].before: stages must be in order of time: "before: 6 weeks" is listed after "before: 6 months" but ends no later, so this stage would never apply'],
    ],
    [
      'an empty file',
      'policy.yaml',
      (f) => writeFileSync(join(f, 'policy.yaml'), ''),
      ['the file is empty: give a mapping of id, title, authority, version, source, rules, notCheckable'],
    ],
  ])('%s', async (name, file, edit, problems) => {
    const { code, stderr, folder } = await checkEdited(name.replace(/\W+/g, '-'), edit);
    expect(code).toBe(2);
    const path = join(folder, file);
    expect(stderr).toBe(problems.length === 1 ? `${path}: ${problems[0]}\n` : `${path} has ${problems.length} problems:\n${problems.map((p) => `  - ${p}\n`).join('')}`);
  });

  it('a renamed column the export layout does not have, at the column, with the columns it has', async () => {
    const { code, stderr, folder } = await checkEdited('renamed', (f) => replaceIn(join(f, 'adapter.yaml'), 'service: children\n', 'service: children\ncolumns:\n  workers:\n    JOB_TTLE: Post\n'));
    expect(code).toBe(2);
    expect(stderr.startsWith(`${join(folder, 'adapter.yaml')}: line 7, column 5, columns.workers.JOB_TTLE: Mosaic workers has no column JOB_TTLE (its columns: WORKER_ID, `)).toBe(true);
  });

  it('no adapter.yaml is valid, and said: each system\'s own columns and codes are read', async () => {
    const folder = join(tmp.dir, 'no-adapter');
    cpSync(join(BUNDLED_POLICIES, 'walsall'), folder, { recursive: true });
    rmSync(join(folder, 'adapter.yaml'));
    const run = await runMain('policies', 'check', folder);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/; no adapter.yaml, so exports are read with each system's own columns and codes: valid\n$/);
  });

  it('a missing clause map, with the command that starts it, which then starts it', async () => {
    const { code, stderr, folder } = await checkEdited('no-map', (f) => rmSync(join(f, 'clauses.yaml')));
    const map = join(folder, 'clauses.yaml');
    expect(code).toBe(2);
    expect(stderr).toBe(`${map}: no clause map: start one from the numbered clauses of the source document with: supervision-audit policies clauses ${folder}\n`);
    const start = await runMain('policies', 'clauses', folder);
    expect(start.stdout).toBe(`Wrote ${map}: 1 numbered clauses of source.txt, none yet accounted for\n`);
    expect(parse(readFileSync(map, 'utf8'))).toEqual({ clauses: [{ clause: 'Walsall 1.3', heading: 'Supervision Guidance' }] });
    const again = await runMain('policies', 'clauses', folder);
    expect(again.stderr).toBe(`supervision-audit: ${map}: already exists (nothing is overwritten): edit it, or remove it to start again\n`);
  });

  it('every problem of every file in one run', async () => {
    const { code, stderr, folder } = await checkEdited('many', (f) => {
      replaceIn(join(f, 'policy.yaml'), 'every: 1 month', 'every: 1 fortnight');
      replaceIn(join(f, 'policy.yaml'), 'source: source.txt', 'source: nothere.txt');
      replaceIn(join(f, 'adapter.yaml'), 'system: mosaic', 'system: mosaic\nsytem: mosaic');
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        `${join(folder, 'policy.yaml')} has 2 problems:`,
        '  - line 8, column 9, source: nothere.txt is not beside policy.yaml: copy the policy\'s own document there, as plain text',
        '  - line 19, column 14, rule WAL-monthly, rules[0].params.every: "1 fortnight" is not an interval in days, weeks, months (for example "14 days" or "2 weeks")',
        `${join(folder, 'adapter.yaml')}: line 4, column 1, sytem: unknown key "sytem" (accepted: system, service, dateFormat, columns, codes, staffRecords, questions, files)`,
        '',
      ].join('\n'),
    );
  });

  it('a YAML error whole: its sentence and the lines it points at', async () => {
    const { stderr, folder } = await checkEdited('yaml', (f) => replaceIn(join(f, 'policy.yaml'), 'source: source.txt', 'source: source.txt\nid: again'));
    expect(stderr).toBe(`${join(folder, 'policy.yaml')}: Map keys must be unique at line 9, column 1:\n      source: source.txt\n      id: again\n      ^\n`);
  });

  it('a YAML error quoting a line with an escape sequence shows it escaped, never raw', async () => {
    const { stderr } = await checkEdited('escape', (f) => writeFileSync(join(f, 'policy.yaml'), 'id: x\u001b]0;title\u0007\n  bad: : :\n'));
    expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(stderr).toContain('id: x\\x1b]0;title\\x07');
  });

  it('an alias bomb, naming the file', async () => {
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
    const { code, stderr, folder } = await checkEdited('bomb', (f) => writeFileSync(join(f, 'adapter.yaml'), `${bomb}\n${readFileSync(join(f, 'adapter.yaml'), 'utf8')}`));
    expect(code).toBe(2);
    expect(stderr).toBe(`${join(folder, 'adapter.yaml')}: its aliases (*name) expand to more than 100 copies, which no policy needs: write the values out where they are used\n`);
  });

  it('stops an audit on load too, for a period no policy can mean', async () => {
    const { folder } = await checkEdited('long-audit', (f) => replaceIn(join(f, 'policy.yaml'), 'every: 1 month', 'every: 9999999999 days'));
    const run = await runMain('audit', 'samples/walsall', '--policy', folder, '--as-of', '2026-10-31');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: ${join(folder, 'policy.yaml')}: line 19, column 14, rule WAL-monthly, rules[0].params.every: "9999999999 days" is longer than a policy can mean: at most 3653 days (ten years)\n`);
  });
});

describe('policies new, from the bundled newham policy', () => {
  it('renames the requirement ids and the authority its readings and reasons name', async () => {
    const folder = join(tmp.dir, 'renamed-readings');
    expect((await runMain('policies', 'new', 'ownshire', '--from', 'newham', '--output', folder)).code).toBe(0);
    const policy = parse(readFileSync(join(folder, 'policy.yaml'), 'utf8')) as { rules: Array<{ requirement: string; reading?: string }>; notCheckable: Array<{ reason?: string }> };
    expect(policy.rules.find((r) => r.requirement === 'OWN-6.1-agreement')!.reading).toBe(
      "\"At the start\" is within 1 month of a worker's first named supervisor; reviews every 6 months from the signing or the last review, whoever the supervisor. A new supervisor is OWN-12.1.",
    );
    expect(policy.notCheckable[0]!.reason).toBe(
      'Whether supervision is reflective, purposeful and reflects the Ownshire Practice Framework is a judgement on the content of the record, which the audit does not read.',
    );
  });
});

describe('policies show', () => {
  it('prints stageFrom only for a rule with stages: a rule not about ASYE workers has none', async () => {
    const shown = (await runMain('policies', 'show', 'barnsley')).stdout.split('\n').filter((l) => l.startsWith('  params:'));
    expect(shown.filter((l) => l.includes('stageFrom'))).toEqual([
      '  params:  { roles: [asye], counts: [planned], stages: [{ before: 3 months, every: 1 week }, { before: 6 months, every: 2 weeks }, { every: 1 month }], stageFrom: asye-start }',
      '  params:  { roles: [asye], counts: [planned], stages: [{ before: 3 months, minimum: 60 }, { before: 6 months }, { minimum: 90 }], stageFrom: asye-start }',
    ]);
    expect(shown).toContain('  params:  { roles: [student], counts: [planned], every: 1 week }');
  });
});

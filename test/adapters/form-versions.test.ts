/**
 * Liquid Logic forms that change (REQUIREMENTS.md, "Forms exported one row per answer"): a form
 * version that renames a question is a data issue naming the adapter.yaml line that maps it,
 * and with that line the audit reads as before; topics come separated any of the ways people
 * and form versions write them; an unknown topic is a data issue like any unknown code.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from '../e2e/helpers.js';
import { runBuiltMain } from '../helpers/run-main.js';
import { sampleWith } from '../helpers/sample-copy.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
let n = 0;

const answersWith = (sample: string, answers: (text: string) => string): string => sampleWith(tmp.dir, sample, { 'form_answers.csv': answers });

function policyWith(sample: string, extra: string): string {
  const dir = join(tmp.dir, `${sample}-policy-${++n}`);
  cpSync(join(ROOT, 'policies', sample), dir, { recursive: true });
  writeFileSync(join(dir, 'adapter.yaml'), `${readFileSync(join(dir, 'adapter.yaml'), 'utf8')}\n${extra}\n`);
  return dir;
}

const audit = (dir: string, policy: string, ...extra: string[]) => runBuiltMain('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...extra);
const report = async (dir: string, policy: string): Promise<Report> => {
  const run = await audit(dir, policy);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
};
const withoutSources = (r: Report) => r.findings.map(({ source: _source, ...rest }) => JSON.stringify(rest)).sort();
const clean = { haringey: await report(join(ROOT, 'samples', 'haringey'), 'haringey'), portsmouth: await report(join(ROOT, 'samples', 'portsmouth'), 'portsmouth') };

/** The question renamed in the answers of forms answered from April 2026, as a new form version does. */
const renamedFromApril = (from: string, to: string) => (text: string) =>
  text.replace(new RegExp(`^(\\d+,SUPERVISION,[^,]*,[^,]*,[^,]*),${from},([^\\n]*,2026-(0[4-9]|1\\d)-[^\\n]*)$`, 'gm'), `$1,${to},$2`);

describe('a form version that renames a question', () => {
  it.each([
    ['DurationMins', 'Duration'],
    ['DiversityDiscussed', 'DiversityDiscussion'],
  ])('%s renamed %s: the audit stops naming the line to add, or audits the forms as read with one data issue for the file; with it, the clean findings', async (from, to) => {
    const dir = answersWith('haringey', renamedFromApril(from, to));
    const text = readFileSync(join(dir, 'form_answers.csv'), 'utf8');
    const lines = text.split('\n');
    const renamed = lines.filter((l) => l.includes(`,${to},`)).length;
    expect(renamed).toBeGreaterThan(100);
    const first = lines.findIndex((l) => l.includes(`,${to},`)) + 1;

    // An optional answer missing from every form since the change would be a false finding on each.
    const stopped = await audit(dir, 'haringey');
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toBe(
      `supervision-audit: ${dir}/form_answers.csv: ${renamed} forms, the first at line ${first}, answer question ${to}, which no layout reads, and have no ${from}, which the forms completed before them answer, so each would be judged as if ${from} had no answer. If ${to} is ${from} under a new name, add to policies/haringey/adapter.yaml: questions: { ${to}: ${from} } and run again, or run with --max-rejected 100 to audit the forms as read.\n`,
    );
    const read = await audit(dir, 'haringey', '--max-rejected', '100');
    expect(read.code, read.stderr).toBe(0);
    const unmapped = JSON.parse(read.stdout) as Report;
    const issues = unmapped.dataIssues.filter((i) => i.value === to).map((i) => [i.line, i.field, i.problem, i.effect, i.rows]);
    expect(issues).toEqual([
      [
        first,
        'ANSWER_NO',
        `question ${to} is not one the supervision form's layout reads, so its answers are not used; the forms that answer it have no ${from}: if it is ${from} under a new name, add to policies/haringey/adapter.yaml: questions: { ${to}: ${from} }`,
        'value ignored',
        renamed,
      ],
    ]);
    expect(withoutSources(unmapped)).not.toEqual(withoutSources(clean.haringey));

    const mapped = await report(dir, policyWith('haringey', `questions:\n  ${to}: ${from}`));
    expect(withoutSources(mapped)).toEqual(withoutSources(clean.haringey));
    expect(mapped.dataIssues.filter((i) => i.value === to)).toEqual([]);
  });

  it('never stops for a renamed question no check reads (Notes), nor for fewer than five forms, however many rows they give it', async () => {
    const notes = await report(answersWith('haringey', renamedFromApril('Notes', 'SessionNotes')), 'haringey');
    expect(notes.dataIssues.filter((i) => i.value === 'SessionNotes').map((i) => i.problem)).toEqual([
      "question SessionNotes is not one the supervision form's layout reads, so its answers are not used; the forms that answer it have no Notes: if it is Notes under a new name, add to policies/haringey/adapter.yaml: questions: { SessionNotes: Notes }",
    ]);
    // One form whose duration is given as five rows of a question no layout reads: one form, not five.
    const oneForm = answersWith('haringey', (text) => text.replace(/^(\d+,SUPERVISION,[^,]*,[^,]*,[^,]*),DurationMins,([^\n]*)$/m, (_, form: string, rest: string) => Array.from({ length: 5 }, () => `${form},SessionLength,${rest}`).join('\n')));
    const one = await report(oneForm, 'haringey');
    expect(one.dataIssues.filter((i) => i.value === 'SessionLength').map((i) => i.rows)).toEqual([5]);
  });

  it('never stops for a question some forms add, however it goes with their status: one on every completed form, one on cancelled forms only', async () => {
    const extra = (status: string, question: string, answer: string) => (text: string) =>
      text.replace(new RegExp(`^(\\d+,SUPERVISION,[^,]*,[^,]*,${status}),SupDate,[^,]*,(.*)$`, 'gm'), (row: string, form: string, dates: string) => `${row}\n${form},${question},${answer},${dates}`);
    for (const sample of ['haringey', 'portsmouth'] as const) {
      const dir = answersWith(sample, (text) => extra('CANCELLED', 'CancelledBy', 'Manager')(extra('COMPLETE', 'ActionsAgreed', 'Agreed')(text)));
      const read = await report(dir, sample);
      expect(read.dataIssues.filter((i) => i.value === 'ActionsAgreed' || i.value === 'CancelledBy').length).toBe(2);
      expect(withoutSources(read)).toEqual(withoutSources(clean[sample]));
    }
  });

  it('a question renamed on every form that the audit needs stops it, the message naming the questions the forms have', async () => {
    const dir = answersWith('haringey', (text) => text.replace(/^(\d+,SUPERVISION,[^,]*,[^,]*,[^,]*),SupDate,/gm, '$1,SessionDate,'));
    const run = await audit(dir, 'haringey');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the supervision form \d+ has no SupDate answer \(its questions: SessionDate, which the layout does not read, and SupervisorId, SupType/);
    // The stop gives the line that reads the question, which the report it stops would have listed.
    const answering = readFileSync(join(dir, 'form_answers.csv'), 'utf8').split('\n');
    const first = answering.findIndex((l) => l.includes(',SessionDate,')) + 1;
    const rows = answering.filter((l) => l.includes(',SessionDate,')).length;
    expect(run.stderr).toContain(
      ` Line ${first}, ANSWER_NO "SessionDate" (${rows.toLocaleString('en-GB')} rows): question SessionDate is not one the supervision form's layout reads, so its answers are not used; if it is one of its questions (SupDate, SupervisorId, SupType, DurationMins, CancelReason, DiversityDiscussed, SupervisorSignedDate, SuperviseeSignedDate, Topics, Notes, Wellbeing) under a new name, add to policies/haringey/adapter.yaml: questions: { SessionDate: <that question> }. Correct the export or the adapter and run again, or run with --max-rejected 100 to audit what could be read.\n`,
    );
    const mapped = await report(dir, policyWith('haringey', 'questions:\n  SessionDate: SupDate'));
    expect(withoutSources(mapped)).toEqual(withoutSources(clean.haringey));
  });

  it('a stop quotes three questions no layout reads at most, and counts the rest', async () => {
    const extra = Array.from({ length: 10 }, (_, i) => `9000001,SUPERVISION,10001,,CANCELLED,Extra${String.fromCharCode(65 + i)},x,,`).join('\n');
    const dir = answersWith('haringey', (text) => `${text.replace(/^(\d+,SUPERVISION,[^,]*,[^,]*,[^,]*),SupDate,/gm, '$1,SessionDate,').trimEnd()}\n${extra}\n`);
    const run = await audit(dir, 'haringey');
    expect(run.code).toBe(2);
    expect(run.stderr.match(/ Line \d+, ANSWER_NO "/g)).toHaveLength(3);
    expect(run.stderr).toContain(' And 8 more questions no layout reads. Correct the export or the adapter and run again');
  });

  it('an adapter.yaml question that is no question of the layout is refused, naming the questions', async () => {
    const run = await audit(join(ROOT, 'samples', 'haringey'), policyWith('haringey', 'questions:\n  Duration: Minutes'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('questions.Duration: Liquid Logic forms have no question Minutes (their questions: SupDate, SupervisorId, SupType, DurationMins,');
  });

  it.each([
    ['questions:\n  SupType: Notes', "questions.SupType: SupType is already one of Liquid Logic forms' questions, so its answers cannot also be read as Notes"],
    // Two questions swapped, as for a form version that mislabels them: neither can be read as the other.
    ['questions:\n  SupervisorSignedDate: SuperviseeSignedDate\n  SuperviseeSignedDate: SupervisorSignedDate', "questions.SuperviseeSignedDate: SuperviseeSignedDate is already one of Liquid Logic forms' questions"],
    ['questions:\n  supdate: SupervisorSignedDate', "questions.supdate: supdate is already one of Liquid Logic forms' questions (SupDate), so its answers cannot also be read as SupervisorSignedDate"],
  ])('an adapter.yaml question that is one of the layout\'s own is refused: %j', async (extra, message) => {
    const run = await audit(join(ROOT, 'samples', 'portsmouth'), policyWith('portsmouth', extra));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('a refused adapter.yaml question is placed at its own line', async () => {
    const policy = policyWith('portsmouth', 'questions:\n  Duration: DurationMins\n  SupType: Notes');
    const line = readFileSync(join(policy, 'adapter.yaml'), 'utf8').split('\n').indexOf('  SupType: Notes') + 1;
    const run = await audit(join(ROOT, 'samples', 'portsmouth'), policy);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`adapter.yaml: line ${line}, column 3, questions.SupType: SupType is already one of`);
  });

  it('an adapter.yaml question that is one of the layout\'s own, as the layout writes it or not, mapped to itself changes nothing', async () => {
    expect(withoutSources(await report(join(ROOT, 'samples', 'portsmouth'), policyWith('portsmouth', 'questions:\n  SUPDATE: SupDate\n  " notes ": Notes')))).toEqual(withoutSources(clean.portsmouth));
  });
});

describe('topics', () => {
  const inTopics = (change: (topics: string, i: number) => string) => (text: string) => {
    let i = 0;
    return text.replace(/^(\d+,SUPERVISION,[^,]*,[^,]*,[^,]*,Topics,)([^,\n]*)(,.*)$/gm, (_, head: string, topics: string, tail: string) => `${head}${change(topics, i++)}${tail}`);
  };
  const quoted = (value: string): string => `"${value}"`;

  it.each([
    ['commas', (t: string) => quoted(t.replaceAll(';', ', '))],
    ['bars', (t: string) => t.replaceAll(';', ' | ')],
    ['new lines', (t: string) => quoted(t.replaceAll(';', '\n'))],
    ['new lines with a carriage return, in Excel’s way', (t: string) => quoted(t.replaceAll(';', '\r\n'))],
    ['each of them in turn', (t: string, i: number) => (i % 4 === 0 ? t : i % 4 === 1 ? quoted(t.replaceAll(';', ',')) : i % 4 === 2 ? t.replaceAll(';', '|') : quoted(t.replaceAll(';', '\n')))],
  ])('separated by %s: the clean findings, no data issue', async (_, change) => {
    const dir = answersWith('portsmouth', inTopics(change));
    const changed = await report(dir, 'portsmouth');
    expect(withoutSources(changed)).toEqual(withoutSources(clean.portsmouth));
    expect(changed.dataIssues.length).toBe(clean.portsmouth.dataIssues.length);
  });

  it('an unknown topic word is a data issue at its row; the form’s other topics still count', async () => {
    const dir = answersWith('portsmouth', inTopics((t, i) => (i === 0 ? `${t};Wellbeing check` : t)));
    const changed = await report(dir, 'portsmouth');
    expect(withoutSources(changed)).toEqual(withoutSources(clean.portsmouth));
    const line = readFileSync(join(dir, 'form_answers.csv'), 'utf8').split('\n').findIndex((l) => l.includes('Wellbeing check')) + 1;
    const issues = changed.dataIssues.filter((i) => i.field === 'Topics').map((i) => [i.line, i.value, i.problem, i.effect]);
    expect(issues).toEqual([
      [
        line,
        'CASEWORK;IMPACT;RECORDS;RESEARCH;DEVELOPMENT;TRAINING;RELATIONSHIP;Wellbeing check',
        `unknown topics code "Wellbeing check": add it under codes.topics in policies/portsmouth/adapter.yaml; the other topics are kept`,
        'kept',
      ],
    ]);
  });
});

describe('rows of one form that differ only in how the same is written', () => {
  it('a form type in other letters, or an answer given again with spaces around it, is one form with no conflict', async () => {
    const dir = answersWith('haringey', (text) => {
      const lines = text.split('\n');
      // Every completed supervision form's first row gives its type in lower case, and its first answer again, spaced.
      const out: string[] = [];
      let form = '';
      for (const line of lines) {
        const cells = line.split(',');
        if (cells[1] === 'SUPERVISION' && cells[4] === 'COMPLETE' && cells[0] !== form && !line.includes('"')) {
          form = cells[0]!;
          out.push([cells[0], 'supervision', ...cells.slice(2)].join(','));
          out.push([...cells.slice(0, 6), `  ${cells[6]} `, ...cells.slice(7)].join(','));
          continue;
        }
        out.push(line);
      }
      return out.join('\n');
    });
    const changed = await report(dir, 'haringey');
    expect(changed.inputs.find((i) => i.file.endsWith('form_answers.csv'))!.rowsRead).toBeGreaterThan(clean.haringey.inputs.find((i) => i.file.endsWith('form_answers.csv'))!.rowsRead + 100);
    // The sample's own conflicts, planted, and no other (their lines moved by the rows added).
    const conflicts = (r: Report) => r.dataIssues.filter((i) => / is answered twice| form at line .* this row says /.test(i.problem)).map((i) => `${i.field} ${i.value} ${i.problem.replace(/\d+/g, 'N')}`);
    expect(conflicts(clean.haringey).length).toBeGreaterThan(0);
    expect(conflicts(changed)).toEqual(conflicts(clean.haringey));
    expect(withoutSources(changed)).toEqual(withoutSources(clean.haringey));
  });
});

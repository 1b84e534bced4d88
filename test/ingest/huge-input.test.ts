/**
 * Huge and endless input: a cell past Excel's 32,767 characters rejects its row (in CSV and in
 * JSON), whatever its length, in time linear in it; a file of junk rows lists each kind of
 * problem up to a limit and counts the rest, every row still accounted for.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { IssueList } from '../../src/adapters/issue-limit.js';
import type { DataIssue } from '../../src/model/issues.js';
import { ROOT } from '../e2e/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const SAMPLE = join(ROOT, 'samples/barnsley');

function sampleWith(name: string, files: Record<string, string>): string {
  const dir = join(tmp.dir, name);
  cpSync(SAMPLE, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

async function audit(dir: string, ...more: string[]): Promise<{ code: number; stderr: string; report: Report | null }> {
  const run = await runMain('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none', ...more);
  return { code: run.code, stderr: run.stderr, report: run.code === 0 ? (JSON.parse(run.stdout) as Report) : null };
}

const workersCsv = readFileSync(join(SAMPLE, 'workers.csv'), 'utf8');

describe('a cell longer than a spreadsheet cell', () => {
  it.each([
    ['CSV', 'workers.csv', (team: string) => workersCsv.replace('Children’s Services Leadership', team)],
    ['quoted CSV', 'workers.csv', (team: string) => workersCsv.replace('Children’s Services Leadership', `"${team}"`)],
  ])('in %s rejects its row with a data issue, and the rest are read', async (_, file, save) => {
    for (const [length, rejected] of [
      [32_767, 0],
      [32_768, 1],
      [30_000_000, 1],
    ] as const) {
      const started = performance.now();
      const dir = sampleWith(`long-${file}-${length}-${_.length}`, { [file]: save('T'.repeat(length)) });
      const run = await audit(dir, '--max-rejected', '100');
      expect(run.stderr).not.toContain('internal error');
      const input = run.report!.inputs.find((i) => i.file.endsWith(`/${file}`))!;
      expect({ length, rejected: input.rowsRejected, read: input.rowsRead }).toEqual({ length, rejected, read: input.rowsUsed + rejected });
      if (rejected) {
        expect(run.report!.dataIssues.filter((i) => i.file.endsWith(`/${file}`) && i.effect === 'row rejected')).toEqual([
          expect.objectContaining({ line: 2, problem: `the value of "ORG_NAME" is ${length.toLocaleString('en-GB')} characters long, more than the 32,767 a spreadsheet cell can hold (a damaged export?); the row is not read` }),
        ]);
      }
      expect(performance.now() - started).toBeLessThan(15_000);
    }
  }, 60_000);

  it('in free text or a column the audit does not read, keeps its row', async () => {
    const [header, ...rows] = parse(readFileSync(join(SAMPLE, 'supervision_steps.csv'), 'utf8')) as string[][];
    rows[0]![header!.indexOf('NOTES')] = 'N'.repeat(40_000_000);
    const extra = rows.map((_, i) => (i === 1 ? 'E'.repeat(50_000) : ''));
    const text = stringify([[...header!, 'EXTRA'], ...rows.map((r, i) => [...r, extra[i]!])]);
    const dir = sampleWith('long-notes', { 'supervision_steps.csv': text });
    const clean = await audit(SAMPLE);
    const run = await audit(dir);
    const input = (r: Report) => r.inputs.find((i) => i.file.endsWith('/supervision_steps.csv'))!;
    expect(input(run.report!)).toMatchObject({ rowsRead: input(clean.report!).rowsRead, rowsRejected: input(clean.report!).rowsRejected });
    const findings = (r: Report): string[] => r.findings.map((f) => `${f.requirement} ${f.subject.id} ${f.status} ${f.dueDate ?? ''} ${f.message}`);
    expect(findings(run.report!)).toEqual(findings(clean.report!));
  }, 60_000);

  it('in JSON rejects its record', async () => {
    const rows = workersCsv.trim().split('\n').map((l) => l.split(','));
    const [header, ...data] = rows;
    const records = data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
    records[0]!.ORG_NAME = 'T'.repeat(20_000_000);
    const dir = sampleWith('long-json', { 'workers.json': `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]` });
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'workers.csv'));
    const run = await audit(dir, '--max-rejected', '100');
    const issues = run.report!.dataIssues.filter((i) => i.file.endsWith('workers.json') && i.effect === 'row rejected');
    expect(issues).toEqual([expect.objectContaining({ line: 2, problem: expect.stringContaining('the value of "ORG_NAME" is 20,000,000 characters long') })]);
  }, 60_000);
});

describe('a file of junk', () => {
  it('lists each kind of problem up to the limit and counts the rest, every row accounted for', async () => {
    const header = readFileSync(join(SAMPLE, 'case_steps.csv'), 'utf8').split('\n')[0]!;
    const junk = Array.from({ length: 30_000 }, (_, i) => `junk,${i},${'x'.repeat(i % 7)}`).join('\n');
    const dir = sampleWith('junk', { 'case_steps.csv': `${header}\n${junk}\n` });
    const run = await audit(dir, '--max-rejected', '100');
    const input = run.report!.inputs.find((i) => i.file.endsWith('case_steps.csv'))!;
    expect(input).toMatchObject({ rowsRead: 30_000, rowsUsed: 0, rowsRejected: 30_000 });
    const issues = run.report!.dataIssues.filter((i) => i.file.endsWith('case_steps.csv') && i.effect === 'row rejected');
    expect(issues).toHaveLength(1_001);
    expect(issues.slice(0, 1_000).every((i) => i.rows === undefined)).toBe(true);
    expect(issues[1_000]).toMatchObject({ line: 1_002, rows: 29_000, problem: expect.stringContaining('29,000 rows from line 1,002 on have this problem too') });
  }, 60_000);

  it('counts by field, effect and words, the values and numbers in them aside', () => {
    const issue = (line: number, field: string, problem: string): DataIssue => ({ file: 'f.csv', line, field, value: '', problem, effect: 'row rejected' });
    const list = IssueList.bounded(2);
    list.push(issue(2, 'A', 'the row has 1 cells'), issue(3, 'A', 'the row has 2 cells'), issue(4, 'B', 'the row has 1 cells'));
    list.push(issue(5, 'A', 'the row has 9 cells'), { ...issue(6, 'A', 'the row has 3 cells'), rows: 4 }, issue(7, 'A', 'date "x" is wrong'));
    expect(list).toHaveLength(4);
    expect(list.map((i) => i.line)).toEqual([2, 3, 4, 7]);
    const finished = list.finish();
    expect(finished.map((i) => [i.line, i.rows])).toEqual([[2, undefined], [3, undefined], [4, undefined], [7, undefined], [5, 5]]);
  });
});

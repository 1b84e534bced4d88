/**
 * `audit --split-by team`: a report for each team in the --output folder, and index.csv, so that
 * a scheduled job can send each team manager their own; every exception of the whole report is
 * in exactly one team's report.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { NO_TEAM } from '../../src/audit/teams.js';
import { cli } from './helpers.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const audit = (...extra: string[]) => cli('audit', 'samples/newham', '--policy', 'newham', '--as-of', '2026-10-31', '--fail-on', 'none', ...extra);
const whole = JSON.parse(audit('--format', 'json').stdout) as Report;
const key = (f: Report['findings'][number]) => JSON.stringify(f);

function index(dir: string): Array<Record<string, string>> {
  return parse(readFileSync(join(dir, 'index.csv')), { columns: true, bom: true }) as Array<Record<string, string>>;
}

describe('audit --split-by team', () => {
  it('JSON: a report per team; together they hold every exception once, and each its team’s rule figures', () => {
    const dir = join(tmp.dir, 'json');
    expect(audit('--format', 'json', '--split-by', 'team', '--output', dir).code).toBe(0);
    const rows = index(dir);
    expect(readdirSync(dir).sort()).toEqual(['index.csv', ...rows.map((r) => r['file']!)].sort());
    const parts = rows.map((r) => ({ row: r, report: JSON.parse(readFileSync(join(dir, r['file']!), 'utf8')) as Report }));
    expect(parts.flatMap((p) => p.report.findings).map(key).sort()).toEqual(whole.findings.map(key).sort());
    for (const { row, report } of parts) {
      expect(report.scope.team).toBe(row['team']);
      expect(report.findings.every((f) => (f.team ?? NO_TEAM) === row['team'])).toBe(true);
      expect(Number(row['exceptions'])).toBe(report.findings.length);
      for (const rule of report.summary.rules) {
        const own = whole.summary.rules.find((r) => r.requirement === rule.requirement && r.check === rule.check)!.byTeam.find((t) => t.team === row['team']);
        expect([rule.subjects, rule.compliant, rule.exceptions]).toEqual(own ? [own.subjects, own.compliant, own.exceptions] : [0, 0, 0]);
        expect(rule.byMonth).toEqual([]);
      }
    }
    expect(rows.map((r) => r['team'])).toContain('Assessment Team North');
  });

  it('CSV: a folder per team with the whole report’s files', () => {
    const dir = join(tmp.dir, 'csv');
    expect(audit('--format', 'csv', '--split-by', 'team', '--output', dir).code).toBe(0);
    let exceptions = 0;
    for (const row of index(dir)) {
      for (const name of ['summary.csv', 'exceptions.csv', 'data-issues.csv']) expect(existsSync(join(dir, row['file']!, name)), `${row['file']}/${name}`).toBe(true);
      exceptions += (parse(readFileSync(join(dir, row['file']!, 'exceptions.csv')), { columns: true, bom: true }) as unknown[]).length;
    }
    expect(exceptions).toBe(whole.findings.length);
  });

  it('into a folder an earlier split wrote: the reports of teams no longer there go, and nothing the split did not list', () => {
    for (const format of ['json', 'csv']) {
      const dir = join(tmp.dir, `again-${format}`);
      expect(audit('--format', format, '--split-by', 'team', '--output', dir).code).toBe(0);
      const current = index(dir).map((r) => r['file']!);
      // Last month's split also had a team since renamed; a person keeps notes beside it.
      const gone = format === 'csv' ? 'old-team' : 'old-team.json';
      if (format === 'csv') mkdirSync(join(dir, gone));
      writeFileSync(join(dir, format === 'csv' ? join(gone, 'summary.csv') : gone), 'last month');
      writeFileSync(join(dir, 'notes.txt'), 'kept');
      writeFileSync(join(dir, 'index.csv'), `${readFileSync(join(dir, 'index.csv'), 'utf8')}Old Team,${gone},1,1,0\r\nOutside,../outside.json,1,1,0\r\n`);
      writeFileSync(join(tmp.dir, 'outside.json'), 'not the split’s');
      const run = audit('--format', format, '--split-by', 'team', '--output', dir);
      expect([run.code, run.stderr]).toEqual([0, '']);
      expect(readdirSync(dir).sort()).toEqual(['index.csv', 'notes.txt', ...current].sort());
      expect(existsSync(join(tmp.dir, 'outside.json'))).toBe(true);
    }
  });

  it('a team folder of an earlier CSV split holding a person’s own file keeps it, and the folder', () => {
    const dir = join(tmp.dir, 'again-own-file');
    expect(audit('--format', 'csv', '--split-by', 'team', '--output', dir).code).toBe(0);
    mkdirSync(join(dir, 'old-team'));
    for (const name of ['summary.csv', 'exceptions.csv', 'data-issues.csv', 'my-notes.txt']) writeFileSync(join(dir, 'old-team', name), 'x');
    writeFileSync(join(dir, 'index.csv'), `${readFileSync(join(dir, 'index.csv'), 'utf8')}Old Team,old-team,1,1,0\r\n`);
    expect(audit('--format', 'csv', '--split-by', 'team', '--output', dir).code).toBe(0);
    expect(readdirSync(join(dir, 'old-team'))).toEqual(['my-notes.txt']);
  });

  it('nothing is removed on the word of an index.csv the split did not write, nor a report of another format', () => {
    const dir = join(tmp.dir, 'again-other');
    mkdirSync(join(dir, 'archive'), { recursive: true });
    writeFileSync(join(dir, 'archive', 'contract.pdf'), 'x');
    writeFileSync(join(dir, 'budget.xlsx'), 'x');
    writeFileSync(join(dir, 'index.csv'), 'title,file,owner\r\nContracts,archive,QA\r\nBudget,budget.xlsx,QA\r\n');
    expect(audit('--format', 'json', '--split-by', 'team', '--output', dir).code).toBe(0);
    expect(existsSync(join(dir, 'archive', 'contract.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'budget.xlsx'))).toBe(true);
    // A workbook split into the folder of a JSON split leaves the JSON reports, of teams there or not.
    const json = index(dir).map((r) => r['file']!);
    expect(audit('--format', 'xlsx', '--split-by', 'team', '--output', dir).code).toBe(0);
    for (const file of json) expect(existsSync(join(dir, file)), file).toBe(true);
  });

  it('due: a team’s CSV of an earlier split goes when the team is no longer there', () => {
    const dir = join(tmp.dir, 'due-again');
    const due = () => cli('due', 'samples/newham', '--policy', 'newham', '--as-of', '2026-10-31', '--fail-on', 'none', '--format', 'csv', '--split-by', 'team', '--output', dir);
    expect(due().code).toBe(0);
    const current = index(dir).map((r) => r['file']!);
    writeFileSync(join(dir, 'old-team.csv'), 'last month');
    writeFileSync(join(dir, 'index.csv'), `${readFileSync(join(dir, 'index.csv'), 'utf8')}Old Team,old-team.csv,1,0\r\n`);
    expect(due().code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['index.csv', ...current].sort());
  });

  it('an earlier team’s report that cannot be removed is a warning: the new reports are in, exit 0', () => {
    const dir = join(tmp.dir, 'again-stuck');
    expect(audit('--format', 'json', '--split-by', 'team', '--output', dir).code).toBe(0);
    // A folder where a file was: not a report a split wrote, so it is left, with a word.
    mkdirSync(join(dir, 'old-team.json'));
    writeFileSync(join(dir, 'index.csv'), `${readFileSync(join(dir, 'index.csv'), 'utf8')}Old Team,old-team.json,1,1,0\r\n`);
    const run = audit('--format', 'json', '--split-by', 'team', '--output', dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`supervision-audit: warning: ${join(dir, 'old-team.json')} (a folder of that name is there), the report of a team not in this run, could not be removed: remove it by hand\n`);
    expect(index(dir).map((r) => r['team'])).not.toContain('Old Team');
  });

  it('a workbook and an evidence pack per team', async () => {
    for (const format of ['xlsx', 'html']) {
      const dir = join(tmp.dir, format);
      expect(audit('--format', format, '--split-by', 'team', '--output', dir).code).toBe(0);
      const rows = index(dir);
      expect(rows.every((r) => r['file']!.endsWith(`.${format}`))).toBe(true);
      if (format === 'html') {
        const pack = readFileSync(join(dir, 'assessment-team-north.html'), 'utf8');
        expect(pack).toContain(', team Assessment Team North.');
        expect(pack).toContain('This pack is one team’s part of the authority’s audit');
      } else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(join(dir, 'assessment-team-north.xlsx'));
        const listed = workbook.getWorksheet('Exceptions')!.rowCount - 1;
        expect(listed).toBe(Number(rows.find((r) => r['team'] === 'Assessment Team North')!['exceptions']));
      }
    }
  });

  it('needs a folder and a file format', () => {
    const run = audit('--format', 'table', '--split-by', 'team');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('supervision-audit: --split-by team writes the report of each team: give --format csv, json, xlsx or html and an --output folder\n');
  });
});

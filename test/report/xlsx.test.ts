/**
 * The workbook, read back with exceljs: every sheet holds what the JSON report of the same run
 * says, dates are real dates, the header rows are frozen and filtered, and formula-like text is
 * neutralised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { entityWords, type Report } from '../../src/audit/report.js';
import { neutralise } from '../../src/report/csv.js';
import { teamTotals } from '../../src/audit/teams.js';
import { EXCEPTION_COLUMNS, SHEETS } from '../../src/report/xlsx.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

async function both(id: string): Promise<{ report: Report; workbook: ExcelJS.Workbook }> {
  const args = ['audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--fail-on', 'none'];
  const json = await runMain(...args, '--format', 'json');
  const file = join(tmp.dir, `${id}.xlsx`);
  const written = await runMain(...args, '--format', 'xlsx', '--output', file);
  expect(written.stderr).toBe('');
  expect(written.code).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return { report: JSON.parse(json.stdout) as Report, workbook };
}

/** A sheet's rows below its header, as plain values (a date as YYYY-MM-DD). */
function body(worksheet: ExcelJS.Worksheet, from = 2): unknown[][] {
  const out: unknown[][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n < from) return;
    const values = Array.from(row.values as unknown[]).slice(1);
    out.push(values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined ? null : v)));
  });
  return out;
}

/** As a cell holds it: an empty text is an empty cell. */
const text = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? null : neutralise(v));
const trim = (row: unknown[]) => {
  const copy = [...row];
  while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
  return copy;
};

describe.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('the %s workbook', (id) => {
  it('has every sheet, each matching the JSON report of the same run', async () => {
    const { report, workbook } = await both(id);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([...SHEETS]);

    const exceptions = workbook.getWorksheet('Exceptions')!;
    expect((exceptions.getRow(1).values as unknown[]).slice(1)).toEqual(EXCEPTION_COLUMNS.map((c) => c.header));
    expect(body(exceptions).map(trim)).toEqual(
      report.findings.map((f) =>
        trim([
          text(f.team), text(f.workerId), text(f.workerName), text(f.supervisorId), text(f.supervisorName), text(f.requirement), text(f.clause), text(f.check),
          text(f.status), text(f.subject.kind), text(f.subject.id), text(f.part ?? null), f.dueDate, f.lastDate, f.daysOverdue, text(f.message),
          text(f.source.map((s) => `${s.file}:${s.line}`).join('; ')),
        ]),
      ),
    );
    expect(exceptions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(exceptions.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '1:1', fitToWidth: 1 });
    expect(exceptions.autoFilter).toBeTruthy();
    if (report.findings.some((f) => f.dueDate !== null)) {
      const dated = exceptions.getRow(2 + report.findings.findIndex((f) => f.dueDate !== null)).getCell(13);
      expect(dated.value).toBeInstanceOf(Date);
      expect(dated.numFmt).toBe('yyyy-mm-dd');
    }

    const months = report.summary.rules.find((r) => r.byMonth.length > 0)!.byMonth.map((m) => m.month);
    const byMonth = workbook.getWorksheet('By month')!;
    expect((byMonth.getRow(1).values as unknown[]).slice(1)).toEqual(['Requirement', 'Check', ...months]);
    expect(body(byMonth).map(trim)).toEqual(report.summary.rules.map((r) => trim([r.requirement, r.check, ...months.map((m) => r.byMonth.find((x) => x.month === m)?.compliance ?? null)])));

    const byTeam = workbook.getWorksheet('By team')!;
    const ran = report.summary.rules.filter((r) => r.status === 'run');
    expect(body(byTeam).map(trim)).toEqual(teamTotals(report).map((t) => trim([t.team, t.subjects, t.exceptions, t.compliance, ...ran.map((r) => r.byTeam.find((x) => x.team === t.team)?.compliance ?? null)])));

    const summary = body(workbook.getWorksheet('Summary')!, 1);
    const rulesAt = summary.findIndex((row) => row[0] === 'Requirement');
    expect(summary.slice(rulesAt + 1).map(trim)).toEqual(report.summary.rules.map((r) => trim([r.requirement, r.check, r.clause, r.status, r.subjects, r.compliant, r.exceptions, r.compliance, r.reason ?? null])));
    expect(summary.find((row) => row[0] === 'Exceptions')![1]).toBe(report.summary.exceptions);
    const inputsAt = summary.findIndex((row) => row[0] === 'File');
    expect(summary.slice(inputsAt + 1, inputsAt + 1 + report.inputs.length).map((row) => row.slice(0, 7))).toEqual(
      report.inputs.map((i) => [i.file, i.system, entityWords(i), i.layout, i.rowsRead, i.rowsUsed, i.rowsRejected]),
    );

    expect(body(workbook.getWorksheet('Data issues')!).map(trim)).toEqual(report.dataIssues.map((i) => trim([text(i.file), i.line, text(i.field), text(i.value), text(i.problem), text(i.effect)])));
    expect(body(workbook.getWorksheet('Readings')!)).toEqual(report.readings.map((r) => [r.requirement, text(r.reading)]));
    expect(body(workbook.getWorksheet('Not checkable')!).map(trim)).toEqual(report.notCheckable.map((n) => trim([text(n.clause), text(n.words ?? null), text(n.reason)])));
  });
});

it('refuses xlsx without --output, in one sentence', async () => {
  const run = await runMain('audit', 'samples/walsall', '--policy', 'walsall', '--format', 'xlsx');
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('supervision-audit: --format xlsx writes a file: name it with --output (say --output report.xlsx)\n');
});

it('neutralises a formula in a cell, as the CSV files do', async () => {
  const dir = join(tmp.dir, 'formula');
  const { cpSync, writeFileSync } = await import('node:fs');
  cpSync('test/fixtures/clean', dir, { recursive: true });
  const workers = readFileSync(join(dir, 'workers.csv'), 'utf8').replace('Team North', '=HYPERLINK("http://x")');
  writeFileSync(join(dir, 'workers.csv'), workers);
  const file = join(tmp.dir, 'formula.xlsx');
  await runMain('audit', dir, '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'xlsx', '--output', file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const cells: unknown[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(...(row.values as unknown[]))));
  expect(cells.filter((c) => typeof c === 'string' && c.includes('HYPERLINK'))).not.toHaveLength(0);
  expect(cells.filter((c) => typeof c === 'string' && c.startsWith('='))).toEqual([]);
  expect(cells.filter((c) => typeof c === 'object' && c !== null && 'formula' in c)).toEqual([]);
});

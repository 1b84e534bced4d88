/**
 * `supervision-audit due` end to end: a team manager's Monday list from a bundled sample, in
 * every format, a file per team that adds up to the whole, and its exit codes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DueReport } from '../../src/audit/due.js';
import { cli } from './helpers.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const due = (...extra: string[]) => cli('due', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', ...extra);
const json = JSON.parse(due('--format', 'json').stdout) as DueReport;

describe('due', () => {
  it('lists each team’s overdue and upcoming items, exit 1 when anything is overdue', () => {
    const run = due('--format', 'table');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      "Supervision of Staff Policy (Barnsley Metropolitan Borough Council, Children's Social Care)",
      'What falls due by 2026-11-14 (14 days from 2026-10-31), and what is overdue',
      `${json.summary.overdue} overdue, ${json.summary.due} due in the next 14 days`,
      '',
    ]);
    for (const team of json.summary.byTeam) expect(run.stdout).toContain(`${team.team}: ${team.overdue} overdue, ${team.due} due`);
    // The planted child protection case, discussed monthly until 5 June: overdue since 5 July.
    expect(run.stdout).toMatch(/│ 2026-07-05 │ 118 days overdue │ Sam Planted +│ George Bell +│ monthly case discussion for case +│ BAR-6\.1-cp/);
  });

  it('--limit lists at most that many items of each team, then says how many more and where they are', () => {
    const run = due('--format', 'table', '--limit', '1', '--fail-on', 'none');
    for (const team of json.summary.byTeam) {
      const more = team.overdue + team.due - 1;
      if (more > 0) expect(run.stdout).toContain(`… and ${more} more ${more === 1 ? 'item' : 'items'} for ${team.team}: every one is in --format csv, xlsx or json, or --limit 0 to list them all here`);
    }
    expect([...run.stdout.matchAll(/^│ \d{4}-\d\d-\d\d │/gm)].length).toBe(json.summary.byTeam.length);
  });

  it('--fail-on none exits 0; nothing overdue exits 0', () => {
    expect(due('--format', 'json', '--fail-on', 'none').code).toBe(0);
    expect(cli('due', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--worker', '10007', '--format', 'json').code).toBe(0);
  });

  it('JSON: the look-ahead contract, every field on every item, sorted by team then due date', () => {
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'madeOn', 'policy', 'asOf', 'within', 'until', 'window', 'scope', 'inputs', 'summary', 'items', 'notRun', 'dataIssues']);
    expect([json.asOf, json.within, json.until, json.window]).toEqual(['2026-10-31', 14, '2026-11-14', { from: '2025-11-01', asOf: '2026-10-31' }]);
    const fields = ['requirement', 'check', 'clause', 'status', 'subject', 'part', 'workerId', 'workerName', 'supervisorId', 'supervisorName', 'team', 'what', 'dueDate', 'lastDate', 'daysOverdue', 'daysLeft', 'source'];
    for (const item of json.items) {
      expect(Object.keys(item)).toEqual(fields);
      expect(item.team).not.toBeNull();
      expect(item.status === 'overdue' ? item.daysOverdue! > 0 && item.daysLeft === null : item.daysLeft! >= 0 && item.daysOverdue === null).toBe(true);
    }
    const order = json.items.map((i) => `${i.team}|${i.dueDate}`);
    expect(order).toEqual([...order].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(json.summary.overdue + json.summary.due).toBe(json.items.length);
  });

  it('CSV: a row per item, the same as the JSON', () => {
    const rows = parse(due('--format', 'csv').stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r['team'], r['due_date'], r['subject_id'], r['what']])).toEqual(json.items.map((i) => [i.team, i.dueDate, i.subject.id, i.what]));
  });

  it('a workbook: Due with dates as dates and days as numbers, and By team', async () => {
    const path = join(tmp.dir, 'due.xlsx');
    expect(due('--format', 'xlsx', '--output', path, '--fail-on', 'none').code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Due', 'By team']);
    const sheet = workbook.getWorksheet('Due')!;
    expect(sheet.rowCount).toBe(json.items.length + 1);
    expect(sheet.autoFilter).toBeTruthy();
    const first = sheet.getRow(2);
    expect(first.getCell(3).value).toEqual(new Date(`${json.items[0]!.dueDate}T00:00:00Z`));
    expect(first.getCell(json.items[0]!.status === 'overdue' ? 4 : 5).value).toBe(json.items[0]!.daysOverdue ?? json.items[0]!.daysLeft);
  });

  it.each(['csv', 'json', 'xlsx'])('--split-by team writes a %s file per team and index.csv: every item in exactly one team’s file', async (format) => {
    const dir = join(tmp.dir, `split-${format}`);
    expect(due('--format', format, '--split-by', 'team', '--output', dir, '--fail-on', 'none').code).toBe(0);
    const index = parse(readFileSync(join(dir, 'index.csv')), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(index.map((r) => [r['team'], Number(r['overdue']), Number(r['due'])])).toEqual(json.summary.byTeam.map((t) => [t.team, t.overdue, t.due]));
    expect(readdirSync(dir).sort()).toEqual(['index.csv', ...index.map((r) => r['file']!)].sort());
    expect(index.map((r) => r['file'])).toContain(`assessment-team-north.${format}`);
    let total = 0;
    for (const row of index) {
      const path = join(dir, row['file']!);
      if (format === 'json') {
        const part = JSON.parse(readFileSync(path, 'utf8')) as DueReport;
        expect(part.items.every((i) => i.team === row['team'])).toBe(true);
        total += part.items.length;
      } else if (format === 'csv') {
        const rows = parse(readFileSync(path), { columns: true, bom: true }) as Array<Record<string, string>>;
        expect(rows.every((r) => r['team'] === row['team'])).toBe(true);
        total += rows.length;
      } else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(path);
        total += workbook.getWorksheet('Due')!.rowCount - 1;
      }
    }
    expect(total).toBe(json.items.length);
  });

  it.each([
    [['--within', 'x'], '--within x is not a whole number of days from 0 to 999'],
    [['--split-by', 'team'], '--split-by team writes a file per team: give --format csv, json or xlsx and an --output folder'],
    [['--format', 'xlsx'], '--format xlsx writes a file: name it with --output (say --output due.xlsx)'],
  ])('%j is a usage error', (extra, message) => {
    const run = due(...extra);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: ${message}\n`);
  });

  it('--help ends with examples', () => {
    const run = cli('due', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('supervision-audit due exports/ --policy barnsley --format xlsx --split-by team --output due/ --fail-on none');
  });
});

describe('due as JSON, written a few items at a time', () => {
  it.each([0, 1, 31, 32, 33, 64, 65, 200])('is exactly JSON.stringify of the look-ahead with %i items', async (count) => {
    const { dueJsonPieces } = await import('../../src/report/due.js');
    const items = Array.from({ length: count }, (_, i) => ({ ...json.items[i % json.items.length]!, daysOverdue: i }));
    const report = { ...json, items, dataIssues: json.dataIssues.slice(0, count % 5) };
    expect([...dueJsonPieces(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});

describe('the due table, written a piece at a time', () => {
  it('ends as the whole text with its white space at the end cut and one line break (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { endTrimmed } = await import('../../src/report/blocks.js');
    const piece = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\t', '\u00a0', '\u2028', '\u3000', '│') });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        expect([...endTrimmed(pieces)].join('')).toBe(`${pieces.join('').trimEnd()}\n`);
      }),
    );
  });

  it('--limit 0 lists every item of every team, in a file as on the terminal', async () => {
    const all = due('--format', 'table', '--limit', '0', '--fail-on', 'none');
    const file = join(tmp.dir, 'due.txt');
    due('--format', 'table', '--limit', '0', '--fail-on', 'none', '--output', file);
    expect(readFileSync(file, 'utf8')).toBe(all.stdout);
    for (const team of json.summary.byTeam) expect(all.stdout).toContain(`${team.team}: ${team.overdue > 0 ? `${team.overdue} overdue` : '0 overdue'}, ${team.due} due`);
    expect(all.stdout.endsWith('\n')).toBe(true);
    expect(all.stdout.endsWith('\n\n')).toBe(false);
  });
});

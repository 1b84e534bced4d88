/**
 * The QA officer's workbook: the report as sheets to sort, filter and chase exceptions in.
 * Summary, By month, By team, Exceptions, Data issues, Readings, Not checkable. Written with
 * exceljs's streaming writer, row by row, so a report of 200,000 exceptions is never held as a
 * workbook in memory. Dates are real Excel dates; every text cell a spreadsheet would run as a
 * formula is neutralised as in the CSV files.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { entityWords, sourcesText, type AuditReport } from '../audit/report.js';
import { neutralise } from './csv.js';
import { reportRowsNote } from './table.js';
import { teamOfFinding, teamTotals } from '../audit/teams.js';

export type Cell = string | number | Date | null | undefined;

/** The sheets, in order, with the names the tests and the README use. */
export const SHEETS = ['Summary', 'By month', 'By team', 'Exceptions', 'Data issues', 'Readings', 'Not checkable'] as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F0' } };
export const DATE_FORMAT = 'yyyy-mm-dd';
const PERCENT_FORMAT = '0.0';

/** A date of the report (YYYY-MM-DD) as an Excel date: midnight UTC, so no time zone moves it. */
export function excelDate(day: string | null): Date | null {
  return day === null ? null : new Date(`${day}T00:00:00Z`);
}

export const text = (value: Cell): Cell => (typeof value === 'string' ? neutralise(value) : value);

export interface Column {
  header: string;
  width: number;
  /** Excel's number format for the column. */
  format?: string;
}

/**
 * A sheet whose header row is frozen on screen and repeated on every printed page, printed
 * landscape on A4 and as wide as one page.
 */
export function sheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[], headerRow = 1): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, ...(headerRow > 0 ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}) },
  });
  worksheet.columns = columns.map((c) => ({ width: c.width, ...(c.format ? { style: { numFmt: c.format } } : {}) }));
  return worksheet;
}

export function header(worksheet: ExcelJS.Worksheet, columns: Column[]): void {
  const row = worksheet.addRow(columns.map((c) => c.header));
  row.font = { bold: true };
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
  row.commit();
}

export function rows(worksheet: ExcelJS.Worksheet, values: Iterable<Cell[]>): void {
  for (const value of values) addRow(worksheet, value);
}

/** The style of a cell with none of its own, per type of value, and of one with its column's number format alone: one object each. */
const NO_STYLES = new Map<ExcelJS.ValueType, Partial<ExcelJS.Style>>();
const FORMAT_STYLES = new Map<string, Partial<ExcelJS.Style>>();

/**
 * A cell's style as one object shared by every cell styled alike. exceljs gives each cell a
 * style object of its own, and finds each one's place in the workbook's styles by writing it out
 * as XML, cell after cell, unless it has met that very object before: shared, each style is
 * written out once (on a list of a few hundred thousand exceptions, most of the workbook's time).
 * exceljs keeps the place it found by the object alone, and a cell with no number format takes
 * one from its type of value (a date one of its own): so cells with no style share by type.
 */
function sharedStyle(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): Partial<ExcelJS.Style> {
  let only: string | undefined;
  for (const key in style) {
    if (only !== undefined || key !== 'numFmt') return style;
    only = key;
  }
  if (only === undefined) {
    let none = NO_STYLES.get(type);
    if (!none) NO_STYLES.set(type, (none = {}));
    return none;
  }
  const format = style.numFmt;
  if (typeof format !== 'string') return style;
  let shared = FORMAT_STYLES.get(format);
  if (!shared) FORMAT_STYLES.set(format, (shared = { numFmt: format }));
  return shared;
}

/** Adds a data row of values (text neutralised as in the CSV files) and writes it out. */
export function addRow(worksheet: ExcelJS.Worksheet, values: Cell[]): void {
  const row = worksheet.addRow(values.map(text));
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.style = sharedStyle(cell.style, cell.type);
  });
  row.commit();
}

export function filtered(worksheet: ExcelJS.Worksheet, columns: number, fromRow: number): void {
  worksheet.autoFilter = { from: { row: fromRow, column: 1 }, to: { row: fromRow, column: columns } };
}

/** A red-amber-green scale over compliance percentages. */
function colourScale(worksheet: ExcelJS.Worksheet, ref: string): void {
  worksheet.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'colorScale',
        priority: 1,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 80 },
          { type: 'num', value: 100 },
        ],
        color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
      },
    ],
  });
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

export const EXCEPTION_COLUMNS: Column[] = [
  { header: 'Team', width: 26 },
  { header: 'Worker id', width: 11 },
  { header: 'Worker', width: 20 },
  { header: 'Supervisor id', width: 13 },
  { header: 'Supervisor', width: 20 },
  { header: 'Requirement', width: 22 },
  { header: 'Clause', width: 16 },
  { header: 'Check', width: 20 },
  { header: 'Status', width: 14 },
  { header: 'Subject', width: 15 },
  { header: 'Subject id', width: 12 },
  { header: 'Part', width: 14 },
  { header: 'Due date', width: 12, format: DATE_FORMAT },
  { header: 'Last date', width: 12, format: DATE_FORMAT },
  { header: 'Days overdue', width: 13 },
  { header: 'Message', width: 80 },
  { header: 'Source', width: 40 },
];

/** Resolves once the file has taken what it was given and the zip stream has had its turn. */
async function drained(stream: Writable): Promise<void> {
  if (stream.writableNeedDrain) await once(stream, 'drain');
  await new Promise((resolve) => setImmediate(resolve));
}

/** Writes the workbook of a report to a stream, and resolves when it is all written. */
export async function writeWorkbook(report: AuditReport, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = `${report.tool.name} ${report.tool.version}`;

  // Summary: what was audited, what was read, and each rule's figures.
  const summaryColumns: Column[] = [
    // Wide enough for the export files' paths listed above the rules.
    { header: 'Requirement', width: 44 },
    { header: 'Check', width: 22 },
    { header: 'Clause', width: 22 },
    { header: 'Status', width: 10 },
    { header: 'Subjects', width: 10 },
    { header: 'Compliant', width: 11 },
    { header: 'Exceptions', width: 11 },
    { header: 'Compliance %', width: 13, format: PERCENT_FORMAT },
    { header: 'Not run because', width: 50 },
  ];
  const summary = sheet(workbook, 'Summary', summaryColumns, 0);
  const s = report.summary;
  rows(summary, [
    ['Policy', `${report.policy.title} (${report.policy.id})`],
    ['Authority', report.policy.authority],
    ['Policy version', report.policy.version],
    ['Audit window', `${report.window.from} to ${report.window.asOf}`],
    ['Scope', [report.scope.team && `team ${report.scope.team}`, report.scope.worker && `worker ${report.scope.worker}`].filter(Boolean).join(', ') || 'everyone'],
    ['Made by', `${report.tool.name} ${report.tool.version}`],
    ['Rows read', s.rowsRead],
    ['Rows used', s.rowsUsed],
    ['Rows rejected', s.rowsRejected],
    ['Exceptions', s.exceptions],
    ['Data issues', s.dataIssues],
    [],
    ['File', 'System', 'Entity', 'Layout', 'Rows read', 'Rows used', 'Rows rejected', 'Not relevant', 'Title and footer rows'],
    ...report.inputs.map((i): Cell[] => [i.file, i.system, entityWords(i), i.layout, i.rowsRead, i.rowsUsed, i.rowsRejected, Object.values(i.notRelevant).reduce((n, k) => n + k, 0), reportRowsNote(i)]),
    ...(report.skipped.length === 0 ? [] : [[], ['Not read', 'Why'], ...report.skipped.map((k): Cell[] => [k.file, k.reason])]),
    [],
  ]);
  header(summary, summaryColumns);
  rows(
    summary,
    s.rules.map((r) => [r.requirement, r.check, r.clause, r.status, r.subjects, r.compliant, r.exceptions, r.compliance, r.reason ?? null]),
  );
  summary.commit();

  // By month: rule x month compliance.
  const months = s.rules.find((r) => r.byMonth.length > 0)?.byMonth.map((m) => m.month) ?? [];
  const monthColumns: Column[] = [{ header: 'Requirement', width: 24 }, { header: 'Check', width: 22 }, ...months.map((m) => ({ header: m, width: 9, format: PERCENT_FORMAT }))];
  const byMonth = sheet(workbook, 'By month', monthColumns);
  header(byMonth, monthColumns);
  rows(byMonth, s.rules.map((r) => [r.requirement, r.check, ...months.map((m) => r.byMonth.find((x) => x.month === m)?.compliance ?? null)]));
  if (months.length > 0 && s.rules.length > 0) colourScale(byMonth, `C2:${columnLetter(2 + months.length)}${1 + s.rules.length}`);
  filtered(byMonth, monthColumns.length, 1);
  byMonth.commit();

  // By team: team x rule compliance, then each team's totals.
  const ran = s.rules.filter((r) => r.status === 'run');
  const teams = teamTotals(report);
  const teamColumns: Column[] = [
    { header: 'Team', width: 30 },
    { header: 'Subjects', width: 10 },
    { header: 'Exceptions', width: 11 },
    { header: 'Compliance %', width: 13, format: PERCENT_FORMAT },
    ...ran.map((r) => ({ header: `${r.requirement} ${r.check}`, width: 14, format: PERCENT_FORMAT })),
  ];
  const byTeam = sheet(workbook, 'By team', teamColumns);
  header(byTeam, teamColumns);
  rows(
    byTeam,
    teams.map((t) => [t.team, t.subjects, t.exceptions, t.compliance, ...ran.map((r) => r.byTeam.find((x) => x.team === t.team)?.compliance ?? null)]),
  );
  if (teams.length > 0) colourScale(byTeam, `D2:${columnLetter(teamColumns.length)}${1 + teams.length}`);
  filtered(byTeam, teamColumns.length, 1);
  byTeam.commit();

  // Exceptions: one row per finding.
  const exceptions = sheet(workbook, 'Exceptions', EXCEPTION_COLUMNS);
  header(exceptions, EXCEPTION_COLUMNS);
  let written = 0;
  for (const f of report.findings) {
    // Let the zip stream and the file drain now and then, rather than hold the sheet in buffers.
    if (++written % 1000 === 0) await drained(stream);
    addRow(exceptions, [
      teamOfFinding(f),
      f.workerId,
      f.workerName,
      f.supervisorId,
      f.supervisorName,
      f.requirement,
      f.clause,
      f.check,
      f.status,
      f.subject.kind,
      f.subject.id,
      f.part ?? null,
      excelDate(f.dueDate),
      excelDate(f.lastDate),
      f.daysOverdue,
      f.message,
      sourcesText(f.source),
    ]);
  }
  filtered(exceptions, EXCEPTION_COLUMNS.length, 1);
  exceptions.commit();

  const issueColumns: Column[] = [
    { header: 'File', width: 40 },
    { header: 'Line', width: 8 },
    { header: 'Field', width: 20 },
    { header: 'Value', width: 24 },
    { header: 'Problem', width: 80 },
    { header: 'Effect', width: 14 },
  ];
  const issues = sheet(workbook, 'Data issues', issueColumns);
  header(issues, issueColumns);
  rows(issues, report.dataIssues.map((i) => [i.file, i.line, i.field, i.value, i.problem, i.effect]));
  filtered(issues, issueColumns.length, 1);
  issues.commit();

  const readingColumns: Column[] = [
    { header: 'Requirement', width: 24 },
    { header: 'How this policy file reads the policy’s open words', width: 120 },
  ];
  const readings = sheet(workbook, 'Readings', readingColumns);
  header(readings, readingColumns);
  rows(readings, report.readings.map((r) => [r.requirement, r.reading]));
  readings.commit();

  const notCheckableColumns: Column[] = [
    { header: 'Clause', width: 24 },
    { header: 'The policy’s words', width: 70 },
    { header: 'Why an export cannot show it', width: 80 },
  ];
  const notCheckable = sheet(workbook, 'Not checkable', notCheckableColumns);
  header(notCheckable, notCheckableColumns);
  rows(notCheckable, report.notCheckable.map((n) => [n.clause, n.words ?? null, n.reason]));
  notCheckable.commit();

  await workbook.commit();
}

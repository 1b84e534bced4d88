/**
 * The CSV reports: a summary per rule, the exceptions, and the data issues, each a document
 * that opens safely in Excel or LibreOffice: RFC 4180 for any value, UTF-8 with a byte order
 * mark (the writer adds it to every .csv file), and every cell that a spreadsheet would run as
 * a formula neutralised. Every CSV the tool writes is made here.
 */
import { sourcesText, type AuditReport } from '../audit/report.js';
import { teamOfFinding } from '../audit/teams.js';
import { inBlocks } from './blocks.js';

/** Characters that make a spreadsheet read a cell as a formula (also after leading spaces). */
const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r]/;
/**
 * A line of a multi-line cell that a spreadsheet would run, were the cell split at its line
 * breaks (a reader that is not RFC 4180's does): an apostrophe goes after the break.
 */
const FORMULA_AFTER_BREAK = /([\r\n])(?=[ \t\u00a0]*[=+\-@\t\r])/g;

/**
 * Prefixes a formula-like text cell with an apostrophe, the spreadsheet convention for "text",
 * and each line of it after a line break that would begin a formula.
 */
export function neutralise(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = value.includes('\n') || value.includes('\r') ? value.replace(FORMULA_AFTER_BREAK, "$1'") : value;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

type CsvRow = Array<string | number | null | undefined>;

/** A cell that must be quoted (RFC 4180): it holds a quote, the delimiter, or any line break, lone CR and LF included. */
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as RFC 4180 writes it, neutralised. */
function csvCell(value: string | number | null | undefined): string {
  const cell = neutralise(value);
  if (typeof cell === 'number') return String(cell);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Records, each ending with CRLF. */
function csvRecords(rows: readonly CsvRow[]): string {
  let text = '';
  for (const row of rows) text += `${row.map(csvCell).join(',')}\r\n`;
  return text;
}

/** The byte order mark Excel needs to read a CSV file as UTF-8. */
export const BOM = '\uFEFF';

/** Rows written at a time: each record ends with its own line break, so the pieces join into the whole. */
const BLOCK = 1000;

/**
 * A CSV document in pieces, a block of rows at a time, so that a list of a hundred thousand
 * exceptions is never one string: a header and rows, every cell a spreadsheet would run neutralised.
 */
export function* csvPieces<T>(header: string[], items: Iterable<T>, row: (item: T) => CsvRow): Generator<string> {
  yield csvRecords([header]);
  for (const block of inBlocks(items, BLOCK)) yield csvRecords(block.map(row));
}

/** A CSV document as one string. */
export function csvDocument(header: string[], rows: CsvRow[]): string {
  return [...csvPieces(header, rows, (r) => r)].join('');
}


export function renderSummaryCsv(report: AuditReport): string {
  return csvDocument(
    ['requirement', 'check', 'clause', 'status', 'reason', 'subjects', 'compliant', 'exceptions', 'compliance_percent'],
    report.summary.rules.map((r) => [r.requirement, r.check, r.clause, r.status, r.reason ?? '', r.subjects, r.compliant, r.exceptions, r.compliance ?? '']),
  );
}

const EXCEPTION_COLUMNS = ['requirement', 'clause', 'check', 'status', 'subject_kind', 'subject_id', 'team', 'worker_id', 'supervisor_id', 'due_date', 'last_date', 'days_overdue', 'message', 'source'];

/** The exceptions as CSV, a few rows at a time: a large audit's list never exists as one string. */
export function exceptionPieces(report: AuditReport): Generator<string> {
  return csvPieces(EXCEPTION_COLUMNS, report.findings, (f) => [
    f.requirement,
    f.clause,
    f.check,
    f.status,
    f.subject.kind,
    f.subject.id,
    teamOfFinding(f),
    f.workerId,
    f.supervisorId,
    f.dueDate,
    f.lastDate,
    f.daysOverdue,
    f.message,
    sourcesText(f.source),
  ]);
}

function dataIssuePieces(report: AuditReport): Generator<string> {
  return csvPieces(['file', 'line', 'field', 'value', 'problem', 'effect'], report.dataIssues, (i) => [i.file, i.line, i.field, i.value, i.problem, i.effect]);
}

/** The files `--format csv --output <dir>` writes, each in pieces (the writer puts a byte order mark before each). */
/** The files of a report written as CSV into a folder. */
export const CSV_REPORT_FILES = ['summary.csv', 'exceptions.csv', 'data-issues.csv'] as const;

export function renderCsvFiles(report: AuditReport): Record<(typeof CSV_REPORT_FILES)[number], Iterable<string>> {
  return {
    'summary.csv': [renderSummaryCsv(report)],
    'exceptions.csv': exceptionPieces(report),
    'data-issues.csv': dataIssuePieces(report),
  };
}

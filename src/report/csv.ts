/**
 * The CSV reports: a summary per rule, the exceptions, and the data issues, each a document
 * that opens safely in Excel or LibreOffice: UTF-8 with a byte order mark (when written as a
 * file), and every cell that a spreadsheet would run as a formula neutralised.
 */
import { stringify } from 'csv-stringify/sync';
import { sourcesText, type Report } from '../audit/report.js';

/** Characters that make a spreadsheet read a cell as a formula (also after leading spaces). */
const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r]/;

/** Prefixes a formula-like text cell with an apostrophe, the spreadsheet convention for "text". */
export function neutralise(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) || /^[\t\r]/.test(value) ? `'${value}` : value;
}

type CsvRow = Array<string | number | null | undefined>;

/** Rows written at a time: each record ends with its own line break, so the pieces join into the whole. */
const BLOCK = 1000;

/**
 * A CSV document in pieces, a block of rows at a time, so that a list of a hundred thousand
 * exceptions is never one string: a header and rows, every cell a spreadsheet would run neutralised.
 */
export function* csvPieces<T>(header: string[], items: readonly T[], row: (item: T) => CsvRow): Generator<string> {
  yield stringify([header], { record_delimiter: '\r\n' });
  for (let start = 0; start < items.length; start += BLOCK) {
    yield stringify(items.slice(start, start + BLOCK).map((item) => row(item).map(neutralise)), { record_delimiter: '\r\n' });
  }
}

/** A CSV document as one string. */
export function csvDocument(header: string[], rows: CsvRow[]): string {
  return [...csvPieces(header, rows, (r) => r)].join('');
}


export function renderSummaryCsv(report: Report): string {
  return csvDocument(
    ['requirement', 'check', 'clause', 'status', 'reason', 'subjects', 'compliant', 'exceptions', 'compliance_percent'],
    report.summary.rules.map((r) => [r.requirement, r.check, r.clause, r.status, r.reason ?? '', r.subjects, r.compliant, r.exceptions, r.compliance ?? '']),
  );
}

const EXCEPTION_COLUMNS = ['requirement', 'clause', 'check', 'status', 'subject_kind', 'subject_id', 'team', 'worker_id', 'supervisor_id', 'due_date', 'last_date', 'days_overdue', 'message', 'source'];

function exceptionPieces(report: Report): Generator<string> {
  return csvPieces(EXCEPTION_COLUMNS, report.findings, (f) => [
    f.requirement,
    f.clause,
    f.check,
    f.status,
    f.subject.kind,
    f.subject.id,
    f.team,
    f.workerId,
    f.supervisorId,
    f.dueDate,
    f.lastDate,
    f.daysOverdue,
    f.message,
    sourcesText(f.source),
  ]);
}

function dataIssuePieces(report: Report): Generator<string> {
  return csvPieces(['file', 'line', 'field', 'value', 'problem', 'effect'], report.dataIssues, (i) => [i.file, i.line, i.field, i.value, i.problem, i.effect]);
}

export function renderExceptionsCsv(report: Report): string {
  return [...exceptionPieces(report)].join('');
}

/** A file's pieces after a byte order mark, so that Excel reads it as UTF-8. */
function* withBom(pieces: Iterable<string>): Generator<string> {
  yield '\uFEFF';
  yield* pieces;
}

/** The files `--format csv --output <dir>` writes, each in pieces. */
export function renderCsvFiles(report: Report): Record<string, Iterable<string>> {
  return {
    'summary.csv': withBom([renderSummaryCsv(report)]),
    'exceptions.csv': withBom(exceptionPieces(report)),
    'data-issues.csv': withBom(dataIssuePieces(report)),
  };
}

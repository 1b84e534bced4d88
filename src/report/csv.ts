/**
 * The CSV reports: a summary per rule, the exceptions, and the data issues, each a document
 * that opens safely in Excel or LibreOffice: UTF-8 with a byte order mark (when written as a
 * file), and every cell that a spreadsheet would run as a formula neutralised.
 */
import { stringify } from 'csv-stringify/sync';
import type { Report } from '../audit/report.js';

/** Characters that make a spreadsheet read a cell as a formula (also after leading spaces). */
const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r]/;

/** Prefixes a formula-like text cell with an apostrophe, the spreadsheet convention for "text". */
export function neutralise(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) || /^[\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV document: a header and rows, every cell that a spreadsheet would run neutralised. */
export function csvDocument(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  return stringify([header, ...rows.map((r) => r.map(neutralise))], { record_delimiter: '\r\n' });
}

const sources = (list: Array<{ file: string; line: number }>): string => list.map((s) => `${s.file}:${s.line}`).join('; ');

export function renderSummaryCsv(report: Report): string {
  return csvDocument(
    ['requirement', 'check', 'clause', 'status', 'reason', 'subjects', 'compliant', 'exceptions', 'compliance_percent'],
    report.summary.rules.map((r) => [r.requirement, r.check, r.clause, r.status, r.reason ?? '', r.subjects, r.compliant, r.exceptions, r.compliance ?? '']),
  );
}

export function renderExceptionsCsv(report: Report): string {
  return csvDocument(
    ['requirement', 'clause', 'check', 'status', 'subject_kind', 'subject_id', 'team', 'worker_id', 'supervisor_id', 'due_date', 'last_date', 'days_overdue', 'message', 'source'],
    report.findings.map((f) => [
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
      sources(f.source),
    ]),
  );
}

export function renderDataIssuesCsv(report: Report): string {
  return csvDocument(
    ['file', 'line', 'field', 'value', 'problem', 'effect'],
    report.dataIssues.map((i) => [i.file, i.line, i.field, i.value, i.problem, i.effect]),
  );
}

/** The files `--format csv --output <dir>` writes. */
export function renderCsvFiles(report: Report): Record<string, string> {
  const bom = '\uFEFF';
  return {
    'summary.csv': bom + renderSummaryCsv(report),
    'exceptions.csv': bom + renderExceptionsCsv(report),
    'data-issues.csv': bom + renderDataIssuesCsv(report),
  };
}

/** `supervision-audit diff <earlier.json> <later.json>`: what is new, persisting, resolved and ended since the earlier report. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diffReports, type ReportDiff } from '../audit/diff.js';
import { SCHEMA_VERSION, type Report } from '../audit/report.js';
import { changesCsvPieces, diffJsonPieces, renderDiffCsvFiles, renderDiffTable } from '../report/diff.js';
import type { Terminal } from './audit.js';
import { choose, EXIT, listLimit, UsageError } from './errors.js';
import { writePieces } from './stdout.js';
import { DEFAULT_LIMIT } from '../report/table.js';
import { outputFile, refuseOutputOverReports, writeFilesAtomically } from './output.js';
import { statusLine } from './progress.js';
import { reportMisfit } from '../audit/report-schema.js';
import { parseReportBytes } from '../audit/report-json.js';
import { REPORT_LONG_LISTS } from '../report/json.js';

export interface DiffOptions {
  format?: string;
  output?: string;
  limit?: string;
  failOn: string;
}

const FORMATS = ['table', 'csv', 'json'] as const;
const FAIL_ON = ['new', 'any', 'none'] as const;

/** Reads a JSON report, or says in one sentence why the file is not one this version reads. */
async function readReport(path: string): Promise<Report> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a report' : 'the file cannot be read'}`);
  }
  let data: unknown;
  try {
    // A big authority's report is never held as one string: its findings are parsed a run at a time.
    data = parseReportBytes(bytes, REPORT_LONG_LISTS);
  } catch {
    throw new UsageError(`${path}: not a JSON report (it does not parse as JSON); make one with audit --format json`);
  }
  const report = data as Partial<Report> | null;
  if (report === null || typeof report !== 'object' || !('schemaVersion' in report)) {
    throw new UsageError(`${path}: not an audit report (it has no schemaVersion); make one with audit --format json`);
  }
  // Another number is another version of the contract; any other value (the text "1") is the contract's to refuse, in its words.
  if (typeof report.schemaVersion === 'number' && report.schemaVersion !== SCHEMA_VERSION) {
    throw new UsageError(`${path}: a report of schema version ${String(report.schemaVersion)}, which this version (reading schema version ${SCHEMA_VERSION}) cannot read`);
  }
  const misfit = reportMisfit(report);
  if (misfit !== null) throw new UsageError(`${path}: does not fit the JSON report contract: ${misfit}; make the report again with audit --format json`);
  return report as Report;
}

export async function diff(earlierPath: string, laterPath: string, options: DiffOptions, terminal: Terminal): Promise<number> {
  const format = choose('format', options.format, FORMATS) ?? (options.output === undefined && terminal.stdout.isTTY ? 'table' : 'json');
  const failOn = choose('fail-on', options.failOn, FAIL_ON)!;
  const limit = listLimit(options.limit, DEFAULT_LIMIT);
  await refuseOutputOverReports(options.output, [earlierPath, laterPath]);
  const line = statusLine(terminal);
  let result: ReportDiff;
  try {
    line.say(`reading ${earlierPath}`);
    const earlier = await readReport(earlierPath);
    line.say(`reading ${laterPath}`);
    const later = await readReport(laterPath);
    line.say(`comparing ${earlier.findings.length.toLocaleString('en-GB')} exceptions with ${later.findings.length.toLocaleString('en-GB')}`);
    result = diffReports(earlier, later);
    if (options.output === undefined) line.done();
    else line.say(`writing ${options.output}`);
    await emitDiff(result, format, options, terminal, limit);
  } finally {
    line.done();
  }
  const failing = failOn === 'none' ? 0 : failOn === 'new' ? result.counts.new : result.counts.new + result.counts.persisting;
  return failing > 0 ? EXIT.exceptions : EXIT.clean;
}

async function emitDiff(result: ReportDiff, format: (typeof FORMATS)[number], options: DiffOptions, terminal: Terminal, limit: number): Promise<void> {
  const color = options.output === undefined && Boolean(terminal.stdout.isTTY) && !terminal.env['NO_COLOR'];
  if (options.output === undefined) {
    // On stdout, CSV is the list of changes.
    await writePieces(terminal.stdout, format === 'json' ? diffJsonPieces(result) : format === 'csv' ? changesCsvPieces(result) : [renderDiffTable(result, { color, width: terminal.stdout.columns ?? 120, limit })]);
  } else if (format === 'csv') {
    const files = renderDiffCsvFiles(result);
    await writeFilesAtomically(Object.fromEntries(Object.entries(files).map(([name, text]) => [join(options.output!, name), text])));
  } else {
    const content = format === 'json' ? diffJsonPieces(result) : renderDiffTable(result, { color: false, width: 160, limit });
    await writeFilesAtomically({ [await outputFile(options.output, format === 'json' ? 'changes.json' : 'changes.txt')]: content });
  }
}

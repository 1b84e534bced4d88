/** `supervision-audit audit`: load, check, report, and say with the exit code whether there were exceptions. */
import { CSV_REPORT_FILES, exceptionPieces, renderCsvFiles } from '../report/csv.js';
import { renderJsonChunks } from '../report/json.js';
import { DEFAULT_LIMIT, renderTablePieces } from '../report/table.js';
import type { AuditReport } from '../audit/report.js';
import { loadExports, type Loaded } from '../adapters/load.js';
import type { AuditWindow } from '../time/window.js';
import { checkExportsTrusted, DEFAULT_MAX_REJECTED, UnmappedCodesStop } from '../adapters/trust.js';
import { exportSetError } from '../adapters/export-set.js';
import { SYSTEMS, type SystemId } from '../adapters/layout.js';
import { runAudit } from '../audit/audit.js';
import { needsOf } from '../checks/registry.js';
import { resolveWindow } from '../time/window.js';
import { parseIsoDay, todayInLondon, type Day } from '../time/calendar.js';
import { adaptersFor, loadPolicy, type PolicyWithAdapter } from '../policy/load.js';
import { choose, EXIT, listLimit, refuseFormatWithoutCodeGeneration, UsageError } from './errors.js';
import { writePieces, type PieceStream } from './stdout.js';
import { leftBehindWarning, outputFile, refuseOutputAmongInputs, writeFilesAtomically, writeFolderAtomically, writeStreamAtomically } from './output.js';
import { tellDataIssues } from './issues-line.js';
import { staleExportsLine } from './stale-exports.js';
import { missingTeam, missingWorker, teamAsSpelt, workerAsSpelt, workerOutsideTeam } from '../audit/scope.js';
import { rejectedRowWords } from '../adapters/mapper.js';
import { withoutLeadingZeros } from '../model/ids.js';
import { supervisorsInNoWorkersFile } from '../model/supervisor-rows.js';
import { VERSION } from './version.js';
import { auditProgress } from './progress.js';
import { findingsByTeam, teamReport, teamTotals } from '../audit/teams.js';
import { indexCsv, indexHeader, teamFileNames } from '../report/split.js';
import { join } from 'node:path';
import { endPhases, inPhase, startPhases } from '../time/phases.js';

/** The options audit and due share: what to read, with which policy, for whom, and how to write it. */
export interface ExportsOptions {
  policy: string;
  asOf?: string;
  from?: string;
  format?: string;
  output?: string;
  system?: string;
  team?: string;
  worker?: string;
  threads?: string;
  limit?: string;
  maxRejected?: string;
  splitBy?: string;
  failOn: string;
}

export interface AuditOptions extends ExportsOptions {
  month?: string;
}

export interface Terminal {
  stdout: { isTTY?: boolean; columns?: number } & PieceStream;
  stderr: { isTTY?: boolean; write(text: string): unknown };
  env: Record<string, string | undefined>;
}

const FORMATS = ['table', 'csv', 'json', 'xlsx', 'html'] as const;
/** Formats that are files to open, not text to print: they need --output. */
const FILE_FORMATS: ReadonlyArray<string> = ['xlsx', 'html'];

/** --max-rejected: a share of a file's rows, from 0 to 100 per cent. */
export function percent(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,3}(\.\d+)?%?$/.test(value) || Number(value.replace('%', '')) > 100) throw new UsageError(`--${name} ${value} is not a per cent from 0 to 100`);
  return Number(value.replace('%', ''));
}

export function count(name: string, value: string): number {
  if (!/^[1-9]\d{0,2}$/.test(value)) throw new UsageError(`--${name} ${value} is not a whole number from 1 to 999`);
  return Number(value);
}

/**
 * The day the audit runs, in Europe/London: the default audit date, and the latest date an
 * event can truly have. SUPERVISION_AUDIT_TODAY (YYYY-MM-DD) sets it, so that a report can be
 * made again exactly as it was on that day.
 */
export function todayOf(env: Record<string, string | undefined>): Day {
  const fixed = env['SUPERVISION_AUDIT_TODAY'];
  if (fixed === undefined || fixed === '') return todayInLondon();
  const day = parseIsoDay(fixed);
  if (day === null) throw new UsageError(`SUPERVISION_AUDIT_TODAY=${fixed} is not a date in the form YYYY-MM-DD`);
  return day;
}

export async function audit(paths: string[], options: AuditOptions, terminal: Terminal): Promise<number> {
  const format = choose('format', options.format, FORMATS) ?? (options.output === undefined && terminal.stdout.isTTY ? 'table' : 'json');
  const system = choose<SystemId>('system', options.system, SYSTEMS);
  const failOn = choose('fail-on', options.failOn, ['exception', 'none'] as const)!;
  const splitBy = choose('split-by', options.splitBy, ['team'] as const);
  if (splitBy && (options.output === undefined || format === 'table')) {
    throw new UsageError('--split-by team writes the report of each team: give --format csv, json, xlsx or html and an --output folder');
  }
  const today = todayOf(terminal.env);
  refuseFormatWithoutCodeGeneration(format);
  if (FILE_FORMATS.includes(format) && options.output === undefined) {
    throw new UsageError(`--format ${format} writes a file: name it with --output (say --output report.${format})`);
  }
  const window = resolveWindow({ asOf: options.asOf, from: options.from, month: options.month, today });
  const threads = options.threads === undefined ? undefined : count('threads', options.threads);
  const limit = listLimit(options.limit, DEFAULT_LIMIT);
  const maxRejected = percent('max-rejected', options.maxRejected, DEFAULT_MAX_REJECTED);
  await refuseOutputAmongInputs(options.output, paths);

  const loaded = await loadPolicy(options.policy);
  const progress = auditProgress(terminal);
  let report: AuditReport;
  let written: string | undefined;
  let stale: string | null;
  startPhases(terminal.env['SUPERVISION_AUDIT_PHASES']);
  try {
    const read = await readExports(paths, loaded, { system, window, today, threads, maxRejected, progress });
    const { dataset, inputs, skipped, issues } = read;
    stale = staleExportsLine(dataset, window.asOf);
    const team = scopeTeam(dataset, window.asOf, options.team);
    const worker = scopeWorker(read, options.worker, team, window.asOf);
    report = runAudit({
      policy: loaded.policy,
      dataset,
      inputs,
      skipped,
      issues,
      window,
      scopeWords: { team, worker },
      toolVersion: VERSION,
      today,
      onRule: progress.rule,
    });
    // A report printed on the terminal needs the line the progress is on.
    if (options.output === undefined) progress.done();
    else progress.writing(options.output);
    await inPhase('write', async () => {
      if (splitBy && format !== 'table') await emitByTeam(report, format, options.output!, terminal, limit);
      else written = await emit(report, format, options.output, terminal, limit);
    });
  } finally {
    progress.done();
    endPhases();
  }
  if (stale !== null) terminal.stderr.write(stale);
  tellDataIssues(terminal, report.dataIssues, issuesWhere(format, options.output, written, Boolean(splitBy)));
  if (failOn === 'none') return EXIT.clean;
  return report.findings.length > 0 ? EXIT.exceptions : EXIT.clean;
}

/**
 * Reads the exports an audit (or a look-ahead) rests on, with the authority's adapters, and
 * stops (exit 2) when a file's rejected rows are past --max-rejected.
 */
export async function readExports(
  paths: string[],
  loaded: PolicyWithAdapter,
  options: { system: SystemId | undefined; window: AuditWindow; today: Day; threads: number | undefined; maxRejected: number; progress: ReturnType<typeof auditProgress> },
): Promise<Loaded> {
  const { progress } = options;
  const adapters = adaptersFor(loaded, options.system);
  const read = await loadExports(paths, {
    adapters,
    adapterFile: loaded.adapterFile,
    asOf: options.window.asOf,
    today: options.today,
    threads: options.threads,
    onFileStart: progress.start,
    onFile: progress.file,
  });
  try {
    checkExportsTrusted(read, options.maxRejected, loaded.policy.rules.map((rule) => ({ requirement: rule.requirement, needs: needsOf(rule.check, rule.params) })));
  } catch (err) {
    // Stopped for codes the adapter does not map: every one of every file is named now, with the lines that map them.
    if (!(err instanceof UnmappedCodesStop)) throw err;
    throw exportSetError({ files: [], stop: err.message, codes: read.unknownCodes, moreCodes: read.moreCodes }, adapters[0], loaded.adapterFile);
  }
  // A supervisor in no workers export cannot be a subject of a rule that judges supervisors: said, never dropped unseen.
  const judgingSupervisors = loaded.policy.rules.filter((rule) => rolesOf(rule.params).includes('supervisors')).map((rule) => rule.requirement);
  const columnOf = (source: { file: string }, field: string): string => read.columnsOf.get(source.file)?.[field] ?? field;
  for (const issue of supervisorsInNoWorkersFile(read.dataset, judgingSupervisors, options.window, columnOf, (id) => read.rejectedWorkers.get(id))) read.issues.push(issue);
  return read;
}

/**
 * The team --team names, as the data spells it (the report names it so, however it was typed);
 * a name no worker in post on the audit date has stops the command, saying which teams there are.
 */
export function scopeTeam(dataset: Loaded['dataset'], asOf: Day, name: string | undefined): string | null {
  if (name === undefined) return null;
  const team = teamAsSpelt(dataset, asOf, name);
  if (team === null) throw new UsageError(missingTeam(dataset, asOf, name)!);
  return team;
}

/**
 * The worker --worker names, with their id as the workers export writes it; an id no workers row
 * has stops the command, naming the row where the worker's row was rejected.
 */
export function scopeWorker({ dataset, rejectedWorkers }: Pick<Loaded, 'dataset' | 'rejectedWorkers'>, id: string | undefined, team: string | null = null, asOf?: Day): string | null {
  if (id === undefined) return null;
  const worker = workerAsSpelt(dataset, id);
  if (worker !== null) {
    // Narrowed to a team the worker is not in, the report would be as empty as for no worker.
    const outside = team === null || asOf === undefined ? null : workerOutsideTeam(dataset, worker, team, asOf);
    if (outside !== null) throw new UsageError(outside);
    return worker;
  }
  // Rejected rows are held by their ids without leading zeros too (adapters/load.ts).
  const rejected = rejectedWorkers.get(withoutLeadingZeros(id.trim()));
  if (rejected !== undefined) throw new UsageError(`--worker "${id}": ${rejectedRowWords(rejected.id, rejected)}`);
  throw new UsageError(missingWorker(dataset, id)!);
}

/** The roles a rule's parameters name, if any. */
function rolesOf(params: unknown): readonly unknown[] {
  const roles = typeof params === 'object' && params !== null ? (params as { roles?: unknown }).roles : undefined;
  return Array.isArray(roles) ? roles : [];
}

/**
 * A report for each team in the --output folder (a folder of CSV files each, for csv), and
 * index.csv: every exception of the whole report is in exactly one team's report.
 */
async function emitByTeam(report: AuditReport, format: Exclude<(typeof FORMATS)[number], 'table'>, folder: string, terminal: Terminal, limit: number): Promise<void> {
  const totals = new Map(teamTotals(report).map((t) => [t.team, t]));
  const findingsOf = findingsByTeam(report.findings);
  const teams = new Set([...totals.keys(), ...findingsOf.keys()]);
  const names = teamFileNames(teams);
  const counts = ['subjects', 'compliant', 'exceptions'];
  const extension = format === 'csv' ? '' : `.${format}`;
  // Every team's file or none: written into a folder beside --output that then takes its place.
  const left = await writeFolderAtomically(
    folder,
    async (staging) => {
      const rows: Array<{ team: string; file: string; counts: number[] }> = [];
      for (const team of teams) {
        const file = `${names.get(team)!}${extension}`;
        const part = teamReport(report, team, findingsOf.get(team) ?? []);
        await emit(part, format, join(staging, file), terminal, limit);
        rows.push({ team, file, counts: [totals.get(team)?.subjects ?? 0, totals.get(team)?.compliant ?? 0, part.findings.length] });
      }
      await writeFilesAtomically({ [join(staging, 'index.csv')]: indexCsv(counts, rows) });
    },
    { indexHeader: indexHeader(counts), extension, folderFiles: CSV_REPORT_FILES },
  );
  if (left.length > 0) terminal.stderr.write(leftBehindWarning(left));
}

/** Where the data issues of a report are listed, for the line on stderr. */
function issuesWhere(format: (typeof FORMATS)[number], output: string | undefined, written: string | undefined, split: boolean): string {
  if (split) return `every one is listed in each team's report in ${output}`;
  if (output === undefined) return format === 'csv' ? 'the CSV on standard output holds the exceptions only: --format json, or csv with --output <folder>, lists every one' : 'the report on standard output lists every one';
  // The evidence pack lists the issues that cost data; its notes are in every other format.
  if (format === 'html') return `every one but the notes is listed in ${written}`;
  return `every one is listed in ${written}${format === 'xlsx' ? ' (its Data issues sheet)' : ''}`;
}

/** Writes the report; returns the file that holds its data issues (nothing for stdout). */
async function emit(report: AuditReport, format: (typeof FORMATS)[number], output: string | undefined, terminal: Terminal, limit: number): Promise<string | undefined> {
  if (output === undefined) {
    const color = Boolean(terminal.stdout.isTTY) && !terminal.env['NO_COLOR'];
    if (format === 'table') {
      await writePieces(terminal.stdout, renderTablePieces(report, { color, width: terminal.stdout.columns ?? 120, limit }));
      return undefined;
    }
    await writePieces(terminal.stdout, format === 'json' ? renderJsonChunks(report) : exceptionPieces(report));
    return undefined;
  }
  if (format === 'csv') {
    const files = renderCsvFiles(report);
    await writeFilesAtomically(Object.fromEntries(Object.entries(files).map(([name, text]) => [join(output, name), text])));
    return join(output, 'data-issues.csv');
  }
  if (format === 'xlsx') {
    // The workbook's and the evidence pack's libraries load only for them: every other audit starts faster.
    const { writeWorkbook } = await import('../report/xlsx.js');
    const file = await outputFile(output, 'report.xlsx');
    await writeStreamAtomically(file, (out) => writeWorkbook(report, out));
    return file;
  }
  if (format === 'html') {
    const { renderHtml } = await import('../report/html.js');
    const file = await outputFile(output, 'evidence-pack.html');
    await writeFilesAtomically({ [file]: await renderHtml(report, { limit }) });
    return file;
  }
  const content = format === 'json' ? renderJsonChunks(report) : renderTablePieces(report, { color: false, width: 160, limit });
  const file = await outputFile(output, format === 'json' ? 'report.json' : 'report.txt');
  await writeFilesAtomically({ [file]: content });
  return file;
}

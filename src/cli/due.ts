/**
 * `supervision-audit due`: what falls due in the next fortnight (or --within days), and what is
 * already overdue, from the same exports and policy as the audit, for a team manager to act on
 * before it is a breach. Exit 1 when anything is overdue (unless --fail-on none).
 */
import { join } from 'node:path';
import { SYSTEMS, type SystemId } from '../adapters/layout.js';
import { DEFAULT_MAX_REJECTED } from '../adapters/trust.js';
import { DEFAULT_WITHIN, dueByTeam, lookAhead, type DueReport } from '../audit/due.js';
import { loadPolicy } from '../policy/load.js';
import { dueCsvPieces, dueJsonPieces, dueTablePieces } from '../report/due.js';
import { indexCsv, indexHeader, teamFileNames } from '../report/split.js';
import { DEFAULT_LIMIT } from '../report/table.js';
import { resolveWindow } from '../time/window.js';
import { staleExportsLine } from './stale-exports.js';
import { count, percent, readExports, scopeTeam, scopeWorker, todayOf, type ExportsOptions, type Terminal } from './audit.js';
import { choose, EXIT, listLimit, refuseFormatWithoutCodeGeneration, UsageError } from './errors.js';
import { writePieces } from './stdout.js';
import { leftBehindWarning, outputFile, refuseOutputAmongInputs, writeFilesAtomically, writeFolderAtomically, writeStreamAtomically } from './output.js';
import { tellDataIssues } from './issues-line.js';
import { auditProgress } from './progress.js';
import { VERSION } from './version.js';

export interface DueOptions extends ExportsOptions {
  within?: string;
}

const FORMATS = ['table', 'csv', 'json', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

function withinDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WITHIN;
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--within ${value} is not a whole number of days from 0 to 999`);
  return Number(value);
}

export async function due(paths: string[], options: DueOptions, terminal: Terminal): Promise<number> {
  const format: Format = choose('format', options.format, FORMATS) ?? (options.output === undefined && terminal.stdout.isTTY ? 'table' : 'json');
  const system = choose<SystemId>('system', options.system, SYSTEMS);
  const failOn = choose('fail-on', options.failOn, ['overdue', 'none'] as const)!;
  const splitBy = choose('split-by', options.splitBy, ['team'] as const);
  refuseFormatWithoutCodeGeneration(format);
  if (format === 'xlsx' && options.output === undefined) throw new UsageError('--format xlsx writes a file: name it with --output (say --output due.xlsx)');
  if (splitBy && (options.output === undefined || format === 'table')) {
    throw new UsageError('--split-by team writes a file per team: give --format csv, json or xlsx and an --output folder');
  }
  const today = todayOf(terminal.env);
  const window = resolveWindow({ asOf: options.asOf, from: options.from, today, afterToday: '--within lists what falls due in the days after it' });
  const within = withinDays(options.within);
  const limit = listLimit(options.limit, DEFAULT_LIMIT);
  const maxRejected = percent('max-rejected', options.maxRejected, DEFAULT_MAX_REJECTED);
  const threads = options.threads === undefined ? undefined : count('threads', options.threads);
  await refuseOutputAmongInputs(options.output, paths);

  const loaded = await loadPolicy(options.policy);
  const progress = auditProgress(terminal);
  let report: DueReport;
  let stale: string | null;
  try {
    const read = await readExports(paths, loaded, { system, window, today, threads, maxRejected, progress });
    const { dataset, inputs, issues } = read;
    stale = staleExportsLine(dataset, window.asOf);
    const team = scopeTeam(dataset, window.asOf, options.team);
    const worker = scopeWorker(read, options.worker, team, window.asOf);
    report = lookAhead({ policy: loaded.policy, dataset, inputs, issues, window, within, scopeWords: { team, worker }, toolVersion: VERSION, today });
    if (options.output === undefined) progress.done();
    else progress.writing(options.output);
    if (splitBy && format !== 'table') await emitByTeam(report, format, options.output!, terminal);
    else await emit(report, format, options.output, terminal, limit);
  } finally {
    progress.done();
  }
  const where = format !== 'json' ? '`supervision-audit audit` lists every one' : options.output === undefined ? 'the JSON on standard output lists every one' : `every one is listed in ${splitBy ? `each team's file in ${options.output}` : await outputFile(options.output, 'due.json')}`;
  if (stale !== null) terminal.stderr.write(stale);
  tellDataIssues(terminal, report.dataIssues, where);
  return failOn === 'overdue' && report.summary.overdue > 0 ? EXIT.exceptions : EXIT.clean;
}

/** A team's part of the look-ahead: its items and its counts. */
function ofTeam(report: DueReport, team: string): DueReport {
  const items = report.items.filter((i) => i.team === team);
  const byTeam = dueByTeam(items);
  return { ...report, items, summary: { overdue: byTeam[0]?.overdue ?? 0, due: byTeam[0]?.due ?? 0, byTeam } };
}

async function emit(report: DueReport, format: Format, output: string | undefined, terminal: Terminal, limit: number): Promise<void> {
  if (format === 'xlsx') {
    const { writeDueWorkbook } = await import('../report/due-xlsx.js');
    await writeStreamAtomically(await outputFile(output!, 'due.xlsx'), (out) => writeDueWorkbook(report, out));
    return;
  }
  const color = output === undefined && Boolean(terminal.stdout.isTTY) && !terminal.env['NO_COLOR'];
  const pieces = format === 'table' ? dueTablePieces(report, { color, limit }) : format === 'csv' ? dueCsvPieces(report) : dueJsonPieces(report);
  if (output === undefined) await writePieces(terminal.stdout, pieces);
  else await writeFilesAtomically({ [await outputFile(output, `due.${format === 'table' ? 'txt' : format}`)]: pieces });
}

/** A file per team in the --output folder, and index.csv: every item of the whole look-ahead is in exactly one team's file. */
async function emitByTeam(report: DueReport, format: Exclude<Format, 'table'>, folder: string, terminal: Terminal): Promise<void> {
  const names = teamFileNames(report.summary.byTeam.map((t) => t.team));
  const teams = report.summary.byTeam.map((t) => ({ ...t, file: `${names.get(t.team)!}.${format}` }));
  const counts = ['overdue', 'due'];
  const index = indexCsv(counts, teams.map((t) => ({ team: t.team, file: t.file, counts: [t.overdue, t.due] })));
  // Every team's file or none: written into a folder beside --output that then takes its place.
  const left = await writeFolderAtomically(
    folder,
    async (staging) => {
      if (format === 'xlsx') {
        const { writeDueWorkbook } = await import('../report/due-xlsx.js');
        for (const team of teams) await writeStreamAtomically(join(staging, team.file), (out) => writeDueWorkbook(ofTeam(report, team.team), out));
        await writeFilesAtomically({ [join(staging, 'index.csv')]: index });
        return;
      }
      const render = format === 'csv' ? dueCsvPieces : dueJsonPieces;
      await writeFilesAtomically({ ...Object.fromEntries(teams.map((t) => [join(staging, t.file), render(ofTeam(report, t.team))])), [join(staging, 'index.csv')]: index });
    },
    { indexHeader: indexHeader(counts), extension: `.${format}` },
  );
  if (left.length > 0) terminal.stderr.write(leftBehindWarning(left));
}

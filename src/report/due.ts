/**
 * What falls due, for a team manager on a Monday: a table grouped by team then due date (what is
 * overdue in red, what falls due within three days in yellow), a CSV of a row per item, and the
 * JSON of the look-ahead contract. Pure functions of the look-ahead's report.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { DueItem, DueReport } from '../audit/due.js';
import { sourcesText } from '../audit/report.js';
import { endTrimmed } from './blocks.js';
import { csvPieces } from './csv.js';
import { jsonPieces } from './json.js';
import { longTable, moreLine } from './table.js';
import { visible as v } from './visible.js';

/** Days within which an item is shown as close at hand. */
const SOON = 3;

export interface DueTableOptions {
  color: boolean;
  /** At most this many items per team (0: all). */
  limit: number;
}

/** When an item is due, in words: "3 days overdue", "today", "in 5 days". */
export function whenWords(item: DueItem): string {
  if (item.status === 'overdue') return `${item.daysOverdue} day${item.daysOverdue === 1 ? '' : 's'} overdue`;
  if (item.daysLeft === 0) return 'today';
  return `in ${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'}`;
}

const person = (id: string | null, name: string | null): string => (id === null ? '–' : name ? `${v(name)}\n${v(id)}` : v(id));

/**
 * The look-ahead as a table, a team at a time: every team's rows (`--limit 0`) are never laid
 * out whole before the first is written. The pieces join into the lines of the table, white
 * space at the end cut, and a line break.
 */
export function dueTablePieces(report: DueReport, options: DueTableOptions): Generator<string> {
  return endTrimmed(dueTableLines(report, options));
}

/** The lines of the table, each after a line break but the first (as `lines.join('\n')`). */
function* dueTableLines(report: DueReport, options: DueTableOptions): Generator<string> {
  const c: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  let lines = 0;
  const line = (text: string): string => (lines++ === 0 ? text : `\n${text}`);
  yield line(c.bold(v(`${report.policy.title} (${report.policy.authority})`)));
  const scope = [report.scope.team && `team ${v(report.scope.team)}`, report.scope.worker && `worker ${v(report.scope.worker)}`].filter(Boolean).join(', ');
  yield line(`What falls due by ${report.until} (${report.within} days from ${report.asOf}), and what is overdue${scope ? `, ${scope}` : ''}`);
  const { overdue, due } = report.summary;
  yield line(`${overdue > 0 ? c.red(`${overdue} overdue`) : c.green('0 overdue')}, ${due} due in the next ${report.within} days`);
  yield line('');
  const teams = new Map<string, DueItem[]>();
  for (const item of report.items) {
    const list = teams.get(item.team);
    if (list) list.push(item);
    else teams.set(item.team, [item]);
  }
  for (const counts of report.summary.byTeam) {
    const items = teams.get(counts.team) ?? [];
    yield line(c.bold(`${v(counts.team)}: ${counts.overdue > 0 ? c.red(`${counts.overdue} overdue`) : '0 overdue'}, ${counts.due} due`));
    const shown = options.limit > 0 ? items.slice(0, options.limit) : items;
    const rows = shown.map((item) => {
      const paint = item.status === 'overdue' ? c.red : item.daysLeft !== null && item.daysLeft <= SOON ? c.yellow : (text: string) => text;
      return [paint(item.dueDate), paint(whenWords(item)), person(item.workerId, item.workerName), person(item.supervisorId, item.supervisorName), v(item.what), `${v(item.requirement)}\n${v(item.clause)}`, item.lastDate ?? '–'];
    });
    yield line(longTable(c, ['Due', 'When', 'Worker', 'Supervisor', 'What is due', 'Requirement', 'Last'], [12, 18, 24, 22, 40, 24, 12], rows));
    const more = items.length - shown.length;
    if (more > 0) yield line(moreLine(c, more, `${more === 1 ? 'item' : 'items'} for ${v(counts.team)}`, 'every one is in --format csv, xlsx or json'));
    yield line('');
  }
  if (report.items.length === 0) {
    yield line('Nothing falls due in that time, and nothing is overdue.');
    yield line('');
  }
  for (const rule of report.notRun) yield line(c.dim(`${v(rule.requirement)} ${rule.check}: not run, ${v(rule.reason)}`));
  const issues = report.dataIssues.length;
  if (issues > 0) yield line(c.dim(`${issues.toLocaleString('en-GB')} data issue${issues === 1 ? '' : 's'} in the exports: \`supervision-audit audit\` lists them`));
}

export const DUE_COLUMNS = [
  'team',
  'status',
  'due_date',
  'days_overdue',
  'days_left',
  'worker_id',
  'worker_name',
  'supervisor_id',
  'supervisor_name',
  'what',
  'requirement',
  'clause',
  'check',
  'subject_kind',
  'subject_id',
  'part',
  'last_date',
  'source',
];

/** An item's cells in DUE_COLUMNS' order; `date` turns its dates into the cells a format holds (a workbook's dates). */
export function dueRow<D = string>(i: DueItem, date: (day: string) => D = (day) => day as D): Array<string | number | D | null> {
  return [
    i.team,
    i.status,
    date(i.dueDate),
    i.daysOverdue,
    i.daysLeft,
    i.workerId,
    i.workerName,
    i.supervisorId,
    i.supervisorName,
    i.what,
    i.requirement,
    i.clause,
    i.check,
    i.subject.kind,
    i.subject.id,
    i.part,
    i.lastDate === null ? null : date(i.lastDate),
    sourcesText(i.source),
  ];
}

/** A row per item, every cell a spreadsheet would run neutralised; a few rows to a piece. */
export function dueCsvPieces(report: DueReport): Generator<string> {
  return csvPieces(DUE_COLUMNS, report.items, (i) => dueRow(i));
}

/** The look-ahead's lists that grow with the data: written a few elements at a time. */
const LONG_LISTS: ReadonlySet<string> = new Set(['items', 'dataIssues']);

/** The look-ahead as `JSON.stringify(report, null, 2)` writes it, in pieces. */
export function dueJsonPieces(report: DueReport): Generator<string> {
  return jsonPieces(report, LONG_LISTS);
}

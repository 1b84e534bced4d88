/**
 * The terminal report: what was read, a summary per rule with its compliance, and the
 * exceptions grouped by team and worker. Colour only when asked for (the CLI asks on a TTY
 * without NO_COLOR).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { entityWords, type AuditReport, type Finding } from '../audit/report.js';
import { dueDateAt, workerIdAt, type FindingList } from '../audit/finding-store.js';
import { findingsByTeam, placesBy, teamTotals } from '../audit/teams.js';
import type { InputSummary } from '../model/inputs.js';
import { plainTable } from './plain-table.js';
import { visible as v } from './visible.js';

export interface TableOptions {
  color: boolean;
  /** The terminal's width in columns. */
  width: number;
  /**
   * How many exceptions, and how many data issues, to list before saying how many more there
   * are and where they all are; 0 lists them all. Every figure is always shown in full.
   */
  limit: number;
}

/** The terminal lists this many exceptions and data issues unless told otherwise. */
export const DEFAULT_LIMIT = 100;

/** A table; `compact` leaves out the rule between rows, for rows of one line. */
function table(c: ChalkInstance, head: string[], options: Partial<Table.TableConstructorOptions> = {}, compact = true): Table.Table {
  return new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact },
    wordWrap: true,
    ...options,
  });
}

type Row = Table.HorizontalTableRow;

/** Rows laid out at a time: cli-table3 lays out one table in time that grows faster than its rows. */
const BLOCK = 200;

/**
 * A long list as one table, of the text cli-table3 makes of it, laid out BLOCK rows at a time
 * (so in time that grows with the rows) and joined. Every column's width is fixed first (a
 * column with no width given takes its widest cell's, as cli-table3 would), so that every block
 * is laid out alike.
 */
export function longTable(c: ChalkInstance, head: string[], colWidths: Array<number | null>, rows: RowList): string {
  return [...longTablePieces(c, head, colWidths, rows)].join('\n');
}

/**
 * A table's rows: an array, or rows made a block at a time as they are laid out (which should
 * come with every column's width, as a width left to be found reads every row first).
 */
export interface RowList {
  readonly length: number;
  slice(from: number, to: number): Row[];
}

/** longTable's text in pieces, a block of rows each, to be joined with line breaks. */
export function* longTablePieces(c: ChalkInstance, head: string[], colWidths: Array<number | null>, rows: RowList): Generator<string> {
  const widths = colWidths.map((w, i) => w ?? widestInColumn(rows, i, head[i]!.length) + 2);
  const block = (from: number): string[] => {
    const slice = rows.slice(from, from + BLOCK);
    // Plain text (no colour) is laid out as cli-table3 would lay it out, without its slow measuring.
    const plain = plainTable(head.map((h) => c.bold(h)), widths, slice);
    if (plain !== null) return plain.split('\n');
    const t = table(c, head, { colWidths: widths }, false);
    for (const row of slice) t.push(row);
    return t.toString().split('\n');
  };
  if (rows.length <= BLOCK) {
    yield block(0).join('\n');
    return;
  }
  // A table with no rows is its top border, its header and its bottom border.
  const headerLines = block(rows.length).length - 2;
  const first = block(0);
  const between = first[1 + headerLines]!;
  yield first.slice(0, -1).join('\n');
  let last = first;
  for (let from = BLOCK; from < rows.length; from += BLOCK) {
    last = block(from);
    yield [between, ...last.slice(2 + headerLines, -1)].join('\n');
  }
  yield last.at(-1)!;
}

/** The width of a column's widest cell, and at least `least`. */
function widestInColumn(rows: RowList, column: number, least: number): number {
  let most = least;
  for (let from = 0; from < rows.length; from += BLOCK) for (const row of rows.slice(from, from + BLOCK)) most = Math.max(most, widest(row[column]));
  return most;
}

/** The width of a cell's widest line. */
function widest(cell: Row[number] | undefined): number {
  const text = cell === null || cell === undefined ? '' : typeof cell === 'object' ? String((cell as { content?: unknown }).content ?? '') : String(cell);
  return Math.max(0, ...text.split('\n').map((line) => line.length));
}

/** The line that says how many more there are than a list shows, and where they all are. */
export function moreLine(c: ChalkInstance, more: number, what: string, where: string): string {
  return c.dim(`… and ${more.toLocaleString('en-GB')} more ${what}: ${where}, or --limit 0 to list them all here`);
}

/** A compliance figure as text: "91.2%", or a dash where there were no subjects. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${value.toFixed(1)}%`;
}

function inputsSection(report: AuditReport, c: ChalkInstance): string {
  const t = table(c, ['File', 'System', 'Entity', 'Read', 'Used', 'Rejected']);
  for (const i of report.inputs) {
    const notRelevant = Object.values(i.notRelevant).reduce((s, n) => s + n, 0);
    const rejected = notRelevant > 0 ? `${i.rowsRejected} (${notRelevant} not relevant)` : String(i.rowsRejected);
    t.push([v(i.file), i.layout === 'authority' ? `${i.system} (adapter.yaml)` : i.system, v(entityWords(i)), i.rowsRead, i.rowsUsed, i.rowsRejected > notRelevant ? c.yellow(rejected) : rejected]);
  }
  const s = report.summary;
  t.push([c.bold('All files'), '', '', c.bold(String(s.rowsRead)), c.bold(String(s.rowsUsed)), c.bold(String(s.rowsRejected))]);
  const notes = [...reportRowsNotes(report), ...skippedNotes(report)];
  return notes.length === 0 ? t.toString() : `${t.toString()}\n${notes.join('\n')}`;
}

/** A report's title rows and footer, for each file that has them: not data, so not in the row counts. */
export function reportRowsNote(i: InputSummary): string | null {
  const parts = [
    i.titleRows > 0 ? `${i.titleRows} title row${i.titleRows === 1 ? '' : 's'} above the header` : '',
    i.footerRows > 0 ? `${i.footerRows} footer row${i.footerRows === 1 ? '' : 's'} below the data` : '',
  ].filter(Boolean);
  return parts.length === 0 ? null : `${parts.join(' and ')}: the report's own, not data`;
}

function reportRowsNotes(report: AuditReport): string[] {
  return report.inputs.flatMap((i) => {
    const note = reportRowsNote(i);
    return note === null ? [] : [`${v(i.file)}: ${note}`];
  });
}

function skippedNotes(report: AuditReport): string[] {
  const skipped = report.skipped;
  return skipped.length === 0 ? [] : ['Not read:', ...skipped.map((k) => `  ${v(k.file)}: ${v(k.reason)}`)];
}

function rulesSection(report: AuditReport, c: ChalkInstance): string {
  const t = table(c, ['Requirement', 'Check', 'Clause', 'Subjects', 'Compliant', 'Exceptions', 'Compliance']);
  for (const r of report.summary.rules) {
    if (r.status === 'not-run') {
      t.push([v(r.requirement), r.check, v(r.clause), { colSpan: 4, content: c.dim(`not run: ${v(r.reason ?? '')}`) }]);
      continue;
    }
    const compliance = percent(r.compliance);
    t.push([
      v(r.requirement),
      r.check,
      v(r.clause),
      r.subjects,
      r.compliant,
      r.exceptions > 0 ? c.red(String(r.exceptions)) : c.green('0'),
      r.compliance === null ? compliance : r.compliance >= 100 ? c.green(compliance) : c.yellow(compliance),
    ]);
  }
  return t.toString();
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-01" as "Jan 26". */
export function shortMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
}

/** One line per rule, one cell per calendar month: the percentage of its subjects that month that were compliant. */
function monthsSection(report: AuditReport, c: ChalkInstance): string {
  const months = report.summary.rules.find((r) => r.byMonth.length > 0)?.byMonth.map((m) => m.month) ?? [];
  const t = table(c, ['Requirement', 'Check', ...months.map(shortMonth)], { colAligns: ['left', 'left', ...months.map(() => 'right' as const)] });
  for (const r of report.summary.rules) {
    if (r.status === 'not-run') {
      t.push([v(r.requirement), r.check, { colSpan: Math.max(1, months.length), content: c.dim('not run') }]);
      continue;
    }
    t.push([v(r.requirement), r.check, ...r.byMonth.map((m) => (m.compliance === null ? c.dim('–') : m.compliance >= 100 ? c.green('100') : String(Math.floor(m.compliance))))]);
  }
  return t.toString();
}

function teamsSection(report: AuditReport, c: ChalkInstance): string {
  const t = table(c, ['Team', 'Subjects', 'Compliant', 'Exceptions', 'Compliance']);
  for (const team of teamTotals(report)) {
    t.push([v(team.team), team.subjects, team.compliant, team.exceptions > 0 ? c.red(String(team.exceptions)) : c.green('0'), percent(team.compliance)]);
  }
  return t.toString();
}

const byText = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The exceptions by team and worker, at most `limit` of them (0: all), in pieces to be joined with line breaks. */
function* findingsSection(findings: FindingList, c: ChalkInstance, width: number, limit: number): Generator<string> {
  // Findings are grouped by team without being put into words; only a listed team's are.
  const teams = findingsByTeam(findings);
  const messageWidth = Math.max(30, width - 68);
  let shown = 0;
  for (const team of [...teams.keys()].sort(byText)) {
    if (limit > 0 && shown >= limit) break;
    const inTeam = teams.get(team)!;
    yield c.bold.underline(`${v(team)}: ${inTeam.length} exception${inTeam.length === 1 ? '' : 's'}`);
    // The team's findings listed, by worker, as places in the team's list: each is put into words
    // only as its block of rows is laid out, so that a big team's are never all held in words.
    const byWorker = placesBy(inTeam.length, (i) => workerIdAt(inTeam, i) ?? '–');
    const listed: number[] = [];
    for (const worker of [...byWorker.keys()].sort(byText)) {
      for (const i of byWorker.get(worker)!) {
        if (limit > 0 && shown >= limit) break;
        listed.push(i);
        shown += 1;
      }
    }
    // The due column as wide as its widest date, as cli-table3 would make it.
    let due = 'Due'.length;
    for (const i of listed) due = Math.max(due, dueDateAt(inTeam, i)?.length ?? 0);
    const row = (f: Finding): Row => {
      const worker = f.workerId ?? '–';
      return [f.workerName ? `${v(worker)}\n${v(f.workerName)}` : v(worker), `${v(f.requirement)}\n${c.dim(v(f.clause))}`, `${f.subject.kind}\n${v(f.subject.id)}`, c.red(f.status), f.dueDate ?? '', v(f.message)];
    };
    const rows: RowList = { length: listed.length, slice: (from, to) => listed.slice(from, to).map((i) => row(inTeam.at(i)!)) };
    yield* longTablePieces(c, ['Worker', 'Requirement', 'Subject', 'Status', 'Due', 'Detail'], [16, 24, 16, 16, due + 2, messageWidth], rows);
  }
  if (shown < findings.length) yield moreLine(c, findings.length - shown, 'exceptions', 'every one is in --format csv, xlsx or json');
}

export function renderTable(report: AuditReport, options: TableOptions): string {
  return [...renderTablePieces(report, options)].join('');
}

/** The terminal report in pieces (a list of every exception of a big authority is never one string). */
export function* renderTablePieces(report: AuditReport, options: TableOptions): Generator<string> {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const limit = options.limit;
  const s = report.summary;
  const lines: string[] = [];
  lines.push(c.bold(v(`${report.policy.title} (${report.policy.authority}, ${report.policy.version})`)));
  lines.push(`Audit window ${report.window.from} to ${report.window.asOf}` + (report.scope.team ? `, team ${v(report.scope.team)}` : '') + (report.scope.worker ? `, worker ${v(report.scope.worker)}` : ''));
  lines.push('', c.bold('Input'), inputsSection(report, c));
  lines.push('', c.bold('Rules'), rulesSection(report, c));
  if (report.summary.rules.some((r) => r.byMonth.length > 0)) {
    lines.push('', c.bold('Compliance by month') + c.dim(' (% of each month’s subjects compliant, as an audit of that month alone gives it)'), monthsSection(report, c));
  }
  if (report.summary.rules.some((r) => r.byTeam.length > 0)) {
    lines.push('', c.bold('Teams') + c.dim(' (subjects and exceptions of every rule, counted in their team)'), teamsSection(report, c));
  }
  // Every data issue, notes too, so that the count is the JSON report's.
  const issues = report.dataIssues;
  if (issues.length > 0) {
    lines.push('', c.bold(`Data issues: ${issues.length}`) + c.dim(' (all of them in data-issues.csv or the JSON report)'));
    const listed = limit > 0 ? issues.slice(0, limit) : issues;
    const rows: Row[] = listed.map((i) => [v(i.file), i.line, v(i.field), v(i.value), v(i.problem), i.effect]);
    lines.push(...longTablePieces(c, ['File', 'Line', 'Field', 'Value', 'Problem', 'Effect'], [null, 7, 18, 18, Math.max(44, options.width - 86), 14], rows));
    if (listed.length < issues.length) lines.push(moreLine(c, issues.length - listed.length, 'data issues', 'every one is in --format csv (data-issues.csv), xlsx or json'));
  }
  if (report.readings.length > 0) {
    lines.push('', c.bold('Local readings') + c.dim(' (how this policy file reads words the policy leaves open)'));
    for (const r of report.readings) lines.push(`  ${v(r.requirement)}: ${v(r.reading)}`);
  }
  if (report.notCheckable.length > 0) {
    lines.push('', c.bold('Not checkable from exports'));
    for (const n of report.notCheckable) lines.push(`  ${v(n.clause)}: ${v(n.reason)}`);
  }
  lines.push('');
  if (report.findings.length === 0) {
    lines.push(c.green.bold('No exceptions.'));
    yield `${lines.join('\n')}\n`;
    return;
  }
  lines.push(c.bold(`Exceptions: ${s.exceptions}`));
  yield `${lines.join('\n')}\n`;
  for (const piece of findingsSection(report.findings, c, options.width, limit)) yield `${piece}\n`;
}

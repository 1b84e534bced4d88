/**
 * What changed between two reports, as a table, CSV files (changes.csv, rules.csv) or JSON.
 * Pure functions of the comparison.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { subjectOf, type ChangedFinding, type ReportDiff } from '../audit/diff.js';
import { SCHEMA_VERSION } from '../audit/report.js';
import { teamOfFinding } from '../audit/teams.js';
import { csvDocument, csvPieces } from './csv.js';
import { jsonPieces } from './json.js';
import { longTable, moreLine, percent } from './table.js';
import { visible as v } from './visible.js';

const points = (value: number | null): string => (value === null ? '–' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);

/** A change as the JSON lists it: the finding's own fields after what changed. */
function changeJson({ change, finding, statusBefore, endedBecause }: ChangedFinding): object {
  return { change, ...(statusBefore !== null ? { statusBefore } : {}), ...(endedBecause !== null ? { endedBecause } : {}), ...finding };
}

/** The diff as JSON, in pieces: the changes a few at a time, each made as it is written. */
export function diffJsonPieces(diff: ReportDiff): Generator<string> {
  const changes = { length: diff.changes.length, *[Symbol.iterator]() { for (const c of diff.changes) yield changeJson(c); } };
  return jsonPieces({ schemaVersion: SCHEMA_VERSION, kind: 'diff', policy: diff.policy, earlier: diff.earlier, later: diff.later, counts: diff.counts, rules: diff.rules, changes }, LONG_LISTS);
}

/** The diff's list that grows with the reports. */
const LONG_LISTS: ReadonlySet<string> = new Set(['changes']);

function changeRow(c: ChangedFinding): Array<string | number | null> {
  const f = c.finding;
  return [
    c.change,
    f.requirement,
    f.clause,
    f.check,
    c.statusBefore,
    f.status,
    subjectOf(f).kind,
    subjectOf(f).id,
    teamOfFinding(f),
    f.workerId,
    f.workerName,
    f.supervisorId,
    f.supervisorName,
    f.dueDate,
    f.lastDate,
    f.daysOverdue,
    c.endedBecause,
    f.message,
  ];
}

const CHANGE_COLUMNS = ['change', 'requirement', 'clause', 'check', 'status_before', 'status', 'subject_kind', 'subject_id', 'team', 'worker_id', 'worker_name', 'supervisor_id', 'supervisor_name', 'due_date', 'last_date', 'days_overdue', 'ended_because', 'message'];

/** The changes as CSV, a few rows to a piece. */
export function changesCsvPieces(diff: ReportDiff): Generator<string> {
  return csvPieces(CHANGE_COLUMNS, diff.changes, changeRow);
}

/** The files `diff --format csv --output <dir>` writes (the writer puts a byte order mark before each). */
export function renderDiffCsvFiles(diff: ReportDiff): Record<string, Iterable<string>> {
  return {
    'changes.csv': changesCsvPieces(diff),
    'rules.csv': csvDocument(
      ['requirement', 'check', 'clause', 'compliance_then', 'compliance_now', 'change_points', 'exceptions_then', 'exceptions_now'],
      diff.rules.map((r) => [r.requirement, r.check, r.clause, r.then?.compliance ?? '', r.now?.compliance ?? '', r.change ?? '', r.then?.exceptions ?? '', r.now?.exceptions ?? '']),
    ),
  };
}

export function renderDiffTable(diff: ReportDiff, options: { color: boolean; width: number; limit: number }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  lines.push(c.bold(`${v(`${diff.policy.title} (${diff.policy.authority}, ${diff.policy.version})`)}: what changed`));
  lines.push(`Earlier: ${v(diff.earlier.window.from)} to ${v(diff.earlier.window.asOf)}, ${diff.earlier.exceptions} exceptions`);
  lines.push(`Later:   ${v(diff.later.window.from)} to ${v(diff.later.window.asOf)}, ${diff.later.exceptions} exceptions`);
  const n = diff.counts;
  lines.push('', `${c.red.bold(`${n.new} new`)}, ${n.persisting} persisting, ${c.green(`${n.resolved} resolved`)}, ${n.ended} ended (worker left, case closed, or before the later window)`);
  const rules = new Table({ head: ['Requirement', 'Check', 'Then', 'Now', 'Change', 'Exceptions then', 'Exceptions now'].map((h) => c.bold(h)), style: { head: [], border: [], compact: true } });
  for (const r of diff.rules) {
    const change = r.change === null ? '–' : r.change < 0 ? c.red(points(r.change)) : r.change > 0 ? c.green(points(r.change)) : points(r.change);
    rules.push([v(r.requirement), v(r.check), percent(r.then?.compliance), percent(r.now?.compliance), change, r.then?.exceptions ?? '–', r.now?.exceptions ?? '–']);
  }
  lines.push('', c.bold('Compliance then and now'), rules.toString());
  const messageWidth = Math.max(30, options.width - 82);
  for (const kind of ['new', 'resolved', 'persisting', 'ended'] as const) {
    const list = diff.changes.filter((ch) => ch.change === kind);
    if (list.length === 0) continue;
    const listed = options.limit > 0 ? list.slice(0, options.limit) : list;
    const rows = listed.map((ch) => {
      const f = ch.finding;
      const status = ch.statusBefore !== null && ch.statusBefore !== f.status ? `${ch.statusBefore} → ${f.status}` : f.status;
      const detail = ch.endedBecause ? `${f.message} (${ch.endedBecause})` : f.message;
      const worker = f.workerName ? `${v(f.workerId ?? '')}\n${v(f.workerName)}` : v(f.workerId ?? '');
      return [v(teamOfFinding(f)), worker, v(f.requirement), `${v(subjectOf(f).kind)}\n${v(subjectOf(f).id)}`, v(status), v(f.dueDate ?? ''), v(detail)];
    });
    lines.push('', c.bold(`${kind[0]!.toUpperCase()}${kind.slice(1)}: ${list.length}`), longTable(c, ['Team', 'Worker', 'Requirement', 'Subject', 'Status', 'Due', 'Detail'], [18, 16, 24, 14, 14, 12, messageWidth], rows));
    if (listed.length < list.length) lines.push(moreLine(c, list.length - listed.length, `${kind} exceptions`, 'every one is in --format csv or json'));
  }
  return `${lines.join('\n')}\n`;
}

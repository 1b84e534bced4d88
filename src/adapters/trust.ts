/**
 * When an export cannot be trusted, the audit stops (REQUIREMENTS.md, "When an export cannot be
 * trusted"): a file of which more than --max-rejected per cent of its rows (and at least five)
 * were rejected for data problems, or a column that share of whose values could not be read,
 * would give a report that rests on a fraction of it, and a
 * scheduled job reads exit 0 as all clear. Rows not relevant to the audit do not count, nor do
 * an HR export's rows that join no worker (judged by adapters/staff-numbers.ts alone). An
 * export with no rows is a failed extract, and a workers export none of whose rows could be
 * read leaves nothing to audit. A CSV file cut off inside a quoted value, and a form question
 * renamed by a new version of the form, would leave out or misjudge what follows them.
 */
import { KINDS_OF_ENTITY, type Loaded } from './load.js';
import { isUnreadQuestion } from './form-pivot.js';
import type { DataIssue } from '../model/issues.js';
import { NEVER_CLOSED } from '../ingest/csv.js';
import { InputError } from '../ingest/table.js';
import type { RecordKind } from '../model/records.js';

/** A rule of the policy as these stops name it: its requirement, and the kinds of record its check reads. */
export interface RuleReading {
  requirement: string;
  needs: readonly RecordKind[];
}

export const DEFAULT_MAX_REJECTED = 25;

/** A file most of whose rejected rows hold codes the adapter does not map: the adapter is to complete, not the export. */
export class UnmappedCodesStop extends InputError {
  override name = 'UnmappedCodesStop';
}
/** Fewer rejected rows than this never stop an audit, whatever their share: a small file with two bad rows is no sign of a wrong export. */
const AT_LEAST = 5;

/** Every stop of an untrustworthy export, in the order a user should fix them: workers first, then empty files, then rejected rows. */
export function checkExportsTrusted(loaded: Pick<Loaded, 'inputs' | 'issues' | 'unmatchedStaffRecords' | 'dataset' | 'columnReadings' | 'renamedQuestions'>, maxPercent: number, rules: readonly RuleReading[]): void {
  checkWorkersRead(loaded, rules);
  checkEmptyExports(loaded, rules);
  checkCutOff(loaded, maxPercent);
  checkRenamedQuestions(loaded, maxPercent);
  checkRejectedShare(loaded, maxPercent);
  checkColumnsRead(loaded, maxPercent);
}

/** The rules whose checks read any kind of record an entity's file provides. */
function rulesReading(entity: Loaded['inputs'][number]['entity'], rules: readonly RuleReading[]): string[] {
  const kinds = KINDS_OF_ENTITY[entity];
  return [...new Set(rules.filter((rule) => rule.needs.some((kind) => kinds.includes(kind))).map((rule) => rule.requirement))];
}

/**
 * An export with no rows (a header alone, `[]`, a sheet with only its header) is a failed
 * extract, not a service where nothing happened: audited, it would report every worker
 * unsupervised or every agreement missing. It stops the audit where a rule reads it.
 */
export function checkEmptyExports(loaded: Pick<Loaded, 'inputs'>, rules: readonly RuleReading[]): void {
  for (const input of loaded.inputs) {
    if (input.rowsRead > 0) continue;
    const readers = rulesReading(input.entity, rules);
    if (readers.length === 0 && input.entity !== 'workers') continue;
    const what = input.entity === 'workers' ? 'every rule' : `the rule${readers.length === 1 ? '' : 's'} ${readers.join(', ')}`;
    // Beside other downloads of the export, leaving it out leaves theirs.
    const others = loaded.inputs.filter((i) => i.entity === input.entity && i.rowsRead > 0).map((i) => i.file);
    const without =
      others.length > 0 ? `${others.join(' and ')} ${others.length === 1 ? 'is' : 'are'} then read alone` : input.entity === 'workers' ? 'an audit needs a workers export' : 'those rules are then reported as not run';
    throw new InputError(
      `${input.file}: the ${input.entity} export has no rows, only its header (a report whose filter matched nothing, or a download that failed?), and ${what} would read it as if nothing had happened. Export it again, or leave the file out to audit without it (${without})`,
    );
  }
}

/**
 * A workers export of which no row could be read leaves every session, agreement and staff
 * record with no worker: the stop names the workers file and its commonest problem, never
 * what hangs off it (the HR export's join, sessions of unknown workers).
 */
function checkWorkersRead(loaded: Pick<Loaded, 'inputs' | 'issues' | 'dataset'>, rules: readonly RuleReading[]): void {
  const files = loaded.inputs.filter((input) => input.entity === 'workers');
  if (files.length === 0 || loaded.dataset.workers.length > 0) return;
  const read = files.filter((input) => input.rowsRead > 0);
  if (read.length === 0) return checkEmptyExports({ inputs: files }, rules);
  const rows = read.reduce((sum, input) => sum + input.rowsRead, 0);
  const names = new Set(read.map((input) => input.file));
  const commonest = commonestProblem(loaded.issues.filter((i) => names.has(i.file) && i.effect === 'row rejected'));
  throw new InputError(
    `${read.map((input) => input.file).join(' and ')}: none of the ${rows.toLocaleString('en-GB')} rows of the workers export could be read, so there is no worker to audit.${example(commonest)} Correct the export and run again`,
  );
}

/** The commonest problem as a stop sentence quotes it, counting the rows (or a column's values) that have it, or nothing. */
function example(commonest: { issue: DataIssue; rows: number } | null, unit = 'row'): string {
  if (!commonest) return '';
  const { issue, rows } = commonest;
  return ` The commonest problem (${rows.toLocaleString('en-GB')} ${unit}${rows === 1 ? '' : 's'}) is at line ${issue.line}${issue.field ? `, ${issue.field}` : ''}${issue.value ? ` "${issue.value}"` : ''}: ${issue.problem}.`;
}

/** Form questions no layout reads quoted in a stop at most (a hostile file may have thousands); the rest are counted. */
const QUESTIONS_QUOTED = 3;

/**
 * A CSV file that ends inside a quoted value was cut off (a download or an export stopped part
 * way), or holds a stray quote that hides every row after it: either way what it held past that
 * point is unknown, however few rows that looks like, and the audit stops unless told to audit
 * what could be read (--max-rejected 100).
 */
export function checkCutOff(loaded: Pick<Loaded, 'issues'>, maxPercent: number): void {
  if (maxPercent >= 100) return;
  const cut = loaded.issues.find((i) => i.problem.startsWith(NEVER_CLOSED));
  if (cut === undefined) return;
  throw new InputError(
    `${cut.file}: a quoted value opened at line ${cut.line} is never closed, so the file ends inside it: the export or its download was cut off, or a stray quote hides the rows after it, and an audit would miss whatever followed. Export the file again (or correct the quote) and run again, or run with --max-rejected 100 to audit what could be read.`,
  );
}

/**
 * A form question renamed (a new version of the form from some month) leaves the forms that
 * answer it under its new name without the answer the layout reads: a required one rejects them
 * (checkRejectedShare names the question), but an optional one would be judged as not answered,
 * a false finding on every form since the change. Where the forms tell which question it renames
 * (form-pivot.ts renamedQuestions: a new version of the form), the audit stops on five forms or more, with the line that
 * reads it, unless told to audit the forms as read.
 */
export function checkRenamedQuestions(loaded: Pick<Loaded, 'renamedQuestions'>, maxPercent: number): void {
  if (maxPercent >= 100) return;
  const renamed = loaded.renamedQuestions.find((q) => q.forms >= AT_LEAST);
  if (renamed === undefined) return;
  const { file, line, question, lacks, forms, adapterFile } = renamed;
  throw new InputError(
    `${file}: ${forms.toLocaleString('en-GB')} forms, the first at line ${line}, answer question ${question}, which no layout reads, and have no ${lacks}, which the forms completed before them answer, so each would be judged as if ${lacks} had no answer. If ${question} is ${lacks} under a new name, add to ${adapterFile}: questions: { ${question}: ${lacks} } and run again, or run with --max-rejected 100 to audit the forms as read.`,
  );
}

/**
 * Stops the audit, with one sentence saying what to change, when a file's rejected rows are past
 * the limit. Where most of them hold codes the adapter does not map, it is the adapter that is
 * incomplete, not the export: the sentence says so, and the codes follow it (export-set.ts).
 */
export function checkRejectedShare(loaded: Pick<Loaded, 'inputs' | 'issues' | 'unmatchedStaffRecords'> & Partial<Pick<Loaded, 'unknownCodes'>>, maxPercent: number): void {
  for (const input of loaded.inputs) {
    const notRelevant = Object.values(input.notRelevant).reduce((a, b) => a + b, 0);
    const judged = input.rowsRead - notRelevant;
    const rejected = input.rowsRejected - notRelevant - (loaded.unmatchedStaffRecords.get(input.file) ?? 0);
    if (rejected < AT_LEAST || rejected * 100 <= maxPercent * judged) continue;
    const share = Math.round((rejected * 1000) / judged) / 10;
    const past = `${input.file}: ${rejected.toLocaleString('en-GB')} of its ${judged.toLocaleString('en-GB')} rows (${share}%) were rejected, more than --max-rejected ${maxPercent}% allows, so an audit of it would rest on a fraction of the export.`;
    const orElse = 'or run with --max-rejected 100 to audit what could be read.';
    const codeRows = (loaded.unknownCodes ?? []).filter((c) => c.file === input.file && c.effect === 'row rejected').reduce((sum, c) => sum + c.rows, 0);
    if (codeRows * 2 >= rejected) {
      throw new UnmappedCodesStop(`${past} ${codeRows.toLocaleString('en-GB')} of them hold codes the adapter does not map, each below with the line that maps it: add those lines to the adapter and run again, ${orElse}`);
    }
    const commonest = commonestProblem(loaded.issues.filter((i) => i.file === input.file && i.effect === 'row rejected'));
    // A renamed form question leaves the forms without an answer they need: the line that reads it is the way out.
    const unread = loaded.issues.filter((i) => i.file === input.file && isUnreadQuestion(i));
    const quoted = unread.slice(0, QUESTIONS_QUOTED).map((i) => ` Line ${i.line}, ${i.field} "${i.value}" (${(i.rows ?? 1).toLocaleString('en-GB')} row${i.rows === 1 ? '' : 's'}): ${i.problem}.`);
    const more = unread.length - quoted.length;
    const questions = quoted.join('') + (more > 0 ? ` And ${more.toLocaleString('en-GB')} more question${more === 1 ? '' : 's'} no layout reads.` : '');
    throw new InputError(`${past}${example(commonest)}${questions} Correct the export${unread.length > 0 ? ' or the adapter' : ''} and run again, ${orElse}`);
  }
}

/**
 * A column most of whose values cannot be read (a completed date in a clock the reader does not
 * know) stops the audit like a file of rejected rows: each of its values is only dropped, so the
 * rows are kept and the audit would go on as if the column were blank (every session
 * `unrecorded`). Judged on the column's non-blank values in rows that count, by the same limit.
 */
export function checkColumnsRead(loaded: Pick<Loaded, 'inputs' | 'columnReadings'>, maxPercent: number): void {
  for (const input of loaded.inputs) {
    for (const column of loaded.columnReadings.get(input.file) ?? []) {
      const { values, unreadable, commonest } = column;
      if (unreadable < AT_LEAST || unreadable * 100 <= maxPercent * values) continue;
      const share = Math.round((unreadable * 1000) / values) / 10;
      const first = commonest && { issue: { file: input.file, line: commonest.line, field: column.column, value: commonest.value, problem: commonest.problem, effect: 'value ignored' as const }, rows: commonest.count };
      throw new InputError(
        `${input.file}: ${unreadable.toLocaleString('en-GB')} of the ${values.toLocaleString('en-GB')} values in its column ${column.column} (${share}%) could not be read, more than --max-rejected ${maxPercent}% allows, so an audit would take them as ${column.takenAs ?? 'blank'}.${example(first, 'value')} Correct the export and run again, or run with --max-rejected 100 to audit what could be read.`,
      );
    }
  }
}

/**
 * The problem most rows of a file share, with its first issue as the example: problems are
 * told apart by field and words, the values they quote taken out.
 */
function commonestProblem(issues: readonly DataIssue[]): { issue: DataIssue; rows: number } | null {
  const byKind = new Map<string, { issue: DataIssue; rows: number }>();
  for (const issue of issues) {
    const kind = `${issue.field}\u0001${issue.problem.replace(/"[^"]*"/g, '""').replace(/\d+/g, '0')}`;
    const seen = byKind.get(kind);
    if (seen) seen.rows += issue.rows ?? 1;
    else byKind.set(kind, { issue, rows: issue.rows ?? 1 });
  }
  let best: { issue: DataIssue; rows: number } | null = null;
  for (const candidate of byKind.values()) if (best === null || candidate.rows > best.rows) best = candidate;
  return best;
}

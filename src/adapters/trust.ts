/**
 * When an export cannot be trusted, the audit stops (REQUIREMENTS.md, "When an export cannot be
 * trusted"): a file of which more than --max-rejected per cent of its rows (and at least five)
 * were rejected for data problems would give a report that rests on a fraction of it, and a
 * scheduled job reads exit 0 as all clear. Rows not relevant to the audit do not count, nor do
 * an HR export's rows that join no worker (judged by adapters/staff-numbers.ts alone).
 */
import type { Loaded } from './load.js';
import type { DataIssue } from '../model/issues.js';
import { InputError } from '../ingest/table.js';

export const DEFAULT_MAX_REJECTED = 25;
/** Fewer rejected rows than this never stop an audit, whatever their share: a small file with two bad rows is no sign of a wrong export. */
const AT_LEAST = 5;

/** Stops the audit, with one sentence saying what to change, when a file's rejected rows are past the limit. */
export function checkRejectedShare(loaded: Pick<Loaded, 'inputs' | 'issues' | 'unmatchedStaffRecords'>, maxPercent: number): void {
  for (const input of loaded.inputs) {
    const notRelevant = Object.values(input.notRelevant).reduce((a, b) => a + b, 0);
    const judged = input.rowsRead - notRelevant;
    const rejected = input.rowsRejected - notRelevant - (loaded.unmatchedStaffRecords.get(input.file) ?? 0);
    if (rejected < AT_LEAST || rejected * 100 <= maxPercent * judged) continue;
    const share = Math.round((rejected * 1000) / judged) / 10;
    const commonest = commonestProblem(loaded.issues.filter((i) => i.file === input.file && i.effect === 'row rejected'));
    const example = commonest
      ? ` The commonest problem (${commonest.rows.toLocaleString('en-GB')} row${commonest.rows === 1 ? '' : 's'}) is at line ${commonest.issue.line}${commonest.issue.field ? `, ${commonest.issue.field}` : ''}${commonest.issue.value ? ` "${commonest.issue.value}"` : ''}: ${commonest.issue.problem}.`
      : '';
    throw new InputError(
      `${input.file}: ${rejected.toLocaleString('en-GB')} of its ${judged.toLocaleString('en-GB')} rows (${share}%) were rejected, more than --max-rejected ${maxPercent}% allows, so an audit of it would rest on a fraction of the export.${example} Correct the export and run again, or run with --max-rejected 100 to audit what could be read.`,
    );
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

/**
 * The line a scheduled job sees on stderr when an audit or a look-ahead went on with data
 * issues (cron mails stderr; a report written to a file says nothing to it): how many, the
 * commonest kind, and where every one is listed. Written whether or not stderr is a terminal.
 */
import type { DataIssue } from '../model/issues.js';
import { visible } from '../report/visible.js';

/** The commonest kind of issue: the most issues of one file, field and effect; the first of them stands for it. */
function commonest(issues: readonly DataIssue[]): { example: DataIssue; count: number } {
  const counts = new Map<string, { example: DataIssue; count: number }>();
  let best: { example: DataIssue; count: number } | null = null;
  for (const issue of issues) {
    const key = `${issue.file}\u0000${issue.field}\u0000${issue.effect}`;
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { example: issue, count: 0 }));
    entry.count += 1;
    if (best === null || entry.count > best.count) best = entry;
  }
  return best!;
}

/** The sentence, or null when there were no data issues; `where` says where they are all listed. */
export function dataIssuesLine(issues: readonly DataIssue[], where: string): string | null {
  if (issues.length === 0) return null;
  const { example, count } = commonest(issues);
  const n = issues.length;
  const kind = `${example.file} line ${example.line}, ${example.field}: ${example.problem} (${example.effect})`;
  const what =
    n === 1
      ? `1 data issue in the exports: ${kind}`
      : `${n.toLocaleString('en-GB')} data issues in the exports, ${count === 1 ? 'each of its own kind; the first' : `the commonest (${count.toLocaleString('en-GB')}) like`} ${kind}`;
  return `supervision-audit: ${visible(what)}; ${visible(where)}\n`;
}

/**
 * Writes the sentence, if there were data issues, to standard error; nothing when standard
 * output failed, which ends the command with exit 2 and one sentence saying so (cli/main.ts).
 */
export function tellDataIssues(terminal: { stdout: { readonly failed?: boolean }; stderr: { write(text: string): unknown } }, issues: readonly DataIssue[], where: string): void {
  const line = dataIssuesLine(issues, where);
  if (line !== null && terminal.stdout.failed !== true) terminal.stderr.write(line);
}

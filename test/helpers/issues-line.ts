/**
 * The line an audit or look-ahead writes on stderr when it went on with data issues, taken out
 * of the rest of stderr: tests of a clean run hold stderr to nothing else, and tests of the line
 * read it here.
 */
const ISSUES_LINE = /^supervision-audit: [\d,]+ data issues? in the exports[^\n]*\n/m;

export function splitIssuesLine(stderr: string): { stderr: string; issuesLine: string | null } {
  const match = ISSUES_LINE.exec(stderr);
  if (match === null) return { stderr, issuesLine: null };
  return { stderr: stderr.slice(0, match.index) + stderr.slice(match.index + match[0].length), issuesLine: match[0] };
}

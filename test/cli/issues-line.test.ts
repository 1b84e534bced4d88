import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dataIssuesLine } from '../../src/cli/issues-line.js';
import type { DataIssue } from '../../src/model/issues.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const issue = (line: number, field: string, problem: string, file = 'exports/sessions.csv'): DataIssue => ({ file, line, field, value: 'x', problem, effect: 'row rejected' });

describe('the line on stderr when an audit goes on with data issues', () => {
  it('says nothing when there are none', () => {
    expect(dataIssuesLine([], 'anywhere')).toBeNull();
  });

  it.each([
    [[issue(7, 'WORKER_ID', 'worker 10006 is not in any workers file')], 'supervision-audit: 1 data issue in the exports: exports/sessions.csv line 7, WORKER_ID: worker 10006 is not in any workers file (row rejected); every one is listed in out/data-issues.csv\n'],
    [
      [issue(3, 'A', 'a is odd'), issue(9, 'DATE', '"31/02" is not a real date'), issue(12, 'DATE', '"30/02" is not a real date'), issue(4, 'A', 'a is odd', 'exports/workers.csv')],
      'supervision-audit: 4 data issues in the exports, the commonest (2) like exports/sessions.csv line 9, DATE: "31/02" is not a real date (row rejected); every one is listed in out/data-issues.csv\n',
    ],
    [[issue(3, 'A', 'a'), issue(4, 'B', 'b')], 'supervision-audit: 2 data issues in the exports, each of its own kind; the first exports/sessions.csv line 3, A: a (row rejected); every one is listed in out/data-issues.csv\n'],
    [[issue(2, 'NAME', 'bad \u001b]0;x\u0007 name')], 'supervision-audit: 1 data issue in the exports: exports/sessions.csv line 2, NAME: bad \\x1b]0;x\\x07 name (row rejected); every one is listed in out/data-issues.csv\n'],
  ])('%#', (issues, line) => {
    expect(dataIssuesLine(issues, 'every one is listed in out/data-issues.csv')).toBe(line);
  });

  const tmp = tempFolder();
  it('names where every one is listed, for a scheduled job with no terminal', async () => {
    const csv = await runMain('audit', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'csv', '--output', join(tmp.dir, 'csv'));
    expect(csv.issuesLine).toMatch(new RegExp(`^supervision-audit: 6 data issues in the exports, the commonest \\(2\\) like samples/barnsley/supervision_steps.csv line 1164, EVENT_DATETIME: .*; every one is listed in ${join(tmp.dir, 'csv', 'data-issues.csv')}\\n$`));
    const due = await runMain('due', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'json', '--output', join(tmp.dir, 'due.json'), '--fail-on', 'none');
    expect(due.issuesLine).toMatch(new RegExp(`; every one is listed in ${join(tmp.dir, 'due.json')}\\n$`));
    const table = await runMain('due', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'table', '--fail-on', 'none');
    expect(table.issuesLine).toMatch(/; `supervision-audit audit` lists every one\n$/);
  });

  it.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('the %s table counts the data issues as the JSON report does', async (id) => {
    const args = ['audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--fail-on', 'none'];
    const json = JSON.parse((await runMain(...args, '--format', 'json')).stdout) as { summary: { dataIssues: number }; dataIssues: unknown[] };
    const table = (await runMain(...args, '--format', 'table')).stdout;
    expect(json.summary.dataIssues).toBe(json.dataIssues.length);
    expect(table).toContain(`Data issues: ${json.summary.dataIssues} `);
    const line = (await runMain(...args, '--format', 'json')).issuesLine;
    expect(line).toMatch(new RegExp(`^supervision-audit: ${json.summary.dataIssues} data issues`));
  });
});

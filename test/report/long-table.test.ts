/**
 * Long lists in the terminal: laid out a block of rows at a time, they are the very text
 * cli-table3 makes of them as one table; and a terminal lists at most --limit of them.
 */
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { longTable } from '../../src/report/table.js';
import { cli } from '../e2e/helpers.js';
import type { Report } from '../../src/audit/report.js';

const HEAD = ['Worker', 'Requirement', 'Subject', 'Status', 'Due', 'Detail'];
const WORDS = ['supervised', 'on', '2026-08-12,', '9', 'days', 'after', 'it', 'was', 'due', 'every', '1', 'month', 'since', 'the', 'last', 'session', 'Ó Súilleabháin'];

function rows(count: number, seed: number): Array<Array<string>> {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  return Array.from({ length: count }, (_, i) => [
    `${10000 + i}${next(3) === 0 ? '' : `\nWorker ${next(100)}`}`,
    `BAR-6.1-${next(5)}\nBarnsley 6.1`,
    `case\n${500000 + next(1000)}`,
    ['late', 'overdue', 'missing'][next(3)]!,
    next(4) === 0 ? '' : `2026-0${1 + next(9)}-1${next(10)}`,
    Array.from({ length: 3 + next(30) }, () => WORDS[next(WORDS.length)]).join(' '),
  ]);
}

describe('a long list laid out a block at a time', () => {
  it.each([0, 1, 57, 199, 200, 201, 399, 400, 401, 650])('is the text of one cli-table3 table, for %i rows', (count) => {
    for (const color of [false, true]) {
      const c = new Chalk({ level: color ? 1 : 0 });
      const list = rows(count, count + 1).map((r) => [r[0]!, r[1]!, r[2]!, c.red(r[3]!), r[4]!, r[5]!]);
      const widths = [16, 24, 16, 16, null, 52];
      const whole = new Table({ head: HEAD.map((h) => c.bold(h)), style: { head: [], border: [], compact: false }, wordWrap: true, colWidths: widths as number[] });
      for (const row of list) whole.push(row);
      expect(longTable(c, HEAD, widths, list)).toBe(whole.toString());
      // The same rows made a block at a time as they are laid out, every width given: each row made once.
      const due = list.reduce((most, r) => Math.max(most, r[4]!.length), 'Due'.length) + 2;
      let made = 0;
      const lazy = { length: list.length, slice: (from: number, to: number) => list.slice(from, to).map((r) => (made++, r)) };
      expect(longTable(c, HEAD, [16, 24, 16, 16, due, 52], lazy)).toBe(whole.toString());
      expect(made).toBe(count);
    }
  });
});

describe('a terminal lists at most --limit exceptions and data issues', () => {
  const run = (...extra: string[]) => cli('audit', 'samples/newham', '--policy', 'newham', '--as-of', '2026-10-31', '--format', 'table', '--fail-on', 'none', ...extra);

  it('by default the first 100, then how many more and where they all are', () => {
    const { stdout } = run();
    const listed = [...stdout.matchAll(/^│ \d+ +│ NEW-/gm)].length;
    expect(listed).toBe(100);
    expect(stdout).toContain('Exceptions: 1041');
    expect(stdout).toContain('… and 941 more exceptions: every one is in --format csv, xlsx or json, or --limit 0 to list them all here');
  });

  it('every figure whatever the limit: only the lists are cut', () => {
    const limited = run('--limit', '3').stdout;
    const whole = run('--limit', '0').stdout;
    const figures = (text: string) => text.slice(0, text.indexOf('Exceptions: '));
    const withoutDataIssues = (text: string) => text.replace(/\nData issues: [\s\S]*?\n\n(?=Local readings|Not checkable)/, '\n');
    expect(withoutDataIssues(figures(limited))).toBe(withoutDataIssues(figures(whole)));
    expect([...limited.matchAll(/^│ \d+ +│ NEW-/gm)].length).toBe(3);
    expect(limited).toContain('… and 1,038 more exceptions');
  });

  it('refuses a limit that is not a whole number', () => {
    const refused = run('--limit', 'ten');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('supervision-audit: --limit ten is not a whole number (0 lists everything)\n');
  });
});

describe('a team’s exceptions in the terminal', () => {
  it('have a due column as wide as the team’s widest due date, or as its heading where none has one', async () => {
    const { renderTable } = await import('../../src/report/table.js');
    const report = JSON.parse(cli('audit', 'samples/newham', '--policy', 'newham', '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none').stdout) as Report;
    const teams = [...new Set(report.findings.map((f) => f.team))].filter((t): t is string => t !== null);
    expect(teams.length).toBeGreaterThan(1);
    // One team's exceptions with no due date; every other team's as they are.
    const bare = teams[0]!;
    const findings = report.findings.map((f) => (f.team === bare ? { ...f, dueDate: null } : f));
    expect(findings.some((f) => f.team !== bare && f.dueDate !== null)).toBe(true);
    const text = renderTable({ ...report, findings }, { color: false, width: 120, limit: 0 });
    // Each team's title, then its table's heading: the due column's width, 'Due' and a space each side at least.
    const tables = [...text.matchAll(/^(.+): \d+ exceptions?\n(?:.*\n)*?│ Worker +│ Requirement +│ Subject +│ Status +│ (Due *)│/gm)].map((m) => [m[1]!, m[2]!.length + 1] as const);
    expect(tables.length).toBe(new Set(report.findings.map((f) => f.team)).size);
    for (const [team, width] of tables) expect([team, width]).toEqual([team, team === bare ? 'Due'.length + 2 : '2026-10-31'.length + 2]);
  });
});

describe('the evidence pack lists at most --limit exceptions of each rule', () => {
  it('keeps the first of each rule, and counts the rest by rule', async () => {
    const { listedFindings } = await import('../../src/report/html.js');
    const f = (requirement: string, id: string, check = 'case-frequency') => ({ requirement, check, subject: { kind: 'case', id } }) as never;
    const findings = [f('A', '1'), f('A', '2'), f('A', '3'), f('B', '1'), f('C', '1'), f('C', '2')];
    const { listed, left } = listedFindings(findings, 2);
    expect(listed).toEqual([findings[0], findings[1], findings[3], findings[4], findings[5]]);
    expect([...left]).toEqual([['A case-frequency', 1]]);
    expect(listedFindings(findings, 0)).toEqual({ listed: findings, left: new Map() });
  });

  it('gives each rule its own limit where two checks enforce one requirement', async () => {
    const { listedFindings } = await import('../../src/report/html.js');
    const f = (check: string, id: string) => ({ requirement: 'A', check, subject: { kind: 'worker', id } }) as never;
    const findings = [f('staff-frequency', '1'), f('staff-frequency', '2'), f('staff-duration', '1'), f('staff-duration', '2'), f('staff-duration', '3')];
    const { listed, left } = listedFindings(findings, 2);
    expect(listed).toEqual([findings[0], findings[1], findings[2], findings[3]]);
    expect([...left]).toEqual([['A staff-duration', 1]]);
  });
});

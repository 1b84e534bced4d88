/**
 * The Newham (AzeusCare), Haringey (Liquid Logic LAS), Portsmouth (Liquid Logic LCS) and Walsall (Mosaic) samples, end to end through the
 * built command line, against their golden reports in test/expected/<id>/; the planted
 * situations are worked out by hand from src/generator/planted.ts. Regenerate the golden
 * files after a deliberate change with `npm run build && node test/expected/regenerate.js`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.js';
import type { Report } from '../../src/audit/report.js';

const golden = (id: string, name: string): string => readFileSync(join(ROOT, 'test/expected', id, name), 'utf8');
const withoutVersion = (json: string): unknown => ({ ...(JSON.parse(json) as Report), tool: { name: 'supervision-audit' } });

type Row = [requirement: string, status: string, subject: string, dueDate: string | null, daysOverdue: number | null];

const CASES: Array<{ id: string; system: string; planted: string[]; expected: Row[]; issues: number }> = [
  {
    id: 'newham',
    system: 'azeus',
    planted: ['990019', '599001', '599003'],
    expected: [
      // The supervisee of the session of 3 July answered DISAGREE.
      ['NEW-app7-agree', 'disagreed', '990019', null, null],
      // Child protection, held by 19001: case supervision monthly until 5 June 2026, then none.
      ['NEW-7.2-oversight', 'overdue', '599001', '2026-07-03', 120],
      ['NEW-7.2-formal', 'overdue', '599001', '2026-07-31', 92],
      // Legal planning decision on 2 October: no case supervision from 4 September to 9 October.
      ['NEW-7.2-decisions', 'missing', '599001', '2026-10-09', null],
      // The transfer decision of 8 October on 599003 was discussed on 15 October, the 5th working day: no finding.
    ],
    // The session dated 12-MAR-26 (Oracle's RR year) is read, not rejected.
    issues: 3,
  },
  {
    id: 'haringey',
    system: 'liquidlogic',
    planted: ['19101', '599101'],
    expected: [
      // Professional supervision 20 November, 18 February, 15 May: due 15 August, 77 days overdue on 31 October.
      ['HAR-4.2-professional', 'overdue', '19101', '2026-08-15', 77],
      // Discussed every three months until 10 May: due 10 August, 82 days overdue.
      ['HAR-6.2c-cases', 'overdue', '599101', '2026-08-10', 82],
    ],
    issues: 3,
  },
  {
    id: 'portsmouth',
    system: 'liquidlogic',
    planted: ['599001'],
    expected: [
      // File audited 20 September 2025 and not since: due 20 September 2026, 41 days overdue.
      ['POR-4-file-audit', 'overdue', '599001', '2026-09-20', 41],
    ],
    issues: 2,
  },
  {
    id: 'walsall',
    system: 'mosaic',
    planted: ['599001'],
    expected: [
      // Child protection, discussed monthly until 5 June 2026: every 2 months is due 5 August, 87 days overdue.
      ['WAL-cases', 'overdue', '599001', '2026-08-05', 87],
    ],
    issues: 5,
  },
];

describe.each(CASES)('the $id sample', ({ id, system, planted, expected, issues }) => {
  const args = ['audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31'];
  const json = cli(...args, '--format', 'json');
  const report = JSON.parse(json.stdout) as Report;

  it(`reads every file as ${system}, exits 1 and is exactly the expected report`, () => {
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    expect(report.inputs.every((i) => i.system === system)).toBe(true);
    expect(withoutVersion(json.stdout)).toEqual(withoutVersion(golden(id, 'report.json')));
  });

  it('prints exactly the expected table', () => {
    const table = cli(...args, '--format', 'table', '--limit', '0', '--fail-on', 'none');
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(golden(id, 'table.txt'));
  });

  it('accounts for every row: read = used + rejected, file by file and in all', () => {
    for (const input of report.inputs) expect(input.rowsRead).toBe(input.rowsUsed + input.rowsRejected);
    const sum = (k: 'rowsRead' | 'rowsUsed' | 'rowsRejected') => report.inputs.reduce((n, i) => n + i[k], 0);
    expect(report.summary).toMatchObject({ rowsRead: sum('rowsRead'), rowsUsed: sum('rowsUsed'), rowsRejected: sum('rowsRejected') });
    expect(report.dataIssues.filter((i) => i.effect !== 'note')).toHaveLength(issues);
  });

  it('runs every rule of the policy', () => {
    expect(report.summary.rules.filter((r) => r.status !== 'run')).toEqual([]);
  });

  it('raises exactly the hand-worked findings for the planted situations', () => {
    const found = report.findings
      .filter((f) => planted.includes(f.subject.id) && expected.some(([requirement]) => requirement === f.requirement))
      .map((f): Row => [f.requirement, f.status, f.subject.id, f.dueDate, f.daysOverdue]);
    expect(found).toEqual(expected);
  });
});

describe('what no report carries', () => {
  it.each(['newham', 'haringey', 'portsmouth', 'walsall'])('the %s report has no note, wellbeing or name text, in any format', (id) => {
    const texts = ['json', 'table', 'csv'].map((format) => cli('audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--format', format).stdout);
    for (const text of texts) {
      for (const words of ['Reflective discussion', 'spoke about', 'caring for a parent', 'Case reviewed', 'Planted case discussion', 'Home visit', 'Supervised contact']) {
        expect(text).not.toContain(words);
      }
    }
  });
});

describe('every bundled sample exercises every rule of its policy', () => {
  it.each(['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'])('%s: each rule runs, with at least one exception and one compliant subject', (id) => {
    const report = JSON.parse(cli('audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--format', 'json').stdout) as Report;
    const weak = report.summary.rules.filter((r) => r.status !== 'run' || r.exceptions === 0 || r.compliant === 0);
    expect(weak).toEqual([]);
  });
});

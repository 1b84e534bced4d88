/**
 * Outputs that never lose data or lie, with hostile values made here: a worker's name and a
 * team's name holding line breaks that open formulas and escape sequences that write the
 * clipboard or clear the screen. Every CSV written reads back with csv-parse, with no cell and
 * no line of a cell that a spreadsheet would run; no terminal table carries a control character.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, closeSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';
import { TEST_TODAY } from '../helpers/today.js';
import { ROOT } from './helpers.js';
import { neutralise } from '../../src/report/csv.js';

const tmp = tempFolder();

const NAME = 'Dunn\n=1+2\u001b]52;c;ZXZpbA==\u0007';
const TEAM = "Safeguarding\r=cmd|' /C calc'!A0\u001b[2J\u009b";
const AS_OF = ['--as-of', '2026-10-31'];

let copies = 0;
/** A copy of a sample whose workers export holds the hostile values (and any other edit). */
function hostileExports(sample = 'barnsley', edit: (row: Record<string, string>) => void = () => undefined): string {
  const dir = join(tmp.dir, `exports-${++copies}`);
  cpSync(join(ROOT, 'samples', sample), dir, { recursive: true });
  const file = join(dir, 'workers.csv');
  const rows = parse(readFileSync(file), { columns: true, bom: true }) as Array<Record<string, string>>;
  for (const row of rows) {
    if (row['WORKER_ID'] === '10013') row['LAST_NAMES'] = NAME;
    if (row['ORG_NAME'] === 'Safeguarding Team Central') row['ORG_NAME'] = TEAM;
    edit(row);
  }
  writeFileSync(file, stringify(rows, { header: true, quoted: true }));
  return dir;
}

/** Any control character but the line feeds that end a table's lines. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const FORMULA = /^[ \t\u00a0]*[=+\-@\t\r]/;

/** Reads a CSV file back as RFC 4180 says, and holds it to what a spreadsheet may meet. */
function readCsv(path: string): string[][] {
  const bytes = readFileSync(path, 'utf8');
  expect(bytes.startsWith('\uFEFF'), `${path} begins with a byte order mark`).toBe(true);
  // A reader that splits at every line break, as a careless one does, meets no formula either.
  for (const line of bytes.slice(1).split(/\r\n|\r|\n/)) expect(FORMULA.test(line), `${path}: ${JSON.stringify(line)}`).toBe(false);
  const records = parse(bytes, { bom: true, relax_quotes: false }) as string[][];
  for (const record of records) {
    expect(record.length).toBe(records[0]!.length);
    for (const cell of record) for (const line of cell.split(/[\r\n]/)) expect(FORMULA.test(line), `${path}: ${JSON.stringify(cell)}`).toBe(false);
  }
  return records;
}

const column = (records: string[][], name: string): string[] => records.slice(1).map((r) => r[records[0]!.indexOf(name)]!);

describe('every CSV written', () => {
  const exportsDir = hostileExports();

  it('the audit’s files: quoted, neutralised after every line break, with a byte order mark', async () => {
    const out = join(tmp.dir, 'audit-csv');
    const run = await runMain('audit', exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'csv', '--output', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const exceptions = readCsv(join(out, 'exceptions.csv'));
    expect(column(exceptions, 'team')).toContain("Safeguarding\r'=cmd|' /C calc'!A0\u001b[2J\u009b");
    readCsv(join(out, 'summary.csv'));
    readCsv(join(out, 'data-issues.csv'));
  });

  it('the look-ahead’s CSV file, and the index of a split', async () => {
    const file = join(tmp.dir, 'due.csv');
    expect((await runMain('due', exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'csv', '--output', file, '--fail-on', 'none')).stderr).toBe('');
    const due = readCsv(file);
    expect(column(due, 'worker_name').find((n) => n.includes('=1+2'))).toMatch(/ Dunn\n'=1\+2\u001b]52;c;ZXZpbA==\u0007$/);
    const split = join(tmp.dir, 'due-split');
    expect((await runMain('due', exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'csv', '--split-by', 'team', '--output', split, '--fail-on', 'none')).stderr).toBe('');
    const index = readCsv(join(split, 'index.csv'));
    for (const name of column(index, 'file')) readCsv(join(split, name));
    const auditSplit = join(tmp.dir, 'audit-split');
    expect((await runMain('audit', exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'json', '--split-by', 'team', '--output', auditSplit)).stderr).toBe('');
    expect(column(readCsv(join(auditSplit, 'index.csv')), 'team')).toContain("Safeguarding\r'=cmd|' /C calc'!A0\u001b[2J\u009b");
  });

  it('diff’s changes and rules, and CSV on standard output', async () => {
    const report = join(tmp.dir, 'hostile.json');
    await runMain('audit', exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'json', '--output', report);
    const out = join(tmp.dir, 'diff-csv');
    expect((await runMain('diff', report, report, '--format', 'csv', '--output', out, '--fail-on', 'none')).stderr).toBe('');
    expect(column(readCsv(join(out, 'changes.csv')), 'team')).toContain("Safeguarding\r'=cmd|' /C calc'!A0\u001b[2J\u009b");
    readCsv(join(out, 'rules.csv'));
    const stdout = await runMain('audit', exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'csv');
    const records = parse(stdout.stdout) as string[][];
    expect(records.every((r) => r.length === records[0]!.length)).toBe(true);
  });
});

describe('a terminal', () => {
  const exportsDir = hostileExports();

  /** Runs with stdout and stderr as a colour terminal's. */
  async function onTerminal(...argv: string[]): Promise<{ stdout: string; stderr: string }> {
    const { main } = await import('../../src/cli/main.js');
    let stdout = '';
    let stderr = '';
    await main(argv, { stdout: { isTTY: true, columns: 200, write: (t: string) => (stdout += t) }, stderr: { isTTY: true, write: (t: string) => (stderr += t) }, env: { SUPERVISION_AUDIT_TODAY: TEST_TODAY } });
    return { stdout, stderr };
  }

  it.each([
    ['audit', ['audit', '--limit', '0']],
    ['due', ['due', '--limit', '0']],
  ])('%s shows every control character of a name escaped, and sends none', async (_, [command, ...rest]) => {
    const run = await onTerminal(command!, exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'table', ...rest!);
    // Colour is the table's own: every escape left is a colour (SGR) sequence.
    const withoutColour = run.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(CONTROL.test(withoutColour)).toBe(false);
    expect(run.stdout).toContain('Safeguarding\\r=cmd|');
    expect(run.stdout).toContain('\\x1b[2J\\x9b');
    expect(run.stderr.replace(/\r\u001b\[K/g, '')).not.toMatch(CONTROL);
  });

  it('audit shows a worker’s name with a line feed, escaped, in a table written without colour', async () => {
    const run = await runMain('audit', exportsDir, '--policy', 'barnsley', ...AS_OF, '--format', 'table', '--limit', '0');
    // The name is wrapped in its narrow column: its pieces are there, the raw characters are not.
    expect(run.stdout).toContain('Dunn\\n=1+2');
    expect(CONTROL.test(run.stdout)).toBe(false);
  });

  it('an option’s value echoed in a usage error is shown escaped', async () => {
    const run = await runMain('audit', 'samples/barnsley', '--policy', 'barnsley', '--format', '\u001b[2Jtable');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('\\x1b[2Jtable');
    expect(CONTROL.test(run.stderr)).toBe(false);
  });

  it('an error naming a file shows the file name’s control characters escaped', async () => {
    const run = await runMain('audit', join(tmp.dir, 'no\u001b]0;owned\u0007such'), '--policy', 'barnsley');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no\\x1b]0;owned\\x07such');
    expect(CONTROL.test(run.stderr)).toBe(false);
  });
});

describe('--output among the exports', () => {
  const exportsDir = hostileExports();
  const workers = join(exportsDir, 'workers.csv');
  const before = readFileSync(workers);
  const elsewhere = join(tmp.dir, 'link-to-exports');
  symlinkSync(exportsDir, elsewhere);

  it.each([
    ['the export itself', [workers], workers, 'is the export'],
    ['an export inside a folder of exports', [exportsDir], workers, 'is inside'],
    ['a file inside a folder of exports', [exportsDir], join(exportsDir, 'report.json'), 'is inside'],
    ['the folder of exports, for CSV files', [exportsDir], exportsDir, 'is inside'],
    ['a folder inside it', [exportsDir], join(exportsDir, 'reports', 'october'), 'is inside'],
    ['the folder holding an export file', [workers], join(exportsDir, 'report.json'), 'in the folder of the export'],
    ['the same folder by a symbolic link', [exportsDir], join(elsewhere, 'workers.csv'), 'is inside'],
  ])('is refused before anything is read: %s', async (_, inputs, output, words) => {
    for (const command of ['audit', 'due']) {
      const run = await runMain(command, ...inputs, '--policy', 'barnsley', ...AS_OF, '--format', 'csv', '--output', output);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^supervision-audit: --output .* ${words}.*; write it to another folder\\n$`));
      expect(readFileSync(workers)).toEqual(before);
      expect(readdirSync(exportsDir).sort()).toEqual(readdirSync(join(ROOT, 'samples', 'barnsley')).sort());
    }
  });
});

describe('--split-by team', () => {
  const longName = `Team ${'Ω'.repeat(40)}${'x'.repeat(300)}`;
  const exportsDir = hostileExports('walsall', (row) => {
    if (row['ORG_NAME'] === 'Fostering Team') row['ORG_NAME'] = longName;
    // A real team called unallocated, beside cases that have no team.
    if (row['ORG_NAME'] === 'Leaving Care Team') row['ORG_NAME'] = 'unallocated';
    if (row['ORG_NAME'] === 'Children in Care Team') row['ORG_NAME'] = 'Children-in-Care team';
    if (row['ORG_NAME'] === 'Disabled Children\'s Team') row['ORG_NAME'] = 'Children in care TEAM';
  });

  it('writes every team’s file, short names, one file for no team known apart from a team called unallocated', async () => {
    const out = join(tmp.dir, 'split-ok');
    const run = await runMain('audit', exportsDir, '--policy', 'walsall', ...AS_OF, '--format', 'json', '--split-by', 'team', '--output', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const index = readCsv(join(out, 'index.csv'));
    const files = column(index, 'file');
    const teams = column(index, 'team');
    expect(readdirSync(out).sort()).toEqual([...files, 'index.csv'].sort());
    for (const file of files) expect(Buffer.byteLength(file)).toBeLessThanOrEqual(74);
    expect(files[teams.indexOf('(no team)')]).toBe('_no-team.json');
    expect(files[teams.indexOf('unallocated')]).toBe('unallocated.json');
    // Names that fold alike each carry a suffix of their own name, whatever the order.
    expect(files[teams.indexOf('Children-in-Care team')]).toMatch(/^children-in-care-team-[0-9a-f]{8}\.json$/);
    expect(files[teams.indexOf('Children in care TEAM')]).toMatch(/^children-in-care-team-[0-9a-f]{8}\.json$/);
    const all = JSON.parse((await runMain('audit', exportsDir, '--policy', 'walsall', ...AS_OF, '--format', 'json')).stdout) as { findings: Array<{ team: string | null }> };
    let listed = 0;
    for (const [i, file] of files.entries()) {
      const part = JSON.parse(readFileSync(join(out, file), 'utf8')) as { findings: Array<{ team: string | null }> };
      // The index's names are neutralised as every CSV cell is.
      expect(part.findings.every((f) => neutralise(f.team ?? '(no team)') === teams[i])).toBe(true);
      expect(String(part.findings.length)).toBe(column(index, 'exceptions')[i]);
      listed += part.findings.length;
    }
    expect(listed).toBe(all.findings.length);
  });

  it('writes no file at all when one cannot be written, and leaves nothing beside the folder', async () => {
    const out = join(tmp.dir, 'split-fails');
    mkdirSync(join(out, 'index.csv'), { recursive: true });
    writeFileSync(join(out, 'kept.txt'), 'a file of the user’s');
    const run = await runMain('audit', exportsDir, '--policy', 'walsall', ...AS_OF, '--format', 'csv', '--split-by', 'team', '--output', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`supervision-audit: cannot write ${join(out, 'index.csv')}: a folder of that name is in the way; nothing was written\n`);
    expect(readdirSync(out).sort()).toEqual(['index.csv', 'kept.txt']);
    expect(readdirSync(join(out, 'index.csv'))).toEqual([]);
    expect(readdirSync(dirname(out)).filter((name) => name.startsWith(`.${basename(out)}`))).toEqual([]);
  });

  it('replaces last month’s files in a folder that is there already', async () => {
    const out = join(tmp.dir, 'split-again');
    for (let i = 0; i < 2; i++) {
      const run = await runMain('due', exportsDir, '--policy', 'walsall', ...AS_OF, '--format', 'xlsx', '--split-by', 'team', '--output', out, '--fail-on', 'none');
      expect(run.stderr).toBe('');
    }
    const files = column(readCsv(join(out, 'index.csv')), 'file');
    expect(readdirSync(out).sort()).toEqual([...files, 'index.csv'].sort());
  });
});

describe('standard output that cannot be written', () => {
  const BIN = join(ROOT, 'bin', 'supervision-audit.js');
  const args = [BIN, 'audit', 'samples/barnsley', '--policy', 'barnsley', ...AS_OF, '--format', 'json', '--fail-on', 'none'];
  const env = { ...process.env, SUPERVISION_AUDIT_TODAY: TEST_TODAY };

  it.skipIf(!existsSync('/dev/full'))('a full disk: exit 2 and one sentence, with --fail-on none', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^supervision-audit: cannot write to standard output: the disk is full; the output is incomplete$/m);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      closeSync(full);
    }
  });

  it.each([
    ['audit', args],
    // Exports with data issues: the line that says where they are listed would name the cut-short output.
    ['audit of exports with data issues', [BIN, 'audit', 'samples/newham', '--policy', 'newham', ...AS_OF, '--format', 'json', '--fail-on', 'none']],
    ['due of exports with data issues', [BIN, 'due', 'samples/newham', '--policy', 'newham', ...AS_OF, '--format', 'json', '--fail-on', 'none']],
  ])('%s, to a reader that closed the pipe: exit 2 and one sentence', async (_, argv) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('supervision-audit: cannot write to standard output: the program reading it closed the pipe; the output is incomplete\n');
  });

  it('a reader of both outputs that closed the pipe (2>&1 | head): exit 2 all the same, never a crash', async () => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
  });
});

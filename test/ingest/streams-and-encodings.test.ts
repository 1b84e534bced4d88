/**
 * Exports handed over as the shell hands them (a pipe, /dev/stdin) are read as streams; what
 * cannot be an export file (a device, a named pipe nobody writes to) is refused at once, in one
 * sentence. A UTF-8 export with a stray byte stays UTF-8, the byte replaced and reported.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { ROOT } from '../e2e/helpers.js';
import { runMain } from '../helpers/run-main.js';
import { TEST_TODAY } from '../helpers/today.js';
import { splitIssuesLine } from '../helpers/issues-line.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();
const SAMPLE = join(ROOT, 'samples/barnsley');
const BIN = fileURLToPath(new URL('../../bin/supervision-audit.js', import.meta.url));
const ARGS = '--policy barnsley --as-of 2026-10-31 --format json --fail-on none';

/** Runs the built command line through bash, for its process substitution and redirections. */
function shell(command: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync('bash', ['-c', command.replaceAll('AUDIT', `"${process.execPath}" "${BIN}" audit`)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1', SUPERVISION_AUDIT_TODAY: TEST_TODAY },
  });
  // The one line that counts the data issues is the data's, not what these tests look at.
  return { code: run.status, stdout: run.stdout, stderr: splitIssuesLine(run.stderr).stderr };
}

const findings = (report: Report): string[] => report.findings.map((f) => `${f.requirement} ${f.subject.id} ${f.status} ${f.dueDate ?? ''}`).sort();

/** The sample without its workers export, to be handed over some other way. */
function withoutWorkers(name: string): string {
  const dir = join(tmp.dir, name);
  cpSync(SAMPLE, dir, { recursive: true });
  rmSync(join(dir, 'workers.csv'));
  return dir;
}

describe('an export handed over as a stream', () => {
  const clean = shell(`AUDIT samples/barnsley ${ARGS}`);

  it.each([
    ['a pipe, <(cat workers.csv)', (dir: string) => `AUDIT ${dir} <(cat samples/barnsley/workers.csv) ${ARGS}`],
    ['/dev/stdin from a pipe', (dir: string) => `cat samples/barnsley/workers.csv | AUDIT ${dir} /dev/stdin ${ARGS}`],
    ['/dev/stdin from a file', (dir: string) => `AUDIT ${dir} /dev/stdin ${ARGS} < samples/barnsley/workers.csv`],
  ])('reads %s as the file it carries', (name, command) => {
    const run = shell(command(withoutWorkers(name.replace(/\W+/g, '-'))));
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(findings(report)).toEqual(findings(JSON.parse(clean.stdout) as Report));
    expect(report.inputs.filter((i) => i.entity === 'workers').map((i) => i.rowsUsed)).toEqual([53]);
  });

  it('reads JSON from a pipe, told by its first character', () => {
    const dir = withoutWorkers('json-pipe');
    const [header, ...rows] = readFileSync(join(SAMPLE, 'workers.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const json = JSON.stringify({ value: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))) });
    const file = tmp.write('workers-json.txt', json);
    const run = shell(`AUDIT ${dir} <(cat ${file}) ${ARGS}`);
    expect(run.stderr).toBe('');
    expect(findings(JSON.parse(run.stdout) as Report)).toEqual(findings(JSON.parse(clean.stdout) as Report));
  });

  it.each([
    ['a device', () => '/dev/zero', '/dev/zero is a device, not an export file: name the export file itself'],
    ['a named pipe', () => {
      const fifo = join(tmp.dir, 'exports.fifo');
      spawnSync('mkfifo', [fifo]);
      return fifo;
    }, 'exports.fifo is a named pipe (FIFO), which the audit does not wait on'],
  ])('refuses %s at once, in one sentence', (_, path, sentence) => {
    const started = Date.now();
    const run = shell(`AUDIT samples/barnsley ${path()} ${ARGS}`);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(sentence);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('refuses a workbook handed over as a pipe', () => {
    const run = shell(`AUDIT samples/barnsley <(printf 'PK\\003\\004rest') ${ARGS}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is a workbook handed over as a pipe, which the audit cannot read/);
  });
});

describe('a UTF-8 export with a stray byte', () => {
  it('stays UTF-8: the byte is replaced and reported with its line, the rest read as written', async () => {
    const dir = join(tmp.dir, 'stray');
    cpSync(SAMPLE, dir, { recursive: true });
    const text = readFileSync(join(SAMPLE, 'workers.csv'));
    // A Windows-1252 apostrophe (0x92) pasted at the end of a first name on line 4.
    const lines = text.toString('utf8').split('\n');
    const [before, after] = [Buffer.from(lines.slice(0, 3).join('\n') + '\n'), Buffer.from(lines.slice(3).join('\n'))];
    const at = after.indexOf(',', after.indexOf(',', after.indexOf(',') + 1) + 1);
    writeFileSync(join(dir, 'workers.csv'), Buffer.concat([before, after.subarray(0, at), Buffer.from([0x92]), after.subarray(at)]));
    const run = await runMain('audit', dir, ...ARGS.split(' '));
    const report = JSON.parse(run.stdout) as Report;
    const clean = JSON.parse((await runMain('audit', SAMPLE, ...ARGS.split(' '))).stdout) as Report;
    expect(report.inputs.find((i) => i.file.endsWith('/workers.csv'))).toMatchObject({ encoding: 'utf-8', rowsUsed: 53 });
    expect(report.dataIssues.filter((i) => i.file.endsWith('/workers.csv') && i.problem.includes('UTF-8'))).toEqual([
      expect.objectContaining({ line: 4, field: 'FIRST_NAMES', effect: 'kept', problem: expect.stringContaining('bytes that are not UTF-8') }),
    ]);
    expect(findings(report)).toEqual(findings(clean));
    expect(JSON.stringify(report)).not.toContain('â€™');
  });
});

/**
 * What an audit does to files: it never changes its inputs, writes outputs whole or not at
 * all, and leaves nothing behind when it stops.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { runMain } from '../helpers/run-main.js';
import { tempFolder } from '../helpers/tmp.js';

const tmp = tempFolder();

function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => {
      const path = join(dir, name);
      return [name, `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${statSync(path).mtimeMs}`];
    }),
  );
}

describe('files', () => {
  it('leaves the input files exactly as they were', async () => {
    for (const sample of ['barnsley', 'newham', 'haringey']) {
      const dir = join(ROOT, 'samples', sample);
      const before = fingerprint(dir);
      await runMain('audit', dir, '--policy', sample, '--as-of', '2026-10-31', '--format', 'csv', '--output', join(tmp.dir, `out-${sample}`));
      expect(fingerprint(dir)).toEqual(before);
    }
  });

  it('writes the CSV files whole, and no temporary file stays beside them', async () => {
    const out = join(tmp.dir, 'whole');
    const run = await runMain('audit', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'csv', '--output', out);
    expect(run.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['data-issues.csv', 'exceptions.csv', 'summary.csv']);
  });

  it('writes nothing when the audit stops on bad input', async () => {
    const out = join(tmp.dir, 'stopped');
    const run = await runMain('audit', 'test/fixtures/bad/missing-columns', '--policy', 'barnsley', '--format', 'csv', '--output', out);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('stops with one line when the output cannot be written, and leaves no partial file', async () => {
    const blocker = join(tmp.dir, 'a-file');
    writeFileSync(blocker, 'in the way');
    const run = await runMain('audit', 'samples/barnsley', '--policy', 'barnsley', '--as-of', '2026-10-31', '--format', 'csv', '--output', join(blocker, 'out'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^supervision-audit: cannot write .*a-file\/out\/\w+\.csv: a part of the path is a file, not a folder; nothing was written\n$/);
    expect(readdirSync(tmp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an earlier report whole', async () => {
    const file = join(tmp.dir, 'report.json');
    writeFileSync(file, 'an older report');
    const run = await runMain('audit', 'samples/haringey', '--policy', 'haringey', '--as-of', '2026-10-31', '--format', 'json', '--output', file);
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).schemaVersion).toBe(1);
    expect(readdirSync(tmp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

const NEWHAM_ISSUES =
  'supervision-audit: 4 data issues in the exports, each of its own kind; the first samples/newham/case_activities.csv line 2737, CASE_ACT_CD: unknown caseStepTypes code "HOME_VISIT": add it under codes.caseStepTypes in policies/newham/adapter.yaml (row rejected); the report on standard output lists every one\n';

describe('progress', () => {
  async function audit(stderrIsTTY: boolean) {
    let stdout = '';
    let stderr = '';
    const { main } = await import('../../src/cli/main.js');
    const code = await main(['audit', 'samples/newham', '--policy', 'newham', '--as-of', '2026-10-31', '--format', 'json'], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { isTTY: stderrIsTTY, write: (t: string) => (stderr += t) },
      env: {},
    });
    return { code, stdout, stderr };
  }

  it('shows files and rows read on a terminal’s stderr, and clears its line at the end', async () => {
    const run = await audit(true);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('reading samples/newham/agreements.csv (0 of 8 files read, 0 rows so far)');
    expect(run.stderr).toContain('read 8 files, 5,142 rows');
    // Then each rule as it is checked, so that no part of a long audit looks like a hang.
    expect(run.stderr).toContain('checking rule 1 of ');
    expect(run.stderr).toMatch(/checking rule (\d+) of \1, /);
    // The progress line is cleared before the line on data issues, which stays.
    expect(run.stderr.endsWith(`\r\u001b[K${NEWHAM_ISSUES}`)).toBe(true);
    expect(JSON.parse(run.stdout).schemaVersion).toBe(1);
  });

  it('writes only the line on data issues when stderr is not a terminal (what cron mails)', async () => {
    expect((await audit(false)).stderr).toBe(NEWHAM_ISSUES);
  });

  it('says which file it writes, and a diff what it reads and compares', async () => {
    const { main } = await import('../../src/cli/main.js');
    const dir = mkdtempSync(join(tmpdir(), 'progress-'));
    try {
      let stderr = '';
      const terminal = { stdout: { write: () => true }, stderr: { isTTY: true, write: (t: string) => (stderr += t) }, env: {} };
      const report = join(dir, 'report.json');
      await main(['audit', 'samples/newham', '--policy', 'newham', '--as-of', '2026-10-31', '--format', 'json', '--output', report, '--fail-on', 'none'], terminal);
      expect(stderr).toContain(`writing ${report}`);
      stderr = '';
      await main(['diff', report, report, '--format', 'json', '--output', join(dir, 'changes.json')], terminal);
      expect(stderr).toContain(`reading ${report}`);
      expect(stderr).toMatch(/comparing 1,041 exceptions with 1,041/);
      expect(stderr).toContain(`writing ${join(dir, 'changes.json')}`);
      expect(stderr.endsWith('\r\u001b[K')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Some hardened hosts run Node with --disallow-code-generation-from-strings (in NODE_OPTIONS).
 * The audit compiles its record readers where it can and goes through the fields one by one
 * where it cannot, with the same report; the workbook and evidence pack, whose libraries need
 * such code, are refused before anything is read, in one sentence.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../helpers/today.js';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin/supervision-audit.js');
const FORBID = '--disallow-code-generation-from-strings';
const out = mkdtempSync(join(tmpdir(), 'code-generation-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(nodeFlags: string[], ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...nodeFlags, BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1', SUPERVISION_AUDIT_TODAY: TEST_TODAY } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('Node run with code generation from strings forbidden', () => {
  it.each([
    ['audit', 'barnsley'],
    ['audit', 'portsmouth'],
    ['due', 'walsall'],
  ])('%s of the %s sample, read on two threads, gives the same report', (command, id) => {
    const args = [command, `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--format', 'json', '--threads', '2', '--fail-on', 'none'];
    const forbidden = run([FORBID], ...args);
    const allowed = run([], ...args);
    expect(forbidden.code).toBe(0);
    expect(forbidden.stdout).toBe(allowed.stdout);
    expect(forbidden.stderr).toBe(allowed.stderr);
  });

  it.each([
    ['audit', 'xlsx', 'a workbook'],
    ['audit', 'html', 'an evidence pack'],
    ['due', 'xlsx', 'a workbook'],
  ])('%s --format %s stops at once, in one sentence', (command, format, what) => {
    const file = join(out, `${command}.${format}`);
    const stopped = run([FORBID], command, 'samples/barnsley', '--policy', 'barnsley', '--format', format, '--output', file);
    expect(stopped.code).toBe(2);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toBe(
      `supervision-audit: --format ${format} cannot be written here: Node is run with --disallow-code-generation-from-strings (in NODE_OPTIONS?), and the library that writes ${what} needs it. Give --format csv or json, or run without that option\n`,
    );
    expect(existsSync(file)).toBe(false);
  });
});

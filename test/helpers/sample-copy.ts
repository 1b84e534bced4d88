/** A copy of a bundled sample in a temporary folder, with some of its files changed, and its audit. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { cli, ROOT } from '../e2e/helpers.js';

let copies = 0;

export function sampleWith(tmpDir: string, sample: string, changes: Record<string, (text: string) => string>): string {
  const dir = join(tmpDir, `${sample}-${++copies}`);
  cpSync(join(ROOT, 'samples', sample), dir, { recursive: true });
  for (const [file, change] of Object.entries(changes)) writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

/** The JSON report of an audit of the folder on 31 October 2026, which must run (exit 0, whatever it finds). */
export function auditReport(dir: string, policy: string): Report {
  const run = cli('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** Copies of the bundled samples in a temporary folder, with some of their files changed, and their audit. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../../src/audit/report.js';
import { cli, ROOT } from '../e2e/helpers.js';

/** Copies a sample to `dest`, rewriting each named file with what its edit makes of it. */
function copySample(dest: string, sample: string, change: Record<string, (text: string) => string>): string {
  cpSync(join(ROOT, 'samples', sample), dest, { recursive: true });
  for (const [name, edit] of Object.entries(change)) writeFileSync(join(dest, name), edit(readFileSync(join(dest, name), 'utf8')));
  return dest;
}

let copies = 0;

export function sampleWith(tmpDir: string, sample: string, changes: Record<string, (text: string) => string>): string {
  return copySample(join(tmpDir, `${sample}-${++copies}`), sample, changes);
}

/**
 * A copier of the bundled samples into `dir`: `copy('barnsley', { 'workers.csv': edit })` makes a
 * new copy whose workers.csv is what `edit` makes of it.
 */
export function sampleCopier(dir: string): (sample: string, change?: Record<string, (text: string) => string>) => string {
  let n = 0;
  return (sample, change = {}) => copySample(join(dir, `${sample}-copy-${++n}`), sample, change);
}

/** The JSON report of an audit of the folder on 31 October 2026, which must run (exit 0, whatever it finds). */
export function auditReport(dir: string, policy: string): Report {
  const run = cli('audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', 'json', '--fail-on', 'none');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

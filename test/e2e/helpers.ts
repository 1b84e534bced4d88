import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_TODAY } from '../helpers/today.js';
import { splitIssuesLine } from '../helpers/issues-line.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/supervision-audit.js', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  /** stderr without the line on data issues, which is `issuesLine`. */
  stderr: string;
  issuesLine: string | null;
}

/** Runs the built command line (npm test builds first) from the repository root. */
export function cli(...args: string[]): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1', SUPERVISION_AUDIT_TODAY: TEST_TODAY } });
  return { code: result.status, stdout: result.stdout, ...splitIssuesLine(result.stderr) };
}

const runs = new Map<string, CliRun>();

/**
 * `cli`, run once in a test file for the same arguments and its result shared: for the bundled
 * samples, which no test changes, so that every test of a sample's audit reads the one run.
 */
export function cliOnce(...args: string[]): CliRun {
  const key = JSON.stringify(args);
  let run = runs.get(key);
  if (run === undefined) {
    run = cli(...args);
    runs.set(key, run);
  }
  return run;
}

/** Runs the command line in this process, as the launcher does, capturing what it writes. */
import { main } from '../../src/cli/main.js';
import { TEST_TODAY } from './today.js';
import { splitIssuesLine } from './issues-line.js';

export interface MainRun {
  code: number;
  stdout: string;
  /** stderr without the line on data issues, which is `issuesLine`. */
  stderr: string;
  issuesLine: string | null;
}

type Main = typeof main;

async function run(entry: Main, argv: string[]): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const code = await entry(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { SUPERVISION_AUDIT_TODAY: TEST_TODAY },
  });
  return { code, stdout, ...splitIssuesLine(stderr) };
}

export function runMain(...argv: string[]): Promise<MainRun> {
  return run(main, argv);
}

/**
 * Runs the compiled command line (npm test builds first): reading threads run compiled code,
 * so this is how tests reach them.
 */
export async function runBuiltMain(...argv: string[]): Promise<MainRun> {
  const built = (await import('../../dist/cli/main.js' as string)) as { main: Main };
  return run(built.main, argv);
}

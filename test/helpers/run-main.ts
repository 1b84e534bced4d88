/** Runs the command line in this process, as the launcher does, capturing what it writes. */
import { main } from '../../src/cli/main.js';

export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(...argv: string[]): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  });
  return { code, stdout, stderr };
}

// Runs the command line once in this process, its output written to a temporary folder that is
// removed after, and prints the time it took and the process's peak memory as JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/cli/main.js';

/** `argv(out)` is the command's arguments, writing under the folder `out`. */
export async function timedCommand(argv) {
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  let stderr = '';
  const terminal = { stdout: { write: () => true }, stderr: { write: (t) => (stderr += t) }, env: {} };
  const started = performance.now();
  const code = await main(argv(out), terminal);
  const ms = performance.now() - started;
  rmSync(out, { recursive: true, force: true });
  if (code !== 0) {
    process.stderr.write(stderr);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

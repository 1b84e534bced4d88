// Runs the command line once in this process, its output written to a temporary folder that is
// removed after, and prints the time it took and the process's peak memory as JSON (with, when
// asked, each phase's figures as the command line appends them to SUPERVISION_AUDIT_PHASES).
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limitHeapGrowth } from '../dist/cli/heap.js';
import { main } from '../dist/cli/main.js';

// As the launcher does, so that the figures are those of the command users run.
limitHeapGrowth();

/** `argv(out)` is the command's arguments, writing under the folder `out`; `phases`: time each phase too. */
export async function timedCommand(argv, { phases = false } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  const phasesFile = join(out, 'phases.jsonl');
  let stderr = '';
  // Standard output goes to a file, as `> report.json` sends it.
  const stdout = openSync(join(out, 'stdout'), 'w');
  const terminal = { stdout: { write: (t) => (writeSync(stdout, t), true) }, stderr: { write: (t) => (stderr += t) }, env: phases ? { SUPERVISION_AUDIT_PHASES: phasesFile } : {} };
  const started = performance.now();
  const code = await main(argv(out), terminal);
  const ms = performance.now() - started;
  closeSync(stdout);
  const phaseLines = phases && existsSync(phasesFile) ? readFileSync(phasesFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) : undefined;
  rmSync(out, { recursive: true, force: true });
  if (code !== 0) {
    process.stderr.write(stderr);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, phases: phaseLines }));
}

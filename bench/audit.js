// The full audit of an export folder to a report (JSON unless a format is given: table, csv, xlsx,
// html; any further arguments are passed on, say --limit 0), in this process as the command line
// runs it. Prints its figures as JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/cli/main.js';

const [dir, policy, format = 'json', ...extra] = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'bench-'));
let stderr = '';
const terminal = { stdout: { write: () => true }, stderr: { write: (t) => (stderr += t) }, env: {} };
const started = performance.now();
const code = await main(['audit', dir, '--policy', policy, '--as-of', '2026-10-31', '--format', format, '--output', join(out, `report.${format}`), '--fail-on', 'none', ...extra], terminal);
const ms = performance.now() - started;
rmSync(out, { recursive: true, force: true });
if (code !== 0) {
  process.stderr.write(stderr);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

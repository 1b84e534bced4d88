// `diff` of two reports to a file, in this process as the command line runs it. Prints its figures as JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../dist/cli/main.js';

const [earlier, later, format] = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'bench-'));
let stderr = '';
const terminal = { stdout: { write: () => true }, stderr: { write: (t) => (stderr += t) }, env: {} };
const started = performance.now();
const code = await main(['diff', earlier, later, '--format', format, '--output', join(out, `changes.${format === 'table' ? 'txt' : format}`), '--fail-on', 'none'], terminal);
const ms = performance.now() - started;
rmSync(out, { recursive: true, force: true });
if (code !== 0) {
  process.stderr.write(stderr);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

#!/usr/bin/env node
// `npm start [-- <sample>]`: audits a bundled sample with its own policy as of 31 October 2026
// (barnsley unless another is named), printing the report table.
import { readdirSync } from 'node:fs';
import { main } from '../dist/cli/main.js';

const samples = readdirSync(new URL('../samples/', import.meta.url));
const sample = process.argv[2] ?? 'barnsley';
if (!samples.includes(sample)) {
  process.stderr.write(`supervision-audit: no sample ${sample} (samples: ${samples.join(', ')})\n`);
  process.exit(2);
}
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const args = ['audit', `samples/${sample}`, '--policy', sample, '--as-of', '2026-10-31', '--format', 'table', '--fail-on', 'none'];
process.exitCode = await main(args, { stdout: process.stdout, stderr: process.stderr, env: process.env });

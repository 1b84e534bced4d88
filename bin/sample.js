#!/usr/bin/env node
// `npm start [-- <sample>]`: audits a bundled sample with its own policy as of 31 October 2026
// (barnsley unless another is named), printing the report table, through the usual launcher.
import { readdirSync } from 'node:fs';

const samples = readdirSync(new URL('../samples/', import.meta.url));
const sample = process.argv[2] ?? 'barnsley';
if (!samples.includes(sample)) {
  process.stderr.write(`supervision-audit: no sample ${sample} (samples: ${samples.join(', ')})\n`);
  process.exit(2);
}
process.argv.splice(2, Infinity, 'audit', `samples/${sample}`, '--policy', sample, '--as-of', '2026-10-31', '--format', 'table', '--fail-on', 'none');
await import('./supervision-audit.js');

// The peer: polars' bare read of every file of an export set, every column as text (Utf8), on
// one thread, and nothing done with the rows. Prints its figures as JSON, as the other bench
// scripts do.
//
//     POLARS_MAX_THREADS=1 node bench/polars/read.js bench/data/1000000-histories
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// polars sizes its thread pool from this when it first loads: one thread, as the audit's own
// reading would have on one core. bench/run.js sets it; set here too for a run by hand.
process.env.POLARS_MAX_THREADS ??= '1';
const { default: pl } = await import('nodejs-polars');

const dir = process.argv[2];
const started = performance.now();
let rows = 0;
for (const name of readdirSync(dir).sort()) {
  // No schema inferred: every column read as text, as pandas' read with dtype=str.
  rows += pl.readCSV(join(dir, name), { inferSchemaLength: 0, numThreads: 1 }).height;
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

// The floor: csv-parse streaming every export file with no work per row. Prints its figures as JSON.
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';

const dir = process.argv[2];
const started = performance.now();
let rows = 0;
for (const name of readdirSync(dir).sort()) {
  await new Promise((resolve, reject) => {
    createReadStream(join(dir, name))
      .pipe(parse())
      .on('data', () => rows++)
      .on('end', resolve)
      .on('error', reject);
  });
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

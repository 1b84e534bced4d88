/**
 * `npm run generate`: writes export sets made by the seeded generator.
 *
 *   npm run generate -- --sample barnsley [--out samples/barnsley]
 *   npm run generate -- --authority barnsley --workers 200 --months 24 --out /tmp/big [--seed 7]
 */
import { Command } from 'commander';
import { makeScenario } from './scenario.js';
import { SAMPLES, writeSample } from './samples.js';
import { writeExportFiles } from './writers/csv-files.js';
import { mosaicFiles } from './writers/mosaic.js';

const program = new Command('generate')
  .option('--sample <id>', `regenerate a bundled sample (${Object.keys(SAMPLES).join(', ')})`)
  .option('--authority <id>', 'the authority whose kind of data to make', 'barnsley')
  .option('--workers <n>', 'about how many workers', '40')
  .option('--months <n>', 'months of history', '18')
  .option('--as-of <date>', 'the audit date the data is made for', '2026-10-31')
  .option('--seed <n>', 'the random seed', '1')
  .option('--caseload <n>', 'cases per case-holding worker', '4')
  .option('--out <dir>', 'where to write the files');

program.parse();
const o = program.opts<{ sample?: string; authority: string; workers: string; months: string; asOf: string; seed: string; caseload: string; out?: string }>();

if (o.sample) {
  const definition = SAMPLES[o.sample];
  if (!definition) {
    process.stderr.write(`generate: no sample ${o.sample} (samples: ${Object.keys(SAMPLES).join(', ')})\n`);
    process.exit(2);
  }
  const files = writeSample(definition, o.out ?? `samples/${o.sample}`);
  process.stdout.write(`${files.join('\n')}\n`);
} else {
  if (!o.out) {
    process.stderr.write('generate: --out <dir> is needed\n');
    process.exit(2);
  }
  const data = makeScenario({ seed: Number(o.seed), workers: Number(o.workers), months: Number(o.months), asOf: o.asOf, caseload: Number(o.caseload) });
  const files = writeExportFiles(o.out, mosaicFiles(data));
  process.stdout.write(`${files.join('\n')}\n`);
}

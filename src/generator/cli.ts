/**
 * `npm run generate`: writes export sets made by the seeded generator.
 *
 *   npm run generate -- --sample newham [--out samples/newham]
 *   npm run generate -- --authority haringey --workers 200 --months 24 --out /tmp/big [--system mosaic] [--seed 7]
 *
 * `--authority` makes data of that authority's kind (children's or adults') in the layouts of
 * the system it runs, unless `--system` names another.
 */
import { Command, Option } from 'commander';
import { SYSTEMS, type SystemId } from '../adapters/layout.js';
import { makeScenario } from './scenario.js';
import { authorityExportFiles, SAMPLES, writeSample } from './samples.js';
import { writeExportFiles } from './writers/csv-files.js';

const program = new Command('generate')
  .option('--sample <id>', `regenerate a bundled sample (${Object.keys(SAMPLES).join(', ')})`)
  .addOption(new Option('--authority <id>', 'the authority whose kind of data to make').choices(Object.keys(SAMPLES)).default('barnsley'))
  .addOption(new Option('--system <system>', 'the layouts to write (default: the authority’s system)').choices(SYSTEMS))
  .option('--workers <n>', 'about how many workers', '40')
  .option('--months <n>', 'months of history', '18')
  .option('--as-of <date>', 'the audit date the data is made for', '2026-10-31')
  .option('--seed <n>', 'the random seed', '1')
  .option('--caseload <n>', 'cases per case-holding worker', '4')
  .option('--out <dir>', 'where to write the files');

program.parse();
const o = program.opts<{ sample?: string; authority: string; system?: SystemId; workers: string; months: string; asOf: string; seed: string; caseload: string; out?: string }>();

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
  const kind = SAMPLES[o.authority]!;
  const data = makeScenario({ seed: Number(o.seed), workers: Number(o.workers), months: Number(o.months), asOf: o.asOf, caseload: Number(o.caseload), service: kind.service });
  const files = writeExportFiles(o.out, authorityExportFiles(o.authority, o.system ?? kind.system, data));
  process.stdout.write(`${files.join('\n')}\n`);
}

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/helpers.js';

/**
 * Copies of the bundled samples in a temporary folder, each with some of its files changed:
 * `copy('barnsley', { 'workers.csv': edit })` rewrites workers.csv with what `edit` makes of it.
 */
export function sampleCopier(dir: string): (sample: string, change?: Record<string, (text: string) => string>) => string {
  let n = 0;
  return (sample, change = {}) => {
    const copy = join(dir, `${sample}-${++n}`);
    cpSync(join(ROOT, 'samples', sample), copy, { recursive: true });
    for (const [name, edit] of Object.entries(change)) writeFileSync(join(copy, name), edit(readFileSync(join(copy, name), 'utf8')));
    return copy;
  };
}

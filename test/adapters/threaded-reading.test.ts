/**
 * Reading on several threads gives exactly what reading on one gives: the same report, byte
 * for byte, for every sample, every broken export in the corpus, and damaged exports. Reading
 * threads run compiled code, so these tests run the build (npm test builds first).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.js';
import { runBuiltMain } from '../helpers/run-main.js';

const BAD = join(ROOT, 'test/fixtures/bad');
const SAMPLES = ['barnsley', 'newham', 'haringey', 'portsmouth', 'walsall'];

async function bothWays(...argv: string[]): Promise<void> {
  const one = await runBuiltMain(...argv, '--threads', '1');
  const several = await runBuiltMain(...argv, '--threads', '3');
  expect(several).toEqual(one);
}

describe('reading on several threads', () => {
  it('has compiled reading threads to run', async () => {
    const { readingThreads } = (await import('../../dist/adapters/read-files.js' as string)) as { readingThreads(): boolean };
    expect(readingThreads()).toBe(true);
  });

  it.each(SAMPLES)('gives the same report for the %s sample', async (id) => {
    await bothWays('audit', `samples/${id}`, '--policy', id, '--as-of', '2026-10-31', '--format', 'json');
  });

  it.each(readdirSync(BAD).filter((name) => statSync(join(BAD, name)).isDirectory()))('gives the same outcome for the broken export %s', async (name) => {
    await bothWays('audit', `test/fixtures/bad/${name}`, '--policy', 'barnsley', '--from', '2026-10-01', '--as-of', '2026-10-31', '--format', 'json');
  });

  it('reports the first unreadable file in file order, whichever thread read it first', async () => {
    const run = await runBuiltMain('audit', 'samples/barnsley/workers.csv', 'test/fixtures/bad/empty-file', 'test/fixtures/bad/binary-garbage', '--policy', 'barnsley', '--threads', '3');
    const alone = await runBuiltMain('audit', 'test/fixtures/bad/empty-file', '--policy', 'barnsley');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(alone.stderr);
  });

  it('refuses a thread count that is not a whole number from 1', async () => {
    for (const bad of ['0', '-1', '1.5', 'two']) {
      const run = await runBuiltMain('audit', 'samples/barnsley', '--policy', 'barnsley', '--threads', bad);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`supervision-audit: --threads ${bad} is not a whole number from 1 to 999\n`);
    }
  });
});

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

  it('names every unreadable file in file order, whichever thread read it first', async () => {
    const files = ['samples/barnsley/workers.csv', 'test/fixtures/bad/empty-file', 'test/fixtures/bad/binary-garbage'];
    const run = await runBuiltMain('audit', ...files, '--policy', 'barnsley', '--threads', '3');
    const oneThread = await runBuiltMain('audit', ...files, '--policy', 'barnsley', '--threads', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(oneThread.stderr);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      'supervision-audit: the export set cannot be audited as it is: the header of 1 file matches no known export layout and 1 file cannot be read. Each is below.',
      'test/fixtures/bad/empty-file/supervision_steps.csv is empty: an export needs at least a header row',
      'test/fixtures/bad/binary-garbage/supervision_steps.csv: the header matches no known export layout. No known layout has any column of it',
    ]);
  });

  it('reads the codes of a set with a renamed column on every thread alike', async () => {
    const run = await runBuiltMain('audit', 'samples/barnsley', 'test/fixtures/bad/missing-columns/supervision_steps.csv', '--policy', 'barnsley', '--threads', '3');
    const oneThread = await runBuiltMain('audit', 'samples/barnsley', 'test/fixtures/bad/missing-columns/supervision_steps.csv', '--policy', 'barnsley', '--threads', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(oneThread.stderr);
    expect(run.stderr).toContain('samples/barnsley/plans.csv: PLAN_TYPE holds 1 code policies/barnsley/adapter.yaml does not map (codes.planTypes), in 1 row, each rejected: "CIN_DCT" (line 212, 1 row)');
  });

  it('refuses a thread count that is not a whole number from 1', async () => {
    for (const bad of ['0', '-1', '1.5', 'two']) {
      const run = await runBuiltMain('audit', 'samples/barnsley', '--policy', 'barnsley', '--threads', bad);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`supervision-audit: --threads ${bad} is not a whole number from 1 to 999\n`);
    }
  });
});
